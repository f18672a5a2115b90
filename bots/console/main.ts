import { runCli } from '../../graph/data/cli-support.js';
import { openStore, seedDemoIfEmpty } from '../../graph/open-store.js';
import { loadConfig } from '../../src/config.js';
import { createServices, notifyingServices, serviceOptionsFrom } from '../../src/services/hub-services.js';
import { OutboxNotifier } from '../../src/services/chat/notification-outbox.js';
import { chatBotsConfigured } from '../start-bots.js';
import { wordNotice } from '../core/notice-texts.js';
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
    const services = createServices(
      store,
      serviceOptionsFrom(config, new PrivacyKeys(await loadHubSecret(store)), wordNotice),
    );
    // This process runs no chat bot: like a hub instance without the bots, it leaves chat
    // notifications in the store for the hub that runs them; mails go to the store's mail outbox,
    // which the running hub sends.
    const chat = chatBotsConfigured(process.env, config.dataDir);
    if (chat) for (const service of notifyingServices(services)) service.addNotifier(new OutboxNotifier(store));
    if (store.name === 'embedded') await seedDemoIfEmpty(store, services);
    const speaker = values.as ? await resolveSpeaker(services, values.as) : null;
    if (process.stdin.isTTY)
      console.log(`Chat with the hub${speaker ? ` as ${speaker.name}` : ''}. Try !hilfe; Ctrl-D ends.`);
    await runConsoleChat(
      services,
      process.stdin,
      process.stdout,
      speaker,
      config.publicUrl,
      chat || config.mail ? 'hub' : 'none',
    );
  } finally {
    await store.close();
  }
});
