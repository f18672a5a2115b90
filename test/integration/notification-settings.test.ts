import { beforeAll, describe, expect, it } from 'vitest';
import { consoleChat } from '../support/console-chat.js';
import { demoHub, type TestHub } from '../support/hub.js';

// `!benachrichtigungen` in chat (issue 19): what reaches me where, shown and changed.

describe('choosing notifications in chat', () => {
  let hub: TestHub;
  let say: (text: string, userId?: string) => Promise<string>;
  const KIK = 'person:demo-14627-kik-2';

  beforeAll(async () => {
    hub = await demoHub();
    const chat = consoleChat(hub, { kik: KIK });
    say = (text, userId = 'kik') => chat(userId, text);
  });

  it('shows the settings, German by default', async () => {
    expect(await say('!benachrichtigungen')).toBe(
      [
        'Ihre Benachrichtigungen',
        'Chat: an',
        'E-Mail: nur solange Sie nicht im Chat sind',
        'E-Mails kommen sofort',
        'E-Mails zu: Anfragen an, Treffen an, Protokolle und Aufgaben an, Netzwerk an, Förderfristen an',
      ].join('\n'),
    );
  });

  it('lets funding reminders be turned off by mail as a kind of their own (issue 18)', async () => {
    expect(await say('!benachrichtigungen foerderung aus')).toContain('Förderfristen aus');
    expect((await hub.services.notificationSettings.of(KIK)).mutedKinds).toEqual(['funding']);
    expect(await say('!benachrichtigungen foerderung an')).toContain('Förderfristen an');
  });

  it('changes one setting at a time and keeps the others', async () => {
    expect(await say('!benachrichtigungen zusammenfassung wöchentlich')).toContain('E-Mails kommen montags um 7 Uhr');
    expect(await say('!benachrichtigungen email an')).toContain('E-Mail: an');
    const changed = await say('!benachrichtigungen treffen aus');
    expect(changed).toContain('Treffen aus');
    expect(changed).toContain('E-Mails kommen montags um 7 Uhr');
    expect(await hub.services.notificationSettings.of(KIK)).toEqual({
      email: 'ALWAYS',
      chat: true,
      digest: 'WEEKLY',
      mutedKinds: ['meetings'],
    });
    expect(await say('!benachrichtigungen treffen an')).toContain('Treffen an');
  });

  it('explains the words it takes when it cannot read them, and needs a linked account', async () => {
    expect(await say('!benachrichtigungen email vielleicht')).toContain('!benachrichtigungen [email an|aus|auto');
    expect(await say('!benachrichtigungen', 'stranger')).toMatch(/verknüpft/);
  });
});
