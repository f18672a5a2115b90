import { runCli } from '../../graph/data/cli-support.js';
import { openStore, seedDemoIfEmpty } from '../../graph/open-store.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services/hub-services.js';
import { loadHubSecret, PrivacyKeys } from '../../src/services/access/privacy-keys.js';
import { resolveSpeaker, runConsoleChat } from './console-chat.js';
import { commandLine } from '../../src/launch/command-line.js';

const USAGE =
  'Usage: npm run chat [-- --as <person id | name | volunteer | kik | koordinationskraft | admin>]\nReads commands (e.g. !hilfe) line by line and prints the answers; Ctrl-D ends.';

// `npm run chat [-- --as <person id | name | volunteer | kik | koordinationskraft | admin>]`

await runCli(async () => {
  const { values } = commandLine(USAGE, { options: { as: { type: 'string' } } });
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const services = createServices(store, {
      rules: config.rules,
      privacy: new PrivacyKeys(await loadHubSecret(store)),
    });
    if (store.name === 'embedded') await seedDemoIfEmpty(store, services);
    const speaker = values.as ? await resolveSpeaker(services, values.as) : null;
    if (process.stdin.isTTY)
      console.log(`Chat with the hub${speaker ? ` as ${speaker.name}` : ''}. Try !hilfe; Ctrl-D ends.`);
    await runConsoleChat(services, process.stdin, process.stdout, speaker, config.publicUrl);
  } finally {
    await store.close();
  }
});
