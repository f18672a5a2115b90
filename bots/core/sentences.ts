import type { Language } from '../../src/domain/errors.js';
import type { Command } from './command.js';

// A sentence without "!" in a direct chat: what people write before they know the commands.
// A question the bot can answer is answered as its command would ("wer ist für Radebeul
// zuständig?" is !kontakt Radebeul); anything else gets the commands most likely meant.

const CONTACT_QUESTIONS = [
  /\b(?:wer|who)\b.*?\b(?:für|in|for|at)\s+(.+?)\s+(?:zuständig|verantwortlich|responsible|in charge)\b/i,
  /\b(?:ansprechpartner(?:in)?|ansprechperson|ansprechpersonen|kontakt|contact|contacts)\b.*?\b(?:in|für|for|at)\s+([^?.!,]+)/i,
];

/** The command line a sentence asks for, where the bot can tell; null otherwise. */
export function commandForSentence(text: string, language: Language): string | null {
  for (const pattern of CONTACT_QUESTIONS) {
    const place = pattern
      .exec(text)?.[1]
      ?.trim()
      .replace(/[?.!,]+$/, '');
    if (place && place.split(/\s+/).length <= 4) return `!${language === 'de' ? 'kontakt' : 'contact'} ${place}`;
  }
  return null;
}

const words = (text: string) =>
  new Set(
    text
      .toLocaleLowerCase('de')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 3),
  );

/** The commands whose name and summary share the most words with the sentence (stems of 5 letters), best first. */
export function likelyCommands(text: string, commands: readonly Command[], language: Language, count = 3): Command[] {
  const asked = [...words(text)].map((w) => w.slice(0, 5));
  const scored = commands.map((command, order) => {
    const known = [...words(`${command.name[language]} ${command.summary[language]}`)].map((w) => w.slice(0, 5));
    return { command, order, score: asked.filter((w) => known.includes(w)).length };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, count)
    .map((s) => s.command);
}
