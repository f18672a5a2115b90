// Languages people speak, as ISO 639-1 codes in the store and as words for people: "Russisch",
// "Russian" and "ru" all mean ru. The names come from the runtime's Unicode data (Intl), so
// there is no table of our own to keep.

type Reader = 'de' | 'en';

const namesIn = (language: Reader) => new Intl.DisplayNames([language], { type: 'language', fallback: 'none' });

let byName: Map<string, string> | null = null;

/** Every two-letter code the runtime names, under its German and English names and itself. */
function index(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const de = namesIn('de');
  const en = namesIn('en');
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      const english = en.of(code);
      if (!english || english === code) continue;
      byName.set(code, code);
      byName.set(english.toLocaleLowerCase('en'), code);
      const german = de.of(code);
      if (german) byName.set(german.toLocaleLowerCase('de'), code);
    }
  return byName;
}

/** The code of a language given by code or by its German or English name; null when unknown. */
export function languageCode(word: string): string | null {
  return index().get(word.trim().toLocaleLowerCase('de')) ?? null;
}

/** A language code as a word for the reader ("ru" → "Russisch"); unknown codes stay as they are. */
export function languageName(code: string, reader: Reader): string {
  return namesIn(reader).of(code) ?? code;
}
