import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ChatIdentities } from '../../bots/core/identities.js';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { freePort } from '../../graph/neo4j/server/launch.js';
import type { Failpoint } from '../../src/domain/failpoints.js';
import { demoHub } from '../support/hub.js';
import { firstLine, hubProcess } from '../support/npm-start.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';

// Issue 36, point 2: killed (SIGKILL) at each step of handling `!anfrage` through Synapse (after
// the message was claimed, after the request was committed, after the answer was sent), the
// restarted hub delivers everything once: one request, one "ist gestellt" to the requester, one
// notification to the KIK. Seen failing before the fix: after a kill behind the claim the
// requester never got an answer.

const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const RADEBEUL = 'municipality:14627-radebeul';
const QUESTION = 'Wer bietet Deutschkurse für Eltern an?';

const STEPS: Failpoint[] = ['matrix-after-claim', 'request-after-commit', 'matrix-after-send'];

describe('a command through Synapse when the hub is killed while handling it', () => {
  it.each(STEPS)(
    'killed at %s, the restarted hub files one request and delivers one answer and one notification',
    async (step) => {
      const dir = mkdtempSync(join(tmpdir(), 'hub-crash-'));
      const store = EmbeddedStore.open(dir);
      const hub = await demoHub(store);
      const [links] = await store.linksOf([RADEBEUL]);
      const kikId = links!.find((l) => l.type === 'SERVES' && !l.until)!.fromId;
      const volunteer = await MatrixUser.register('volunteer');
      const kik = await MatrixUser.register('kik');
      const bot = await MatrixUser.registerWithToken('hubbot-crash');
      const identities = new ChatIdentities(hub.store);
      const admin = await identities.viewerOfPerson('person:demo-admin');
      for (const [user, personId] of [
        [volunteer, VOLUNTEER],
        [kik, kikId],
      ] as const) {
        await identities.requestLink({ transport: 'matrix', userId: user.userId }, personId);
        await identities.confirm({ transport: 'matrix', userId: user.userId }, admin);
      }
      await store.close();

      const env = {
        HUB_DATA_DIR: dir,
        MATRIX_HOMESERVER_URL: inject('synapseUrl'),
        MATRIX_ACCESS_TOKEN: bot.accessToken,
        HUB_LEASE_SECONDS: '3',
        HUB_TIMER_SECONDS: '2',
      };
      const start = async (extra: Record<string, string> = {}) => {
        const child = hubProcess({ ...env, PORT: String(await freePort()), ...extra });
        await firstLine(child.stdout!, /Matrix bot .* started/);
        return child;
      };
      const crashing = await start({ HUB_FAILPOINT: step });
      const killed = new Promise<NodeJS.Signals | null>((resolve) =>
        crashing.once('exit', (_code, signal) => resolve(signal)),
      );
      const room = await volunteer.createRoom([bot.userId], { is_direct: true });
      await volunteer.waitFor(async () => (await volunteer.members(room)).includes(bot.userId));
      const asked = await volunteer.send(room, `!anfrage Radebeul Sprache ${QUESTION}`);
      expect(await killed).toBe('SIGKILL');

      const restarted = await start();
      try {
        const [answer] = await volunteer.repliesTo(room, asked, 1, 60_000);
        expect(answer!.content.body).toMatch(/^Ihre Anfrage request:\w+ ist gestellt/);
        // The KIK's direct chat (any the bot opened), joined as a client would.
        const joined = new Set<string>();
        const notices = async () => {
          for (const invited of await kik.invitedRooms())
            if (!joined.has(invited)) {
              await kik.join(invited);
              joined.add(invited);
            }
          const all = await Promise.all([...joined].map((r) => kik.messages(r)));
          return all.flat().filter((m) => m.sender === bot.userId && String(m.content.body).includes(QUESTION));
        };
        await kik.waitFor(async () => ((await notices()).length ? true : null), 60_000);
        // Time for anything a second delivery would send.
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        expect(await volunteer.repliesTo(room, asked, 2, 1_000)).toHaveLength(1);
        expect(await notices()).toHaveLength(1);
      } finally {
        const stopped = new Promise((resolve) => restarted.once('exit', resolve));
        restarted.kill('SIGTERM');
        await stopped;
      }
      const after = EmbeddedStore.open(dir);
      expect(await after.requests.requestsOf(VOLUNTEER, 10)).toHaveLength(1);
      await after.close();
      rmSync(dir, { recursive: true, force: true });
    },
    180_000,
  );
});
