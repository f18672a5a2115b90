import { DomainError, type Language } from '../../src/domain/errors.js';
import { matchName } from '../../src/domain/names.js';
import { chatOperation, policyRow } from '../../src/services/access/domain/policy.js';
import { Directory } from '../../src/services/reads/directory.js';
import type { HubServices } from '../../src/services/hub-services.js';
import { expandCommandRefs } from './command-refs.js';
import { mayUse, type ChatUser, type Command, type CommandContext, type CommandDeps } from './command.js';
import { MAX_MESSAGE_LENGTH, parseLine, PREFIX } from './parse-line.js';
import { reply, type Reply } from './reply.js';
import { TEXTS } from './texts.js';
import { commandForSentence, likelyCommands } from './sentences.js';
import { STATE } from '../../src/domain/ports/state-slots.js';

// Turns a chat message into a reply: finds the command (German name, English name), checks who
// may use it, parses its words, runs it and renders the result. Every failure becomes a reply
// that helps: the closest command, the usage, or the rule that refused it.

export interface ChatMessage {
  user: ChatUser;
  text: string;
  inGroupRoom: boolean;
  /** The room belongs to a meeting or series (its room key). */
  meetingRoom?: string;
  /** The asker confirmed the preview of this command (!ja). */
  confirmed?: boolean;
  /** The transport's id of the message (see CommandContext.origin). */
  origin?: string;
  /** Handled again after a crash interrupted its answer: only replay-safe commands run again. */
  replay?: boolean;
}

/** How long a preview waits for its confirmation. */
const CONFIRM_MINUTES = 10;
const YES = new Set(['ja', 'yes']);
const NO = new Set(['nein', 'no']);

export interface Answer {
  reply: Reply;
  /** The command that ran, for metrics and logs; null for help texts and errors. */
  command: string | null;
}

export type DispatcherDeps = Omit<CommandDeps, 'directory' | 'commands' | 'services'> & { services: HubServices };

export class Dispatcher {
  private readonly byName = new Map<string, Command>();

  constructor(
    private readonly commands: readonly Command[],
    private readonly deps: DispatcherDeps,
    private readonly log: (message: string, error?: unknown) => void = () => {},
    /** Told of every command answered, e.g. for metrics. */
    private readonly observe: (transport: string, command: string) => void = () => {},
  ) {
    for (const operation of ['yes', 'no']) policyRow(chatOperation(operation));
    for (const c of commands) {
      policyRow(chatOperation(c.name.en));
      for (const name of [c.name.de, c.name.en]) this.byName.set(name, c);
    }
  }

  /** A text from a service with its command references written as commands of this table. */
  expand(text: string, language: Language): string {
    return expandCommandRefs(text, language, this.commands);
  }

  /**
   * A sentence in a direct chat: answered as the command it asks for, where that is clear, or
   * with the commands most likely meant; never silence.
   */
  private async understand(message: ChatMessage): Promise<Answer | null> {
    const text = message.text.trim();
    if (!text || text.length > MAX_MESSAGE_LENGTH) return null;
    const [language, viewer] = await Promise.all([
      this.deps.identities.language(message.user),
      this.deps.identities.viewerFor(message.user),
    ]);
    const line = commandForSentence(text, language);
    if (line) {
      const answer = await this.handle({ ...message, text: line });
      if (answer)
        return {
          ...answer,
          reply: { ...answer.reply, lines: [...answer.reply.lines, [TEXTS.answeredAs[language](line)]] },
        };
    }
    const usable = this.commands.filter((c) => mayUse(c, viewer) && c.name.en !== 'help');
    const likely = likelyCommands(text, usable, language);
    const listed = (likely.length ? likely : usable.slice(0, 3))
      .map((c) => `${c.usage[language]} – ${c.summary[language]}`)
      .join('\n');
    return { reply: reply([TEXTS.sentence[language](listed)]), command: null };
  }

  /**
   * Whether handling the message twice does nothing twice: a command that only reads, or finds
   * what its first run made by the message's origin, with nothing to confirm first.
   */
  repeatable(text: string): boolean {
    if (!text.trimStart().startsWith(PREFIX) || text.length > MAX_MESSAGE_LENGTH) return false;
    const line = parseLine(text);
    const command = line ? this.byName.get(line.command) : undefined;
    return Boolean(command?.replaySafe && !command.preview);
  }

  /** The answer to a message, or null when it is no command. */
  async handle(message: ChatMessage): Promise<Answer | null> {
    if (!message.text.trimStart().startsWith(PREFIX)) return message.inGroupRoom ? null : this.understand(message);
    // Both reads at once: each is a store round trip on every message.
    const [language, viewer] = await Promise.all([
      this.deps.identities.language(message.user),
      this.deps.identities.viewerFor(message.user),
    ]);
    if (message.text.length > MAX_MESSAGE_LENGTH)
      return { reply: reply([TEXTS.tooLong[language](MAX_MESSAGE_LENGTH)]), command: null };
    const line = parseLine(message.text);
    if (!line) return null;
    const context: CommandContext = {
      viewer,
      language,
      user: message.user,
      inGroupRoom: message.inGroupRoom,
      ...(message.meetingRoom ? { meetingRoom: message.meetingRoom } : {}),
      ...(message.origin ? { origin: message.origin } : {}),
    };

    const interrupted = { reply: reply([TEXTS.interrupted[language](message.text.slice(0, 80))]), command: null };
    if (YES.has(line.command) || NO.has(line.command))
      return message.replay ? interrupted : this.settlePending(message, YES.has(line.command), language);
    const command = this.byName.get(line.command);
    if (!command) {
      // Only commands the asker may use are suggested.
      const names = [...this.byName.entries()].filter(([, c]) => mayUse(c, viewer)).map(([name]) => name);
      const closest = matchName(line.command, names, (n) => n, 1);
      const guess =
        this.byName.get(closest.match ?? closest.suggestions[0] ?? '') ??
        this.commands.find((c) => mayUse(c, viewer)) ??
        this.commands[0]!;
      return {
        reply: reply([TEXTS.unknown[language](line.command.slice(0, 50), guess.usage[language])]),
        command: null,
      };
    }
    if (!mayUse(command, viewer)) {
      // Anonymous askers of a command any member may use lack only the link, not a role.
      const refusal =
        viewer.access === null && policyRow(chatOperation(command.name.en)).who.includes('member')
          ? TEXTS.needsLink
          : TEXTS.notAllowed;
      return { reply: reply([refusal[language](command.name[language])]), command: null };
    }
    if (message.replay && !command.replaySafe) return interrupted;
    const args = command.parse(line.args);
    if (!args.ok)
      return {
        reply: reply([TEXTS.usage[language](command.usage[language], command.example[language])]),
        command: null,
      };

    try {
      // A command gets the services it declares, and no others (nor the store).
      const services = Object.fromEntries(
        (command.uses ?? []).map((name) => [name, this.deps.services[name]]),
      ) as CommandDeps['services'];
      const deps: CommandDeps = {
        ...this.deps,
        services,
        directory: new Directory(this.deps.services.store),
        commands: this.commands,
      };
      const preview = command.preview && !message.confirmed ? await command.preview(args.value, context, deps) : null;
      if (preview) {
        await this.deps.services.store.coordination.setState(pendingKey(message), {
          text: message.text,
          at: new Date().toISOString(),
        });
        const yes = language === 'de' ? '!ja' : '!yes';
        const no = language === 'de' ? '!nein' : '!no';
        return {
          reply: {
            ...preview,
            lines: [...preview.lines, [TEXTS.confirmHint[language](CONFIRM_MINUTES)]],
            // Buttons where the chat has them (Discord).
            actions: [
              { label: language === 'de' ? 'Ja, ausführen' : 'Yes, go ahead', command: yes },
              { label: language === 'de' ? 'Nein' : 'No', command: no },
            ],
          },
          command: command.name.en,
        };
      }
      const result = await command.run(args.value, context, deps);
      this.observe(message.user.transport, command.name.en);
      return { reply: command.render(result, context), command: command.name.en };
    } catch (error) {
      if (error instanceof DomainError) return { reply: reply([error.localized(language)]), command: command.name.en };
      this.log(`command !${command.name.en} failed`, error);
      return { reply: reply([TEXTS.failed[language]()]), command: command.name.en };
    }
  }

  /** !ja runs the command whose preview the asker saw last (within ten minutes); !nein drops it. */
  private async settlePending(message: ChatMessage, yes: boolean, language: Language): Promise<Answer> {
    const key = pendingKey(message);
    const pending = await this.deps.services.store.coordination.getState<{ text: string; at: string }>(key);
    const fresh = pending && Date.now() - Date.parse(pending.at) <= CONFIRM_MINUTES * 60_000;
    if (pending) await this.deps.services.store.coordination.deleteState(key);
    if (!fresh) return { reply: reply([TEXTS.nothingToConfirm[language]()]), command: null };
    if (!yes) return { reply: reply([TEXTS.dropped[language]()]), command: null };
    return (
      (await this.handle({ ...message, text: pending.text, confirmed: true })) ?? {
        reply: reply([TEXTS.nothingToConfirm[language]()]),
        command: null,
      }
    );
  }
}

/** Where a person's waiting command is kept: one per chat account. */
function pendingKey(message: ChatMessage) {
  return STATE.pendingCommand.key(message.user.transport, message.user.userId);
}
