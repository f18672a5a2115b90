import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../../../schema/print.js';
import { readWebOperationTypes, WEB_TYPES_FILE, webOperationTypes } from '../../../schema/web-types.js';

it('schema/schema.graphql matches the schema the code builds (run "npm run schema:print")', () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
});

it('the map page reads the types generated from the schema for its own operations (run "npm run schema:print")', async () => {
  expect(readFileSync(WEB_TYPES_FILE, 'utf8')).toBe(await readWebOperationTypes(printedSchema()));
});

it('refuses to generate types for a map operation the schema does not allow', () => {
  const schema = readFileSync(SCHEMA_FILE, 'utf8');
  expect(() => webOperationTypes(schema, 'query Broken { network { nodes { phoneNumber } } }')).toThrow(
    /Cannot query field "phoneNumber" on type "NetworkNode"/,
  );
  expect(webOperationTypes(schema, 'query Ok { districts { ags } }')).toContain('ags: string;');
});
