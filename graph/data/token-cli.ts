import { loadConfig } from '../../src/config.js';
import type { AccessRole } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { AccessService } from '../../src/services/access/access.js';
import { openStore } from '../open-store.js';
import { runCli } from './cli-support.js';
import { commandLine } from '../../src/launch/command-line.js';

// `npm run token -- create --person ID --access ADMIN --label TEXT [--district AGS] [--personal-data]`
// `npm run token -- list`, `npm run token -- revoke TOKEN_ID`: run on the server, so it acts as the system.

const USAGE =
  'Usage: npm run token -- create --person ID --access VOLUNTEER|COORDINATOR|DISTRICT_COORDINATOR|ANALYST|ADMIN --label TEXT [--district AGS] [--personal-data] | list | revoke TOKEN_ID';

await runCli(async () => {
  const { positionals, values } = commandLine(USAGE, {
    allowPositionals: true,
    options: {
      person: { type: 'string' },
      access: { type: 'string' },
      label: { type: 'string' },
      district: { type: 'string' },
      'personal-data': { type: 'boolean' },
    },
  });
  const [command, argument] = positionals;
  const store = await openStore(loadConfig());
  const access = new AccessService(store);
  try {
    if (command === 'create') {
      if (!values.person || !values.access || !values.label) throw new Error(USAGE);
      const { token, secret } = await access.create(
        {
          personId: values.person,
          access: values.access as AccessRole,
          districtAgs: values.district ?? null,
          personalData: values['personal-data'] ?? false,
          label: values.label,
        },
        SYSTEM,
      );
      console.log(
        `Created ${token.id} (${token.access}) for ${token.personId}. The secret is shown only now:\n${secret}`,
      );
    } else if (command === 'list') {
      for (const t of await access.list())
        console.log(
          `${t.id}\t${t.access}\t${t.personId}\t${t.label}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}`,
        );
    } else if (command === 'revoke' && argument) {
      await access.revoke(argument, SYSTEM);
      console.log(`Revoked ${argument}.`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await store.close();
  }
});
