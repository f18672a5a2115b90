// The neutral document every command renders to; each transport turns it into its own format.

export type Inline = string | { bold: string } | { code: string } | { link: string; href: string };

export interface Reply {
  title?: string;
  lines: Inline[][];
  /**
   * True when the reply holds details not meant for everyone in a group room (contact channels
   * other than public ones, a person's own data). Transports then answer in a direct chat.
   */
  privateDetails: boolean;
}

export function reply(lines: (Inline[] | string)[], options: { title?: string; privateDetails?: boolean } = {}): Reply {
  return { title: options.title, lines: lines.map((l) => (typeof l === 'string' ? [l] : l)), privateDetails: options.privateDetails ?? false };
}
