import seedrandom from 'seedrandom';
import type { ContactChannel, Person, Visibility } from '../../src/domain/model.js';
import { slug } from '../../src/domain/ids.js';

// Fictional people for demo and scale data, deterministic from a seed. Every address ends in
// .invalid (RFC 2606), so no demo contact can ever reach a real person.

const FIRST = [
  'Anna',
  'Jonas',
  'Lea',
  'Paul',
  'Marie',
  'Felix',
  'Sophie',
  'Lukas',
  'Emma',
  'Max',
  'Hanna',
  'Tim',
  'Laura',
  'Jan',
  'Clara',
  'Ben',
  'Amira',
  'Yusuf',
  'Olena',
  'Karim',
  'Katrin',
  'Uwe',
  'Sabine',
  'Frank',
  'Ines',
  'Mehmet',
  'Leyla',
  'Tomasz',
  'Irina',
  'Daniel',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Schulz',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Krüger',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Schmitt',
  'Köhler',
  'Günther',
  'Yılmaz',
  'Kowalski',
  'Haddad',
  'Petrenko',
  'Nguyen',
];
const EXTRA_LANGUAGES = ['en', 'ar', 'uk', 'ru', 'fa', 'tr', 'pl', 'fr', 'vi'];

export class PersonFactory {
  private readonly random: () => number;
  private readonly used = new Map<string, number>();

  constructor(seed: string) {
    this.random = seedrandom(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  person(id: string, visibility: { email: Visibility; phone: Visibility }): Person {
    let name = `${this.pick(FIRST)} ${this.pick(LAST)}`;
    const seen = this.used.get(name) ?? 0;
    this.used.set(name, seen + 1);
    if (seen > 0) name = `${name} ${romanSuffix(seen + 1)}`;
    const local = slug(name).replace(/-/g, '.');
    const channels: ContactChannel[] = [
      { channel: 'EMAIL', value: `${local}@demo.invalid`, visibility: visibility.email },
      {
        channel: 'PHONE',
        value: `+49 351 ${String(Math.floor(this.random() * 9_000_000) + 1_000_000)}`,
        visibility: visibility.phone,
      },
    ];
    const languages = ['de', ...(this.chance(0.6) ? [this.pick(EXTRA_LANGUAGES)] : [])];
    return { kind: 'Person', id, name, languages: [...new Set(languages)], channels, demo: true };
  }
}

function romanSuffix(n: number): string {
  return ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][n] ?? String(n);
}
