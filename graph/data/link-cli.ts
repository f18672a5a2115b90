import { loadConfig } from '../../src/config.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { openStore } from '../open-store.js';
import { runCli } from './cli-support.js';
import { commandLine } from '../../src/launch/command-line.js';

const USAGE = 'Usage: npm run link -- confirm <chat account> <person id | full name> [--discord]';

// `npm run link -- confirm @anna:example.org <person id | full name> [--discord]`: links a chat
// account to its person on the word of whoever runs the hub's server, as the first links must
// be made (an admin's own account; afterwards coordinators confirm with !bestätigen).

await runCli(async () => {
  const { positionals, values } = commandLine(USAGE, {
    allowPositionals: true,
    options: { discord: { type: 'boolean', default: false } },
  });
  const [command, account, ...nameWords] = positionals;
  if (command !== 'confirm' || !account || nameWords.length === 0) throw new Error(USAGE);
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const wanted = nameWords.join(' ');
    let personId = wanted;
    if (!wanted.startsWith('person:')) {
      const matches = (await store.search(wanted, ['Person'], 10)).filter(
        (p) => p.name.toLocaleLowerCase('de') === wanted.toLocaleLowerCase('de'),
      );
      if (matches.length !== 1)
        throw new Error(
          matches.length === 0
            ? `Nobody is called "${wanted}"; give the person id instead.`
            : `${matches.length} people are called "${wanted}": ${matches.map((p) => p.id).join(', ')}; give the person id.`,
        );
      personId = matches[0]!.id;
    }
    const identities = new ChatIdentities(store);
    await identities.linkByAdmin(
      { transport: values.discord ? 'discord' : 'matrix', userId: account },
      personId,
      'operator',
    );
    // A running hub keeps chat links in memory: the change counter tells it to read them again.
    await store.writes.bumpChangeSequence();
    const [person] = await store.entitiesByIds([personId]);
    console.log(`${account} is now linked to ${person?.name ?? personId} (${personId}).`);
  } finally {
    await store.close();
  }
});
