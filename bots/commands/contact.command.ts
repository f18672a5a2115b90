import type { Contact, ContactAnswer } from '../../src/services/reads/contacts.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply, type Inline } from '../core/reply.js';
import { germanDay, splitAsOf } from '../core/as-of.js';
import { channelParts, personView, type PersonView } from './people.js';

interface Shown {
  answer: ContactAnswer;
  people: (PersonView | null)[];
  /** The day asked about (YYYY-MM-DD), or null for today. */
  day: string | null;
}

export const contactCommand = defineCommand({
  name: { de: 'kontakt', en: 'contact' },
  summary: {
    de: 'wen Sie in einer Gemeinde fragen können, optional zu einem Thema',
    en: 'whom to ask in a municipality, optionally on a topic',
  },
  usage: { de: '!kontakt <Gemeinde> [Thema] [am <Tag>]', en: '!contact <municipality> [topic] [on <day>]' },
  example: { de: '!kontakt Radebeul Wohnen am 01.11.2026', en: '!contact Radebeul housing on 1 November 2026' },
  options: [
    {
      name: { de: 'gemeinde', en: 'municipality' },
      description: { de: 'die Gemeinde', en: 'the municipality' },
      required: true,
      autocomplete: 'municipality',
    },
    {
      name: { de: 'thema', en: 'topic' },
      description: { de: 'das Thema (optional)', en: 'the topic (optional)' },
      required: false,
      autocomplete: 'topic',
      rest: true,
    },
  ],
  uses: ['contacts', 'privacy'],
  replaySafe: true,
  parse: (args) => {
    const { words, day } = splitAsOf(args, new Date());
    return words.length === 0
      ? unparsable
      : parsed({ municipality: words[0]!, topic: words.slice(1).join(' ') || null, day });
  },
  run: async (args, context, deps): Promise<Shown> => {
    const directory = args.day ? deps.directory.at(args.day) : deps.directory;
    const answer = await deps.services.contacts.find(directory, args.municipality, args.topic, context.language);
    const roles = await Promise.all(
      answer.contacts.map((c) => (c.person ? deps.directory.rolesOfPerson(c.person.id) : [])),
    );
    const people = answer.contacts.map((c, i) =>
      c.person
        ? personView(
            context.viewer,
            c.person,
            roles[i]!.map((r) => r.role),
            deps.services.privacy,
          )
        : null,
    );
    return { answer, people, day: args.day };
  },
  render: ({ answer, people, day }, { language }) => {
    const de = language === 'de';
    const title = de ? `Ansprechpersonen in ${answer.place}` : `Contacts in ${answer.place}`;
    const heading =
      (answer.topic ? ` (${de ? answer.topic.name : answer.topic.nameEn})` : '') +
      (day ? (de ? ` am ${germanDay(day)}` : ` on ${germanDay(day)}`) : '');
    const lines: Inline[][] = answer.contacts.map((c: Contact, i) => {
      const person = people[i];
      const who = person ? person.name : (c.alliance?.name ?? c.institution?.name ?? '');
      return [{ bold: who }, `: ${c.reason}`, ...(person ? channelParts(person.channels, language) : [])];
    });
    if (lines.length === 0) lines.push([language === 'de' ? 'Niemand eingetragen.' : 'Nobody listed yet.']);
    if (answer.formerly)
      lines.unshift([
        de
          ? `${answer.formerly.name} gehört seit dem ${germanDay(answer.formerly.since)} zu ${answer.place}.`
          : `${answer.formerly.name} has been part of ${answer.place} since ${germanDay(answer.formerly.since)}.`,
      ]);
    const network = {
      label: language === 'de' ? `Netzwerk von ${answer.place}` : `Network of ${answer.place}`,
      command: `!${language === 'de' ? 'netzwerk' : 'network'} "${answer.place}"`,
    };
    return reply(lines, {
      title: title + heading,
      privateDetails: people.some((p) => p?.hasPrivateChannels),
      actions: [network],
    });
  },
});
