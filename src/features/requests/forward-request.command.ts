import { NotFound } from '../../domain/errors.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import type { Directory } from '../../services/reads/directory.js';
import { requestId } from './request-view.command.js';

const MAX_NAME_WORDS = 6;
const nameKey = (name: string) => name.normalize('NFC').toLocaleLowerCase('de').replace(/\s+/g, ' ').trim();

/**
 * Whom to forward to and why, from the words after the request: a person id, or a full name
 * typed without quotes ("Max Köhler Bitte übernehmen"): the longest run of words that is
 * somebody's whole name wins, the rest is the reason. Failing that, the first word as before.
 */
async function targetAndNote(words: string[], directory: Directory): Promise<{ target: string; note: string | null }> {
  const rest = (from: number) => words.slice(from).join(' ') || null;
  if (words[0]!.startsWith('person:')) return { target: words[0]!, note: rest(1) };
  for (let count = Math.min(words.length, MAX_NAME_WORDS); count >= 1; count--) {
    const name = words.slice(0, count).join(' ');
    const exact = (await directory.search(name.slice(0, 100), ['Person'], 5)).find(
      (p) => nameKey(p.name) === nameKey(name),
    );
    if (exact) return { target: exact.id, note: rest(count) };
  }
  const [first] = await directory.search(words[0]!.slice(0, 100), ['Person'], 1);
  if (!first) throw new NotFound('Person', words[0]!);
  return { target: first.id, note: rest(1) };
}

export const forwardRequestCommand = defineCommand({
  name: { de: 'weiterleiten', en: 'forward' },
  summary: {
    de: 'gibt eine Anfrage an die nächste Stelle der Koordination',
    en: 'passes a request on within the coordination',
  },
  usage: {
    de: '!weiterleiten <Anfrage> <Personen-ID|Name> [Grund]',
    en: '!forward <request> <person id|name> [reason]',
  },
  example: {
    de: '!weiterleiten ab12cd34 person:demo-14627-koordinationskraft',
    en: '!forward ab12cd34 person:demo-14627-koordinationskraft',
  },
  options: [
    {
      name: { de: 'anfrage', en: 'request' },
      description: { de: 'die Kennung der Anfrage', en: 'the request id' },
      required: true,
    },
    {
      name: { de: 'an', en: 'to' },
      description: { de: 'Personen-ID oder Name', en: 'person id or name' },
      required: true,
      autocomplete: 'person',
    },
    {
      name: { de: 'grund', en: 'reason' },
      description: { de: 'optional', en: 'optional' },
      required: false,
      rest: true,
    },
  ],
  uses: ['requests'],
  parse: (args) => (args.length >= 2 ? parsed({ id: requestId(args[0]!), words: args.slice(1) }) : unparsable),
  run: async (args, context, deps) => {
    const { target, note } = await targetAndNote(args.words, deps.directory);
    return deps.services.requests.forward(args.id, context.viewer, target, note);
  },
  render: (request, { language }) =>
    reply([
      language === 'de'
        ? `${request.id} ist weitergeleitet; die anfragende Person ist informiert.`
        : `${request.id} is forwarded; the requester has been told.`,
    ]),
});
