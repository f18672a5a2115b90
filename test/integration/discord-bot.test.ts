import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { DiscordBot } from '../../bots/discord/discord-bot.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { APPLICATION_ID, FakeDiscord } from '../support/discord/fake-discord.js';

// discord.js's own client against a local stand-in for Discord's REST API and gateway
// (Discord's servers cannot be reached here; test/support/discord/fake-discord.ts lists what
// the stand-in does not cover).

const GUILD_ID = '200000000000000001';
const ALICE = '300000000000000001';
const COORDINATOR = '300000000000000002';
const KIK = '300000000000000003';

describe('the Discord bot against a local Discord stand-in', () => {
  let fake: FakeDiscord;
  let hub: TestHub;
  let bot: DiscordBot;

  const interaction = (
    type: number,
    userId: string,
    data: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const id = fake.snowflake();
    fake.dispatchInteraction({
      id,
      application_id: APPLICATION_ID,
      type,
      token: `token-${id}`,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: '400000000000000001',
      channel: { id: '400000000000000001', type: 0 },
      locale: 'de',
      guild_locale: 'de',
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
      member: {
        user: { id: userId, username: `user${userId.slice(-1)}`, discriminator: '0', global_name: null, avatar: null },
        roles: [],
        joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        permissions: '0',
      },
      data,
      ...extra,
    });
    return id;
  };
  const slash = (userId: string, name: string, options: Record<string, string>) =>
    interaction(2, userId, {
      id: '600000000000000001',
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
    });

  /** A press on one of the bot's buttons, in a message of the channel. */
  const press = (userId: string, customId: string, channelId = '400000000000000001') =>
    interaction(
      3,
      userId,
      { custom_id: customId, component_type: 2 },
      {
        message: {
          id: fake.snowflake(),
          channel_id: channelId,
          author: { id: '100000000000000002', username: 'hub', discriminator: '0', avatar: null, bot: true },
          content: '',
          timestamp: '2026-01-01T00:00:00.000Z',
          edited_timestamp: null,
          tts: false,
          mention_everyone: false,
          mentions: [],
          mention_roles: [],
          attachments: [],
          embeds: [],
          pinned: false,
          type: 0,
        },
      },
    );

  beforeAll(async () => {
    fake = new FakeDiscord();
    await fake.start();
    hub = await demoHub();
    const identities = new ChatIdentities(hub.store);
    await identities.requestLink({ transport: 'discord', userId: COORDINATOR }, 'person:demo-14627-koordinationskraft');
    await identities.confirm(
      { transport: 'discord', userId: COORDINATOR },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    const dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => bot.status(),
    });
    bot = new DiscordBot(
      { token: 'test-token', guildId: GUILD_ID, apiUrl: `${fake.url}/api` },
      COMMANDS,
      dispatcher,
      identities,
      hub.services,
      () => {},
    );
    await bot.start();
    hub.services.requests.addNotifier(bot);
    hub.services.meetings.addNotifier(bot);
    await identities.requestLink({ transport: 'discord', userId: KIK }, 'person:demo-14627-kik-2');
    await identities.confirm(
      { transport: 'discord', userId: KIK },
      await identities.viewerOfPerson('person:demo-admin'),
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
  });

  it('logs in through the gateway and registers the slash commands in the guild, German with English names', () => {
    const registration = fake.requests.find(
      (r) => r.method === 'PUT' && r.path === `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
    );
    expect(registration).toBeDefined();
    const contact = (registration!.body as { name: string }[]).find((c) => c.name === 'kontakt');
    expect(contact).toMatchObject({
      name_localizations: { 'en-US': 'contact' },
      options: [
        {
          name: 'gemeinde',
          type: 3,
          required: true,
          autocomplete: true,
          name_localizations: { 'en-US': 'municipality' },
        },
        { name: 'thema', type: 3, required: false, autocomplete: true },
      ],
    });
    expect(bot.status().connected).toBe(true);
  });

  it('answers /kontakt Radebeul with an embed and a button to the network', async () => {
    const id = slash(ALICE, 'kontakt', { gemeinde: 'Radebeul' });
    const { body } = await fake.callbackFor(id);
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.embeds[0].title).toBe('Ansprechpersonen in Radebeul');
    expect(body.data.embeds[0].description).toContain('Kommunale Integrationskoordination für Radebeul');
    expect(body.data.embeds[0].description).not.toContain('Telefon');
    expect(body.data.components[0].components[0]).toMatchObject({
      type: 2,
      custom_id: 'run:!netzwerk "Radebeul"',
      label: 'Netzwerk von Radebeul',
    });
  });

  it('answers a button press privately with the command it stands for', async () => {
    const id = press(ALICE, 'run:!netzwerk "Radebeul"');
    const { body } = await fake.callbackFor(id);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].title).toBe('Netzwerk von Radebeul');
  });

  it('keeps contact details visible only to the asker (ephemeral) in a channel', async () => {
    const { body } = await fake.callbackFor(slash(COORDINATOR, 'kontakt', { gemeinde: 'Radebeul', thema: 'Wohnen' }));
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].description).toMatch(/Telefon: \+49/);
  });

  it('sends a new request to the KIK by direct message, with a button that accepts it', async () => {
    const volunteer = {
      personId: 'person:demo-14627-alliance-1-volunteer-1',
      access: 'VOLUNTEER' as const,
      districtAgs: null,
      personalData: false,
      roles: [],
    };
    const request = await hub.services.requests.file(
      { place: 'Radebeul', topic: 'Sprache', text: 'Dolmetscherin gesucht' },
      volunteer,
    );
    const dm = fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/9${KIK.slice(1)}/messages`);
    expect(dm!.body.embeds[0].description).toContain('Neue Anfrage für');
    const button = dm!.body.components[0].components[0];
    expect(button).toMatchObject({ label: 'Annehmen', custom_id: `run:!annehmen ${request.id}` });
    const id = press(KIK, button.custom_id, `9${KIK.slice(1)}`);
    expect((await fake.callbackFor(id)).body.data.embeds[0].description).toContain('angenommen');
    expect((await hub.store.requests.requestById(request.id))!.state).toBe('ACCEPTED');
  });

  it('invites to a meeting by direct message with RSVP buttons', async () => {
    const organiser = {
      personId: 'person:demo-14627-koordinationskraft',
      access: 'COORDINATOR' as const,
      districtAgs: null,
      personalData: false,
      roles: ['KOORDINATIONSKRAFT' as const],
    };
    const meeting = await hub.services.meetings.schedule(
      { title: 'Austausch Radebeul', when: '1.3.2030 10:00', invite: ['Radebeul'], confirmed: true },
      organiser,
    );
    const invitation = fake.requests
      .filter((r) => r.method === 'POST' && r.path === `/channels/9${KIK.slice(1)}/messages`)
      .at(-1)!;
    expect(invitation.body.embeds[0].description).toContain('Einladung: „Austausch Radebeul“');
    expect(invitation.body.components[0].components.map((c: { custom_id: string }) => c.custom_id)).toEqual([
      `run:!zusage ${meeting.id} ja`,
      `run:!zusage ${meeting.id} nein`,
      `run:!zusage ${meeting.id} vielleicht`,
    ]);
    expect(invitation.body.files).toEqual([
      { name: 'Austausch-Radebeul.ics', text: expect.stringContaining('SUMMARY:Austausch Radebeul') },
    ]);
  });

  it('offers the dates of a date poll as buttons, each adding its date to the answer', async () => {
    const organiser = {
      personId: 'person:demo-14627-koordinationskraft',
      access: 'COORDINATOR' as const,
      districtAgs: null,
      personalData: false,
      roles: ['KOORDINATIONSKRAFT' as const],
    };
    const poll = await hub.services.datePolls.propose(
      {
        title: 'Austausch Kita',
        slots: ['2.3.2030 10 Uhr', '3.3.2030 10 Uhr', '4.3.2030 10 Uhr'],
        invite: ['Radebeul'],
      },
      organiser,
    );
    const dm = fake.requests
      .filter((r) => r.method === 'POST' && r.path === `/channels/9${KIK.slice(1)}/messages`)
      .at(-1)!;
    expect(dm.body.embeds[0].description).toContain('Terminfindung „Austausch Kita“');
    const buttons = dm.body.components.flatMap(
      (row: { components: { custom_id: string; label: string }[] }) => row.components,
    );
    expect(buttons.map((b: { custom_id: string }) => b.custom_id)).toEqual(
      [1, 2, 3].map((n) => `run:!abstimmen ${poll.id} +${n}`),
    );
    expect(buttons[0].label).toBe('1: Sa., 2.3., 10:00 passt');
    for (const button of [buttons[0], buttons[2]]) {
      const id = press(KIK, button.custom_id, `9${KIK.slice(1)}`);
      expect((await fake.callbackFor(id)).body.data.embeds[0].description).toBe(
        'Danke, Ihre Stimme zu „Austausch Kita“ ist gespeichert.',
      );
    }
    expect((await hub.store.polls.datePollById(poll.id))!.votes).toEqual({
      'person:demo-14627-kik-2': [1, 3],
    });
  });

  it('puts a decision poll to a running meeting as buttons; a press votes (issue 19)', async () => {
    const organiser = await hub.services.identities.viewerOfPerson('person:demo-14627-koordinationskraft');
    const meeting = await hub.services.meetings.schedule(
      { title: 'Austausch Flyer', when: 'in 20 Minuten', invite: ['person:demo-14627-kik-2'], confirmed: true },
      organiser,
    );
    const asked = slash(COORDINATOR, 'abstimmung', { frage: 'Gemeinsamer Flyer? | Ja | Nein' });
    const { body } = await fake.callbackFor(asked);
    expect(body.data.embeds[0].description).toContain('Abstimmung in „Austausch Flyer“: Gemeinsamer Flyer?');
    const buttons = body.data.components[0].components as { label: string; custom_id: string }[];
    expect(buttons.map((b) => b.label)).toEqual(['Ja', 'Nein']);
    expect(buttons[0]!.custom_id).toMatch(/^run:!abstimmen decision:[0-9a-f]{8} 1$/);
    const pressed = press(KIK, buttons[0]!.custom_id);
    expect((await fake.callbackFor(pressed)).body.data.embeds[0].description).toContain(
      'Ihre Stimme zu „Gemeinsamer Flyer?“ ist gespeichert',
    );
    const [poll] = await hub.services.decisionPolls.of(meeting.id);
    expect(poll!.votes).toEqual({ 'person:demo-14627-kik-2': 1 });
  });

  it('shows a far-reaching command as a preview with buttons, and acts on the press of "Ja" (issue 34)', async () => {
    const volunteer = 'person:demo-14627-alliance-2-volunteer-1';
    const [person] = await hub.store.entitiesByIds([volunteer]);
    const asked = slash(COORDINATOR, 'rolle-beenden', { person: person!.name });
    const { body } = await fake.callbackFor(asked);
    expect(body.data.embeds[0].description).toContain(`Vorschau: Die Rolle Ehrenamt von ${person!.name} endet zum`);
    const buttons = body.data.components[0].components as { label: string; custom_id: string }[];
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['Ja, ausführen', 'run:!ja'],
      ['Nein', 'run:!nein'],
    ]);
    expect((await hub.store.rolesOfPersons([volunteer]))[0]!.length).toBe(1);
    const pressed = press(COORDINATOR, buttons[0]!.custom_id);
    expect((await fake.callbackFor(pressed)).body.data.embeds[0].description).toContain(
      `Die Rolle Ehrenamt von ${person!.name} endet zum`,
    );
    expect((await hub.store.rolesOfPersons([volunteer]))[0]!).toEqual([]);
  });

  it('suggests municipalities while the name is typed', async () => {
    const id = interaction(4, ALICE, {
      id: '600000000000000001',
      name: 'kontakt',
      type: 1,
      options: [{ name: 'gemeinde', type: 3, value: 'Rade', focused: true }],
    });
    const { body } = await fake.callbackFor(id);
    expect(body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'Radeberg', value: 'Radeberg' },
          { name: 'Radebeul', value: 'Radebeul' },
        ],
      },
    });
  });
});
