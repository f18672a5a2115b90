import type { Viewer } from '../../src/services/access/domain/access.js';
import { chatOperation, mayCall } from '../../src/services/access/domain/policy.js';
import type { Language } from '../../src/domain/errors.js';
import type { Directory } from '../../src/services/reads/directory.js';
import type { HubServices } from '../../src/services/hub-services.js';
import type { ChatIdentities, ChatUser, Transport } from '../../src/services/chat/chat-identities.js';
import type { Reply } from './reply.js';

// A command is data: names, help texts, who may use it, how to parse its words, what it does,
// and how its result reads. Written once here, it works on every transport.

export type { ChatUser } from '../../src/services/chat/chat-identities.js';

export type Log = (message: string, error?: unknown) => void;

export interface CommandContext {
  viewer: Viewer;
  language: Language;
  user: ChatUser;
  /** Asked in a room with others (not a direct chat). */
  inGroupRoom: boolean;
  /** Asked in the room of a meeting or series (its room key): minutes go there. */
  meetingRoom?: string;
  /**
   * The chat message the command came with (transport and event id), where the transport has one:
   * a command that creates a record derives its id from it, so running it again after a crash
   * finds what the first run made instead of making it twice.
   */
  origin?: string;
}

export interface BotStatus {
  transport: Transport;
  connected: boolean;
  /** Seconds since the last successful sync with the chat server, if known. */
  syncLagSeconds: number | null;
  lastError: string | null;
}

/** The services a command may ask for (never the store itself: commands read through the directory). */
export type CommandServices = Omit<HubServices, 'store'>;
export type ServiceName = keyof CommandServices;

/** What a command gets: the directory of the request, and only the services it declares in `uses`. */
export interface CommandDeps<K extends ServiceName = ServiceName> {
  services: Pick<CommandServices, K>;
  directory: Directory;
  identities: ChatIdentities;
  status: () => BotStatus;
  /** Where people reach the hub's web page, for links (the map). */
  publicUrl: string;
  /** The commands this bot knows, for help. */
  commands: readonly Command[];
  /**
   * How what a command changes reaches other people from here. Absent: this bot tells them
   * itself. `hub`: left in the store for the running hub, which hands it on (the console chat);
   * `none`: neither chat nor e-mail is set up, so nobody is told.
   */
  relay?: 'hub' | 'none';
}

export type Parsed<A> = { ok: true; value: A } | { ok: false };

export const parsed = <A>(value: A): Parsed<A> => ({ ok: true, value });
export const unparsable: Parsed<never> = { ok: false };

export type Texts = Record<Language, string>;

/** What a command's words are, for transports with typed options (Discord slash commands). */
export interface CommandOption {
  name: Texts;
  description: Texts;
  required: boolean;
  /** Suggest values while typing. */
  autocomplete?: 'municipality' | 'topic' | 'person' | 'actor';
  /** Takes the rest of the line (several words). */
  rest?: boolean;
  /** Written before the value on the command line, e.g. "verknüpfen <id>". */
  keyword?: Texts;
  choices?: string[];
}

// The table holds commands of every argument and result type; each is checked where it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Command<A = any, R = any, K extends ServiceName = ServiceName> {
  name: Texts;
  options?: CommandOption[];
  summary: Texts;
  /** How to call it, e.g. "!kontakt <Gemeinde> [Thema]". */
  usage: Texts;
  example: Texts;
  /** The services it uses; it gets no others. */
  uses?: readonly K[];
  parse(args: string[]): Parsed<A>;
  /**
   * Running it again for the same message cannot do anything twice (it only reads, or finds what
   * its first run made by the message's origin): after a crash mid-answer the transport runs it
   * again and answers. Any other command gets an honest "interrupted" answer instead.
   */
  replaySafe?: true;
  /**
   * For far-reaching commands (ending, merging, handing over): what running it would do, checked
   * as the change itself and nothing written. The dispatcher shows it and runs the command only
   * on the asker's !ja. Null: this call changes nothing (a listing), so it runs at once.
   */
  preview?(args: A, context: CommandContext, deps: CommandDeps<K>): Promise<Reply | null>;
  run(args: A, context: CommandContext, deps: CommandDeps<K>): Promise<R>;
  render(result: R, context: CommandContext): Reply;
}

export function defineCommand<A, R, K extends ServiceName = never>(command: Command<A, R, K>): Command<A, R, K> {
  return command;
}

/** Who may use a command is the access policy's row for it (src/services/access/domain/policy.ts). */
export function mayUse(command: Command, viewer: Viewer): boolean {
  return mayCall(chatOperation(command.name.en), viewer);
}
