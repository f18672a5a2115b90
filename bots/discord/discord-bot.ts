import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { matchName } from '../../src/domain/names.js';
import { isPseudonymised, mayListPerson } from '../../src/services/access/domain/privacy.js';
import { Directory } from '../../src/services/reads/directory.js';
import type { HubServices } from '../../src/services/hub-services.js';
import type { BotStatus, Command, ChatUser, CommandOption } from '../core/command.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { ChatIdentities } from '../core/identities.js';
import { commandRef, expandCommandRefs } from '../core/command-refs.js';
import type { Language } from '../../src/domain/errors.js';
import { toMarkdown } from '../core/render.js';
import type { Reply } from '../core/reply.js';
import type { Log } from '../core/command.js';
import type { Meeting } from '../../src/features/meetings/domain/meetings.js';
import { icsFileName, meetingIcs } from '../../src/features/meetings/meeting-ics.js';
import type { DatePoll } from '../../src/features/meetings/date-polls.js';
import type { InvitationNotifier } from '../../src/features/meetings/meetings.js';
import type { HubNotice, NoticeAction } from '../../src/services/chat/notifiers.js';
import { wordNotice } from '../core/notice-texts.js';
import type { DiscordSettings } from './discord-settings.js';
import { commandLine, slashDefinitions } from './slash-commands.js';

// The Discord transport: slash commands and buttons in, embeds out. Answers with details not
// meant for everyone in a channel are ephemeral (only the asker sees them).

const BUTTON_PREFIX = 'run:';
/** Discord's limit: five buttons in a row, five rows in a message. */
const BUTTONS_PER_ROW = 5;

/** "Di., 8.12., 10:00": short enough for a button. */
function shortWhen(iso: string, language: 'de' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export class DiscordBot implements InvitationNotifier {
  private client: Client | null = null;
  private lastEventAt: number | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly settings: DiscordSettings,
    private readonly commands: readonly Command[],
    private readonly dispatcher: Dispatcher,
    private readonly identities: ChatIdentities,
    /** What it uses beside the dispatcher: names and a directory for the suggestions Discord asks for while typing. */
    private readonly services: Pick<HubServices, 'names' | 'store'>,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: this.settings.apiUrl ? { api: this.settings.apiUrl } : {},
    });
    this.client = client;
    client.on(Events.InteractionCreate, (interaction) => this.guard(() => this.onInteraction(interaction)));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(this.settings.token);
    await ready;
    const definitions = slashDefinitions(this.commands) as never;
    if (this.settings.guildId) await client.application!.commands.set(definitions, this.settings.guildId);
    else await client.application!.commands.set(definitions);
    this.lastEventAt = Date.now();
    this.log(
      `Discord bot ${client.user?.tag ?? ''} started; ${this.commands.length} commands registered ${this.settings.guildId ? `in guild ${this.settings.guildId}` : 'globally'}.`,
    );
  }

  /** Tells a person something by direct message, with its follow-ups as buttons. */
  async notify(personId: string, notice: HubNotice): Promise<void> {
    await this.send(personId, notice);
  }

  /** The notice in each account's language, its follow-ups (or `buttons` instead) as buttons. */
  private async send(
    personId: string,
    notice: HubNotice,
    buttons?: (language: Language) => NoticeAction[],
  ): Promise<void> {
    if (!this.client) return;
    for (const userId of await this.identities.accountsOf(personId, 'discord')) {
      const language = await this.identities.language({ transport: 'discord', userId });
      const user = await this.client.users.fetch(userId);
      const worded = wordNotice(notice, language);
      const text = {
        lines: this.expand(worded.text, language)
          .split('\n')
          .map((line) => [line]),
        privateDetails: true,
        actions: (buttons?.(language) ?? worded.actions).map((a) => ({
          label: a.label,
          command: this.expand(a.command, language),
        })),
      };
      await user.send(render(text));
    }
  }

  /** An invitation by direct message: answer buttons and the meeting (or series) as an .ics file. */
  async invite(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    if (!this.client) return;
    const file = new AttachmentBuilder(Buffer.from(meetingIcs(meeting, null), 'utf8'), { name: icsFileName(meeting) });
    for (const userId of await this.identities.accountsOf(personId, 'discord')) {
      const language = await this.identities.language({ transport: 'discord', userId });
      const user = await this.client.users.fetch(userId);
      const worded = wordNotice(notice, language);
      const actions = worded.actions.map((a) => ({ label: a.label, command: this.expand(a.command, language) }));
      await user.send({
        ...render({
          lines: this.expand(worded.text, language)
            .split('\n')
            .map((line) => [line]),
          privateDetails: true,
          actions,
        }),
        files: [file],
      });
    }
  }

  /** A date poll by direct message: a button per date adds it to the person's answer. */
  async offerDates(personId: string, poll: DatePoll, notice: HubNotice): Promise<void> {
    await this.send(personId, notice, (language) =>
      poll.slots.map((slot, i) => ({
        label:
          language === 'de'
            ? `${i + 1}: ${shortWhen(slot, 'de')} passt`
            : `${i + 1}: ${shortWhen(slot, 'en')} suits me`,
        command: commandRef('vote', `${poll.id} +${i + 1}`),
      })),
    );
  }

  /** A service's text with its command references written as this bot's commands. */
  private expand(text: string, language: Language): string {
    return expandCommandRefs(text, language, this.commands);
  }

  async stop(): Promise<void> {
    await this.client?.destroy();
    this.client = null;
  }

  status(): BotStatus {
    return {
      transport: 'discord',
      connected: this.client?.isReady() ?? false,
      syncLagSeconds: this.lastEventAt === null ? null : Math.round((Date.now() - this.lastEventAt) / 1000),
      lastError: this.lastError,
    };
  }

  private guard(work: () => Promise<void>): void {
    this.lastEventAt = Date.now();
    work().catch((error: unknown) => {
      this.lastError = error instanceof Error ? error.message.slice(0, 200) : String(error);
      this.log('Discord interaction failed', error);
    });
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return this.onCommand(interaction);
    if (interaction.isAutocomplete()) return this.onAutocomplete(interaction);
    if (interaction.isButton() && interaction.customId.startsWith(BUTTON_PREFIX)) return this.onButton(interaction);
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = this.commands.find((c) => c.name.de === interaction.commandName);
    if (!command) return;
    const text = commandLine(command, (option) => interaction.options.getString(option.name.de));
    await this.answer(interaction, text);
  }

  private async onButton(interaction: ButtonInteraction): Promise<void> {
    await this.answer(interaction, interaction.customId.slice(BUTTON_PREFIX.length), true);
  }

  private async answer(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    text: string,
    alwaysPrivate = false,
  ): Promise<void> {
    const user: ChatUser = { transport: 'discord', userId: interaction.user.id };
    const answer = await this.dispatcher.handle({ user, text, inGroupRoom: interaction.inGuild() });
    if (!answer) return;
    const ephemeral = alwaysPrivate || answer.reply.privateDetails;
    const files = answer.reply.file
      ? [new AttachmentBuilder(Buffer.from(answer.reply.file.content, 'utf8'), { name: answer.reply.file.name })]
      : [];
    await interaction.reply({
      ...render(answer.reply),
      ...(files.length ? { files } : {}),
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = this.commands.find((c) => c.name.de === interaction.commandName);
    const focused = interaction.options.getFocused(true);
    const option = command?.options?.find((o) => o.name.de === focused.name);
    const names = option ? await this.suggest(option, String(focused.value), interaction.user.id) : [];
    await interaction.respond(
      names.slice(0, 25).map((name) => ({ name: name.slice(0, 100), value: name.slice(0, 100) })),
    );
  }

  private async suggest(option: CommandOption, typed: string, userId: string): Promise<string[]> {
    switch (option.autocomplete) {
      case 'municipality': {
        const all = await this.services.names.municipalities();
        if (!typed) return all.slice(0, 25).map((m) => m.name);
        const starts = all.filter((m) => m.name.toLowerCase().startsWith(typed.toLowerCase())).map((m) => m.name);
        return starts.length ? starts : matchName(typed, all, (m) => m.name, 25).suggestions.map((m) => m.name);
      }
      case 'topic':
        return (await this.services.names.topics())
          .map((t) => t.name)
          .filter((n) => n.toLowerCase().includes(typed.toLowerCase()));
      case 'actor':
        return (
          await new Directory(this.services.store).search(typed || 'a', ['Municipality', 'Alliance', 'Institution'], 25)
        ).map((e) => e.name);
      case 'person': {
        if (!typed) return [];
        const viewer = await this.identities.viewerFor({ transport: 'discord', userId });
        if (isPseudonymised(viewer)) return [];
        const directory = new Directory(this.services.store);
        const people = await directory.search(typed, ['Person'], 25);
        const roles = await Promise.all(people.map((p) => directory.rolesOfPerson(p.id)));
        return people
          .filter((p, i) =>
            mayListPerson(
              viewer,
              p.id,
              roles[i]!.map((r) => r.role),
            ),
          )
          .map((p) => p.name);
      }
      default:
        return [];
    }
  }
}

function render(reply: Reply) {
  const embed = new EmbedBuilder().setDescription(toMarkdown({ ...reply, title: undefined }).slice(0, 4000) || '–');
  if (reply.title) embed.setTitle(reply.title.slice(0, 256));
  const buttons = (reply.actions ?? [])
    .filter((a) => (BUTTON_PREFIX + a.command).length <= 100)
    .slice(0, BUTTONS_PER_ROW * 5)
    .map((a) =>
      new ButtonBuilder()
        .setCustomId(BUTTON_PREFIX + a.command)
        .setLabel(a.label.slice(0, 80))
        .setStyle(ButtonStyle.Secondary),
    );
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW)
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + BUTTONS_PER_ROW)));
  return { embeds: [embed], components: rows };
}
