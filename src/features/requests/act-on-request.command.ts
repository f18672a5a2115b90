import type { Viewer } from '../../services/access/domain/access.js';
import type { HubRequest } from './domain/requests.js';
import { defineCommand, parsed, unparsable, type CommandServices, type Texts } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { requestId } from './request-view.command.js';

// !annehmen, !erledigt, !ablehnen: one request, an optional note, the same shape.

type Act = (
  services: Pick<CommandServices, 'requests'>,
  id: string,
  viewer: Viewer,
  note: string | null,
) => Promise<HubRequest>;

function actOnRequest(spec: { name: Texts; summary: Texts; done: Texts; act: Act }) {
  return defineCommand({
    name: spec.name,
    summary: spec.summary,
    usage: { de: `!${spec.name.de} <Anfrage> [Notiz]`, en: `!${spec.name.en} <request> [note]` },
    example: { de: `!${spec.name.de} ab12cd34`, en: `!${spec.name.en} ab12cd34` },
    options: [
      {
        name: { de: 'anfrage', en: 'request' },
        description: { de: 'die Kennung der Anfrage', en: 'the request id' },
        required: true,
      },
      {
        name: { de: 'notiz', en: 'note' },
        description: { de: 'optional', en: 'optional' },
        required: false,
        rest: true,
      },
    ],
    uses: ['requests'],
    parse: (args) =>
      args.length >= 1 ? parsed({ id: requestId(args[0]!), note: args.slice(1).join(' ') || null }) : unparsable,
    run: (args, context, deps) => spec.act(deps.services, args.id, context.viewer, args.note),
    render: (request, { language }) => reply([`${request.id}: ${spec.done[language]}`]),
  });
}

export const acceptRequestCommand = actOnRequest({
  name: { de: 'annehmen', en: 'accept' },
  summary: { de: 'nimmt eine Anfrage an, die bei Ihnen liegt', en: 'accepts a request waiting on you' },
  done: { de: 'angenommen; die anfragende Person ist informiert.', en: 'accepted; the requester has been told.' },
  act: (s, id, viewer, note) => s.requests.accept(id, viewer, note),
});

export const resolveRequestCommand = actOnRequest({
  name: { de: 'erledigt', en: 'done' },
  summary: { de: 'schließt eine Anfrage als erledigt', en: 'closes a request as resolved' },
  done: { de: 'erledigt; die anfragende Person ist informiert.', en: 'resolved; the requester has been told.' },
  act: (s, id, viewer, note) => s.requests.resolve(id, viewer, note),
});

export const declineRequestCommand = actOnRequest({
  name: { de: 'ablehnen', en: 'decline' },
  summary: { de: 'lehnt eine Anfrage mit Begründung ab', en: 'declines a request, with a reason' },
  done: { de: 'abgelehnt; die anfragende Person ist informiert.', en: 'declined; the requester has been told.' },
  act: (s, id, viewer, note) => s.requests.decline(id, viewer, note),
});
