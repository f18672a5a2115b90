import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './index.js';
import { readWebOperationTypes, WEB_TYPES_FILE } from './web-types.js';

// `npm run schema:print`: writes schema/schema.graphql and the map page's operation types generated
// from it (schema/web-types.ts), both committed; a test fails when either is stale.

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), 'schema.graphql');

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`Wrote ${SCHEMA_FILE}`);
  writeFileSync(WEB_TYPES_FILE, await readWebOperationTypes(printedSchema()));
  console.log(`Wrote ${WEB_TYPES_FILE}`);
}
