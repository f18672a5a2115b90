import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { openStore } from '../open-store.js';
import { runCli } from './cli-support.js';
import { parseImport } from './import-file.js';
import { commandLine } from '../../src/launch/command-line.js';

const USAGE = 'Usage: npm run import -- FILE.csv | FILE.json';

// `npm run import -- FILE.csv|FILE.json`: adds the file's records, all or nothing.

await runCli(async () => {
  const [file] = commandLine(USAGE, { allowPositionals: true, options: {} }).positionals;
  if (!file) throw new Error(USAGE);
  const format = extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
  const { bundle, lineOf } = parseImport(readFileSync(file, 'utf8'), format);
  const config = loadConfig();
  const store = await openStore(config);
  try {
    await new NetworkWriter(store, config.rules).apply(bundle, { actor: SYSTEM, action: 'import', lineOf });
    const total = Object.values(bundle).reduce((sum, items) => sum + items.length, 0);
    console.log(`Imported ${total} records from ${file} into the ${store.name} store.`);
  } finally {
    await store.close();
  }
});
