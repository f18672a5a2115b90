// The neutral document every command renders to; each transport turns it into its own format.

export type Inline = string | { bold: string } | { code: string } | { link: string; href: string };

/** A follow-up the asker can take with one click where the transport has buttons. */
export interface Action {
  label: string;
  /** The command line it runs, e.g. "!netzwerk Radebeul". */
  command: string;
}

export interface Reply {
  title?: string;
  lines: Inline[][];
  actions?: Action[];
  /**
   * True when the reply holds details not meant for everyone in a group room (contact channels
   * other than public ones, a person's own data). Transports then answer in a direct chat.
   */
  privateDetails: boolean;
  /** A web page to pin into the room where the transport can (a Matrix widget). */
  widget?: { id: string; name: string; url: string };
  /** A question to vote on: a native poll where the chat has one (Matrix); elsewhere the actions. */
  poll?: { id: string; question: string; answers: string[] };
  /** A poll that has ended (its native poll is closed with the reply's text). */
  pollClosed?: string;
  /** A file sent beside the reply (e.g. a data export too large for a message). */
  file?: { name: string; mimeType: string; content: string };
}

export function reply(
  lines: (Inline[] | string)[],
  options: {
    title?: string;
    privateDetails?: boolean;
    actions?: Action[];
    file?: Reply['file'];
    poll?: Reply['poll'];
    pollClosed?: string;
  } = {},
): Reply {
  return {
    title: options.title,
    lines: lines.map((l) => (typeof l === 'string' ? [l] : l)),
    actions: options.actions,
    privateDetails: options.privateDetails ?? false,
    ...(options.file ? { file: options.file } : {}),
    ...(options.poll ? { poll: options.poll } : {}),
    ...(options.pollClosed ? { pollClosed: options.pollClosed } : {}),
  };
}
