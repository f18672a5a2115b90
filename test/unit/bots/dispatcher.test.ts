import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../bots/commands/index.js';
import type { ChatUser } from '../../../bots/core/command.js';
import { Dispatcher } from '../../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { parseLine } from '../../../bots/core/parse-line.js';
import { commandLine } from '../../../bots/discord/slash-commands.js';
import { toHtml, toMarkdown, toPlainText } from '../../../bots/core/render.js';
import { reply } from '../../../bots/core/reply.js';
import { demoHub, type TestHub } from '../../support/hub.js';

const alice: ChatUser = { transport: 'matrix', userId: '@alice:hub.test' };
const coordinator: ChatUser = { transport: 'matrix', userId: '@kk:hub.test' };

describe('the command core', () => {
  let hub: TestHub;
  let identities: ChatIdentities;
  let dispatcher: Dispatcher;
  const say = async (user: ChatUser, text: string, inGroupRoom = false) => {
    const answer = await dispatcher.handle({ user, text, inGroupRoom });
    return answer ? { text: toPlainText(answer.reply), privateDetails: answer.reply.privateDetails } : null;
  };

  beforeAll(async () => {
    hub = await demoHub();
    identities = new ChatIdentities(hub.store);
    dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 1, lastError: null }),
    });
    await identities.requestLink(coordinator, 'person:demo-14627-koordinationskraft');
    await identities.confirm(coordinator, await identities.viewerOfPerson('person:demo-admin'));
  });

  it('turns a Discord /treffen with agenda and online options into the same command, and says when no video service is set up', async () => {
    const treffen = COMMANDS.find((c) => c.name.de === 'treffen')!;
    const values: Record<string, string> = {
      titel: 'Austausch Kita',
      wann: '2.2.2030 10 Uhr',
      wer: 'Riesa',
      tagesordnung: '1. Plätze, 2. Sprache',
      online: '--online',
    };
    const line = commandLine(treffen, (o) => values[o.name.de] ?? null);
    expect(line).toBe(
      '!treffen "Austausch Kita" 2.2.2030 10 Uhr Riesa --tagesordnung "1. Plätze, 2. Sprache" "--online"',
    );
    expect((await say(coordinator, line))!.text).toBe(
      'Für Online-Treffen ist kein Videodienst eingerichtet (die Administration stellt ihn mit „HUB_VIDEO_URL“ ein); bitte schreiben Sie den Link in die Tagesordnung.',
    );
    expect((await say(coordinator, line.replace(' "--online"', '')))!.text).toMatch(
      /^„Austausch Kita“ ist angelegt \((meeting:[0-9a-f]+)\)/,
    );
    const [meeting] = (
      await hub.services.meetings.upcoming(await identities.viewerOfPerson('person:demo-14627-koordinationskraft'))
    ).filter((m) => m.title === 'Austausch Kita');
    expect(meeting!.agenda).toBe('1. Plätze, 2. Sprache');
    const longTitle = `!treffen "${'T'.repeat(201)}" 2.2.2030 10 Uhr Riesa`;
    expect((await say(coordinator, longTitle))!.text).toContain('Titel: 1 bis 200 Zeichen');
  });

  it('tells an unlinked asker that a member command needs a linked account, suggests only commands they may use, and labels topic links (issue 21, point 7)', async () => {
    const stranger: ChatUser = { transport: 'matrix', userId: '@stranger:hub.test' };
    expect((await say(stranger, '!meine-daten'))!.text).toBe(
      'Für !meine-daten muss Ihr Chat-Konto mit Ihrer Person verknüpft sein. So geht es: !ich verknüpfen <Ihr Name>',
    );
    const unknown = (await say(stranger, '!foobar'))!.text;
    expect(unknown).toMatch(/^Den Befehl „!foobar“ kenne ich nicht\. Meinten Sie !/);
    for (const memberOnly of ['!weiterleiten', '!annehmen', '!treffen', '!bestätigen', '!status'])
      expect(unknown).not.toContain(memberOnly);
    const network = (await say(stranger, '!netzwerk Bündnis'))!.text;
    expect(network).not.toContain('ABOUT');
    expect(network).toMatch(/\(Thema\)/);
  });

  it('hints at quotes when a meeting title of several words was typed without them (issue 21, point 7)', async () => {
    const answer = (await say(coordinator, '!treffen Austausch Schulanmeldung nächsten Dienstag 14 Uhr Radebeul'))!
      .text;
    expect(answer).toContain('Hat der Titel mehrere Wörter, bitte in Anführungszeichen: !treffen "Austausch …"');
    const scheduled = (await say(
      coordinator,
      '!treffen "Austausch Schulanmeldung" Mittwoch in zwei Wochen 10 Uhr Radebeul --trotzdem',
    ))!.text;
    expect(scheduled).toMatch(/„Austausch Schulanmeldung“ ist angelegt/);
    // Nobody invited has a linked chat account here: nobody is promised a direct message.
    expect(scheduled).toMatch(
      /Eingeladen: \d+ Personen; 0 davon erhalten eine Direktnachricht \(die übrigen haben kein verknüpftes Chat-Konto\)\./,
    );
  });

  it('parses quoted words and ignores what is no command', () => {
    expect(parseLine('!kontakt "Bad Schandau" Arbeit')).toEqual({
      command: 'kontakt',
      args: ['Bad Schandau', 'Arbeit'],
    });
    expect(parseLine('!KONTAKT „Bad Schandau“')).toEqual({ command: 'kontakt', args: ['Bad Schandau'] });
    expect(parseLine('hallo zusammen')).toBeNull();
  });

  it('answers help, and the closest command for a typo', async () => {
    expect((await say(alice, '!hilfe'))!.text).toContain('!kontakt <Gemeinde> [Thema]');
    expect((await say(alice, '!hilfe'))!.text).not.toContain('!status');
    expect((await say(alice, '!kontkt Radebeul'))!.text).toBe(
      'Den Befehl „!kontkt“ kenne ich nicht. Meinten Sie !kontakt <Gemeinde> [Thema] [am <Tag>]? Alle Befehle: !hilfe',
    );
    expect((await say(alice, '!kontakt'))!.text).toBe(
      'So geht es: !kontakt <Gemeinde> [Thema] [am <Tag>] – zum Beispiel !kontakt Radebeul Wohnen am 01.11.2026',
    );
    expect(await say(alice, 'nur ein Gespräch', true)).toBeNull();
  });

  it('answers a sentence in a direct chat: as the command it asks for, or with the commands likely meant (issue 36)', async () => {
    const asked = (await say(alice, 'Hallo, wer ist für Radebeul zuständig?'))!.text;
    expect(asked).toMatch(/^Ansprechpersonen in Radebeul\n/);
    expect(asked).toContain('Kommunale Integrationskoordination für Radebeul');
    expect(asked).toContain('(So gefragt: !kontakt Radebeul)');
    expect((await say(alice, 'Gibt es einen Ansprechpartner in Coswig?'))!.text).toMatch(/^Ansprechpersonen in Coswig/);
    const other = (await say(alice, 'Ich suche Förderung für unser Projekt'))!.text;
    expect(other).toMatch(/^Ich verstehe Befehle, die mit ! beginnen\. Vielleicht meinen Sie:\n/);
    expect(other).toContain('!foerderung');
    expect(other).toContain('Alle Befehle: !hilfe');
    expect(await say(alice, 'Hallo, wer ist für Radebeul zuständig?', true)).toBeNull();
  });

  it("shows an anonymous asker public details only, and marks coordinators' answers private", async () => {
    const anonymous = (await say(alice, '!kontakt Radbeul'))!;
    expect(anonymous.text).toContain('Ansprechpersonen in Radebeul');
    expect(anonymous.text).not.toMatch(/Telefon|E-Mail: [a-z.]+@demo\.invalid.*Kommunale/);
    const member = (await say(coordinator, '!kontakt Radebeul'))!;
    expect(member.text).toMatch(/Telefon: \+49/);
    expect(member.privateDetails).toBe(true);
  });

  it('refuses coordinator commands to others, links accounts only on confirmation, and switches language', async () => {
    expect((await say(alice, '!status'))!.text).toMatch(/^!status ist Koordinator:innen vorbehalten/);
    expect((await say(alice, '!ich verknüpfen person:demo-14627-kik-1'))!.text).toContain('wartet auf die Bestätigung');
    expect((await say(alice, '!status'))!.text).toMatch(/vorbehalten/);
    expect((await say(coordinator, `!bestätigen ${alice.userId}`))!.text).toMatch(
      /möchte als .+ verknüpft werden\.\nBestätigen: !bestätigen @alice:hub.test person:demo-14627-kik-1/,
    );
    expect((await say(coordinator, `!bestätigen ${alice.userId} person:demo-14627-kik-1`))!.text).toMatch(
      /ist jetzt mit .+ verknüpft/,
    );
    expect((await say(alice, '!status'))!.text).toContain('Datenbank: embedded – erreichbar');
    expect((await say(alice, '!language en'))!.text).toBe('I will answer you in English from now on.');
    expect((await say(alice, '!me'))!.text).toMatch(/^What the hub knows about you/);
  });

  it('refuses over-long messages and escapes markup in every renderer', async () => {
    expect((await say(alice, `!kontakt ${'x'.repeat(3000)}`))!.text).toMatch(/too long|zu lang/);
    const hostile = reply([['<img src=x onerror=alert(1)> *bold* @everyone']]);
    expect(toHtml(hostile)).toBe('&lt;img src=x onerror=alert(1)&gt; *bold* @everyone');
    expect(toMarkdown(hostile)).toBe('<img src=x onerror=alert\\(1\\)\\> \\*bold\\* @\u200beveryone');
  });
});
