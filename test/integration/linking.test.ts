import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import type { ChatUser } from '../../bots/core/command.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { toPlainText } from '../../bots/core/render.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { inGerman } from '../support/told.js';
import { demoHub, type TestHub } from '../support/hub.js';

// Issue 36: linking that starts by itself and cannot be stolen. On a fresh hub a claim waits
// until a coordinator is linked and then sees it; a person's confirmed account is replaced only
// on purpose, and is told before it happens.

const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const KK = 'person:demo-14627-koordinationskraft';

describe('linking chat accounts', () => {
  let hub: TestHub;
  let dispatcher: Dispatcher;
  const told: { personId: string; text: string }[] = [];
  const say = async (user: ChatUser, text: string) =>
    toPlainText((await dispatcher.handle({ user, text, inGroupRoom: false }))!.reply);
  const account = (name: string): ChatUser => ({ transport: 'matrix', userId: `@${name}:hub.test` });

  beforeAll(async () => {
    hub = await demoHub();
    hub.services.identities.addNotifier({
      notify: async (personId, notice) => void told.push({ personId, text: inGerman(notice) }),
    });
    dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities: hub.services.identities,
      publicUrl: 'http://hub.test',
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 0, lastError: null }),
    });
  });

  it('keeps a claim made before any coordinator is linked, says so, and shows it to the first one linked', async () => {
    const [volunteer] = await hub.store.entitiesByIds([VOLUNTEER]);
    const claimed = await say(account('vol'), `!ich verknüpfen ${volunteer!.name}`);
    expect(claimed).toContain(`Sie haben gebeten, als ${volunteer!.name} verknüpft zu werden`);
    expect(claimed).toContain('Noch ist niemand aus Ihrer Kreiskoordination im Chat verknüpft');

    await hub.services.identities.linkByAdmin(account('kk'), KK, 'operator');
    const waiting = await say(account('kk'), '!bestätigen');
    expect(waiting).toContain(`@vol:hub.test möchte als ${volunteer!.name} verknüpft werden`);
    expect(waiting).toContain(`Bestätigen: !bestätigen @vol:hub.test ${VOLUNTEER}`);
    expect(await say(account('kk'), `!bestätigen @vol:hub.test ${VOLUNTEER}`)).toBe(
      `@vol:hub.test ist jetzt mit ${volunteer!.name} verknüpft.`,
    );
    expect(await say(account('kk'), '!bestätigen')).toBe('Keine Bitte um Verknüpfung wartet auf Sie.');
    expect((await say(account('other'), `!ich verknüpfen ${volunteer!.name}`)).replace(/\s+/g, ' ')).toContain(
      'Eine Koordinator:in ist benachrichtigt',
    );
  });

  it("never replaces a person's confirmed account unawares: it needs --ersetzen, and the old account is told first", async () => {
    const refused = await say(account('kk'), `!bestätigen @other:hub.test ${VOLUNTEER}`);
    expect(refused).toContain('Diese Person hat schon ein bestätigtes Chat-Konto');
    expect((await hub.services.identities.link(account('vol')))!.status).toBe('confirmed');
    expect((await hub.services.identities.link(account('other')))!.status).toBe('pending');

    const before = told.length;
    expect(await say(account('kk'), `!bestätigen @other:hub.test ${VOLUNTEER} --ersetzen`)).toContain('ist jetzt mit');
    const notices = told.slice(before).filter((t) => t.personId === VOLUNTEER);
    expect(notices[0]!.text).toMatch(
      /^Achtung: .+ verknüpft Ihre Person mit dem Chat-Konto @other:hub.test; Ihr Konto @vol:hub.test ist dann nicht mehr/,
    );
    expect(await hub.services.identities.link(account('vol'))).toBeNull();
    expect((await hub.services.identities.link(account('other')))!.status).toBe('confirmed');
  });

  it('lets only admins confirm a person whose district cannot be established', async () => {
    const loose = await hub.services.writer.addPerson({ name: 'Ohne Rolle', languages: [], channels: [] }, SYSTEM);
    await hub.services.identities.requestLink(account('loose'), loose.id);
    expect(await say(account('kk'), '!bestätigen')).not.toContain('@loose:hub.test');
    expect(await say(account('kk'), `!bestätigen @loose:hub.test ${loose.id}`)).toMatch(
      /keine Person bestätigen, die in keinem Kreis/,
    );
    expect((await hub.services.identities.link(account('loose')))!.status).toBe('pending');
  });
});
