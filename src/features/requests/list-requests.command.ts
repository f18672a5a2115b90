import type { HubRequest } from './domain/requests.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { requestLine } from './request-view.command.js';

type Shown = { kind: 'mine'; requests: HubRequest[]; me: string | null } | { kind: 'district'; requests: HubRequest[] };

const DISTRICT_WORDS = new Set(['kreis', 'district']);

export const listRequestsCommand = defineCommand({
  name: { de: 'anfragen', en: 'requests' },
  summary: {
    de: 'Ihre Anfragen und die, die auf Sie warten; mit „kreis“ alle Anfragen Ihres Kreises (Koordinationskraft)',
    en: 'your requests and those waiting on you; with "district" every request of your district (Koordinationskraft)',
  },
  usage: { de: '!anfragen [kreis]', en: '!requests [district]' },
  example: { de: '!anfragen kreis', en: '!requests district' },
  options: [
    {
      name: { de: 'kreis', en: 'district' },
      description: { de: 'alle Anfragen Ihres Kreises', en: 'every request of your district' },
      required: false,
      choices: ['kreis'],
    },
  ],
  uses: ['requests', 'oversight'],
  parse: (args) =>
    args.length === 0
      ? parsed({ district: false })
      : args.length === 1 && DISTRICT_WORDS.has(args[0]!.toLowerCase())
        ? parsed({ district: true })
        : unparsable,
  run: async ({ district }, context, deps): Promise<Shown> =>
    district
      ? { kind: 'district', requests: await deps.services.oversight.requests(context.viewer) }
      : { kind: 'mine', requests: await deps.services.requests.listFor(context.viewer), me: context.viewer.personId },
  render: (shown, { language }) => {
    const de = language === 'de';
    if (shown.kind === 'district') {
      const open = shown.requests.filter((r) => r.state === 'ROUTED' || r.state === 'ACCEPTED' || r.state === 'OPEN');
      const closed = shown.requests.filter((r) => !open.includes(r));
      return reply(
        [
          de ? 'Offen:' : 'Open:',
          ...(open.length ? open.map((r) => `  ${requestLine(r, language)}`) : [de ? '  keine' : '  none']),
          de ? 'Abgeschlossen:' : 'Closed:',
          ...(closed.length ? closed.map((r) => `  ${requestLine(r, language)}`) : [de ? '  keine' : '  none']),
        ],
        { title: de ? 'Anfragen Ihres Kreises' : 'Requests of your district', privateDetails: true },
      );
    }
    const { requests, me } = shown;
    const waiting = requests.filter((r) => r.handlerId === me && (r.state === 'ROUTED' || r.state === 'ACCEPTED'));
    const mine = requests.filter((r) => r.requesterId === me);
    return reply(
      [
        de ? 'Wartet auf Sie:' : 'Waiting on you:',
        ...(waiting.length ? waiting.map((r) => `  ${requestLine(r, language)}`) : [de ? '  nichts' : '  nothing']),
        de ? 'Ihre Anfragen:' : 'Your requests:',
        ...(mine.length ? mine.map((r) => `  ${requestLine(r, language)}`) : [de ? '  keine' : '  none']),
      ],
      { title: de ? 'Anfragen' : 'Requests', privateDetails: true },
    );
  },
});
