// Splits a chat message into a command word and arguments. Double or typographic quotes group
// words ("Sächsische Schweiz"); the prefix is "!".

export const PREFIX = '!';
export const MAX_MESSAGE_LENGTH = 2000;

export interface ParsedLine {
  command: string;
  args: string[];
}

export function parseLine(text: string): ParsedLine | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX) || trimmed.length === 1) return null;
  const tokens: string[] = [];
  // A quote that opens no group is dropped, never kept inside a word.
  const pattern = /"([^"]*)"|„([^“"]*)[“"]|“([^”"]*)”|([^\s"„“”]+)/g;
  for (const match of trimmed.slice(PREFIX.length).matchAll(pattern)) {
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  const [command, ...args] = tokens;
  if (!command) return null;
  return { command: command.toLowerCase(), args };
}
