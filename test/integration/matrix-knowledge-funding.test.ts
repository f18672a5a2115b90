import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';
import { startHubBot } from '../support/synapse/hub-bot.js';

// The knowledge base and funding calls of issue 18 on Matrix, through the real Synapse: the
// Koordinationskraft finds the demo article with a typo, subscribes to a topic's calls, and gets
// exactly one reminder in their direct chat when a deadline is 28 days away.

const KK = 'person:demo-14627-koordinationskraft';
const DAY = 86_400_000;

describe('knowledge and funding on Matrix', () => {
  let hub: TestHub;
  let bot: MatrixBot;
  let kk: MatrixUser;
  let direct: string;
  let daysLater = 0;

  beforeAll(async () => {
    hub = await demoHub(undefined, { now: () => new Date(Date.now() + daysLater * DAY) });
    kk = await MatrixUser.register('kk-knowledge');
    let botAccount: { userId: string };
    ({ bot, botAccount } = await startHubBot(hub, 'hubbot-knowledge', [[kk, KK]]));
    direct = await kk.createRoom([botAccount.userId], { is_direct: true });
    await kk.waitFor(async () => (await kk.members(direct)).includes(botAccount.userId));
  });
  afterAll(() => bot?.stop());

  it('finds the demo article on accommodation written "unterbringng"', async () => {
    const answer = String((await kk.ask(direct, '!wissen unterbringng')).content.body);
    expect(answer).toContain('Gefunden zu „unterbringng“:');
    expect(answer).toMatch(/1\. Unterbringung Geflüchteter im Landkreis Meißen: die ersten Schritte \(Leitfaden\)/);
  });

  it('reminds a subscriber of a deadline in their direct chat, once', async () => {
    const subscribed = String((await kk.ask(direct, '!foerderung abonnieren Wohnen')).content.body);
    expect(subscribed).toBe('Abonniert. Sie werden vor Fristen erinnert zu: Unterbringung und Wohnen');
    daysLater = 18; // the Land's demo call closes 45 days after the seed: 27 days are left
    expect(await hub.services.funding.remindDue()).toBe(1);
    expect(await hub.services.funding.remindDue()).toBe(0);
    const reminders = async () =>
      (await kk.messages(direct)).filter((m) => String(m.content.body ?? '').startsWith('Förderfrist:'));
    const [reminder] = await kk.waitFor(async () => ((await reminders()).length ? reminders() : null));
    expect(String(reminder!.content.body)).toMatch(
      /^Förderfrist: „Wohnraum und Begleitung beim Einzug \(Demo\)“ \(Freistaat Sachsen\) endet in 27 Tagen, am \d\d\.\d\d\.\d{4}\.\nhttps:\/\/example\.org\/demo\/wohnraum-sachsen\nAbbestellen: !foerderung abbestellen <Thema>/,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await reminders()).toHaveLength(1);
  });
});
