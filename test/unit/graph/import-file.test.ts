import { SYSTEM } from '../../../src/services/access/domain/authorization.js';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../graph/embedded/embedded-store.js';
import { parseImport } from '../../../graph/data/import-file.js';
import { NetworkWriter } from '../../../src/services/writes/network-writer.js';
import { smallNetwork } from '../../support/mothers.js';

async function storeWithSmallNetwork() {
  const store = EmbeddedStore.inMemory();
  const writer = new NetworkWriter(store, { kikLimitPerLandkreis: 10 });
  await writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
  return { store, writer };
}

const CSV_HEADER = 'type,id,name,districtAgs,personId,role,scopeId,linkType,fromId,toId,since,email,emailVisibility';

describe('importing a file', () => {
  it('imports a good CSV file with people, roles and links', async () => {
    const { store, writer } = await storeWithSmallNetwork();
    const csv = [
      CSV_HEADER,
      'municipality,,Weinböhla,99001,,,,,,,,,',
      'person,person:imp-1,Clara Richter,,,,,,,,,clara@example.invalid,NETWORK',
      'role,,,,person:imp-1,KIK,district:99001,,,,,,',
      'link,,,,,,,SERVES,person:imp-1,municipality:99001-weinboehla,2024-01-15,,',
    ].join('\n');
    const { bundle, lineOf } = parseImport(csv, 'csv');
    await writer.apply(bundle, { actor: SYSTEM, action: 'import', lineOf });
    const [person, town] = await store.entitiesByIds(['person:imp-1', 'municipality:99001-weinboehla']);
    expect(person).toMatchObject({
      name: 'Clara Richter',
      channels: [{ channel: 'EMAIL', value: 'clara@example.invalid', visibility: 'NETWORK' }],
    });
    expect(town).toMatchObject({ name: 'Weinböhla' });
    expect((await store.linksOf(['person:imp-1']))[0]).toHaveLength(1);
  });

  it('names the line of a record that cannot be read, before writing anything', () => {
    const csv = [
      CSV_HEADER,
      'municipality,,Weinböhla,99001,,,,,,,,,',
      'link,,,,,,,SERVES,person:kik-1,municipality:99001-coswig,31.12.2020,,',
    ].join('\n');
    expect(() => parseImport(csv, 'csv')).toThrow(/^Line 3: since must be a date as YYYY-MM-DD\./);
  });

  it('names the line that breaks a rule and writes nothing of the file', async () => {
    const { store, writer } = await storeWithSmallNetwork();
    const before = await store.counts();
    const json = `[
  {"type": "municipality", "name": "Weinböhla", "districtAgs": "99001"},
  {"type": "person", "id": "person:imp-2", "name": "Ben Wolf"},
  {"type": "link", "linkType": "SERVES",
   "fromId": "person:imp-2", "toId": "municipality:99001-weinboehla"}
]`;
    const { bundle, lineOf } = parseImport(json, 'json');
    await expect(writer.apply(bundle, { actor: SYSTEM, action: 'import', lineOf })).rejects.toMatchObject({
      code: 'IMPORT_ROW_INVALID',
      line: 4,
    });
    expect(await store.counts()).toEqual(before);
  });

  it('refuses broken JSON and unknown record types with their line', () => {
    expect(() => parseImport('[\n{"type": "municipality",\n}', 'json')).toThrow(/^Line 3: the JSON cannot be read/);
    expect(() => parseImport('[\n  {"type": "spaceship", "name": "x"}\n]', 'json')).toThrow(/^Line 2: type/);
  });
});
