import type { Contact, ContactAnswer } from '../../src/services/reads/contacts.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply, type Inline } from '../core/reply.js';
import { channelParts, personView, type PersonView } from './people.js';

interface Shown {
  answer: ContactAnswer;
  people: (PersonView | null)[];
}

export const contactCommand = defineCommand({
  name: { de: 'kontakt', en: 'contact' },
  summary: {
    de: 'wen Sie in einer Gemeinde fragen können, optional zu einem Thema',
    en: 'whom to ask in a municipality, optionally on a topic',
  },
  usage: { de: '!kontakt <Gemeinde> [Thema]', en: '!contact <municipality> [topic]' },
  example: { de: '!kontakt Radebeul Wohnen', en: '!contact Radebeul housing' },
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
  parse: (args) =>
    args.length === 0 ? unparsable : parsed({ municipality: args[0]!, topic: args.slice(1).join(' ') || null }),
  run: async (args, context, deps): Promise<Shown> => {
    const answer = await deps.services.contacts.find(deps.directory, args.municipality, args.topic, context.language);
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
    return { answer, people };
  },
  render: ({ answer, people }, { language }) => {
    const title = language === 'de' ? `Ansprechpersonen in ${answer.place}` : `Contacts in ${answer.place}`;
    const heading = answer.topic ? ` (${language === 'de' ? answer.topic.name : answer.topic.nameEn})` : '';
    const lines: Inline[][] = answer.contacts.map((c: Contact, i) => {
      const person = people[i];
      const who = person ? person.name : (c.alliance?.name ?? c.institution?.name ?? '');
      return [{ bold: who }, `: ${c.reason}`, ...(person ? channelParts(person.channels, language) : [])];
    });
    if (lines.length === 0) lines.push([language === 'de' ? 'Niemand eingetragen.' : 'Nobody listed yet.']);
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
