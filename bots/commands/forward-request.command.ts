import { NotFound } from '../../src/domain/errors.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';
import { requestId } from './request-view.js';

export const forwardRequestCommand = defineCommand({
  name: { de: 'weiterleiten', en: 'forward' },
  summary: { de: 'gibt eine Anfrage an die nächste Stelle der Koordination', en: 'passes a request on within the coordination' },
  usage: { de: '!weiterleiten <Anfrage> <Personen-ID|Name> [Grund]', en: '!forward <request> <person id|name> [reason]' },
  example: { de: '!weiterleiten ab12cd34 person:demo-14627-koordinationskraft', en: '!forward ab12cd34 person:demo-14627-koordinationskraft' },
  options: [
    { name: { de: 'anfrage', en: 'request' }, description: { de: 'die Kennung der Anfrage', en: 'the request id' }, required: true },
    { name: { de: 'an', en: 'to' }, description: { de: 'Personen-ID oder Name', en: 'person id or name' }, required: true, autocomplete: 'person' },
    { name: { de: 'grund', en: 'reason' }, description: { de: 'optional', en: 'optional' }, required: false, rest: true },
  ],
  parse: (args) => (args.length >= 2 ? parsed({ id: requestId(args[0]!), to: args[1]!, note: args.slice(2).join(' ') || null }) : unparsable),
  run: async (args, context, deps) => {
    const target = args.to.startsWith('person:') ? args.to : (await deps.directory.search(args.to, ['Person'], 1))[0]?.id;
    if (!target) throw new NotFound('Person', args.to);
    return deps.services.requests.forward(args.id, context.viewer, target, args.note);
  },
  render: (request, { language }) =>
    reply([language === 'de' ? `${request.id} ist weitergeleitet; die anfragende Person ist informiert.` : `${request.id} is forwarded; the requester has been told.`]),
});
