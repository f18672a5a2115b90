import { defineCommand, parsed } from '../core/command.js';
import { reply } from '../core/reply.js';
import { requestLine } from './request-view.js';

export const listRequestsCommand = defineCommand({
  name: { de: 'anfragen', en: 'requests' },
  summary: { de: 'Ihre Anfragen und die, die auf Sie warten', en: 'your requests and those waiting on you' },
  usage: { de: '!anfragen', en: '!requests' },
  example: { de: '!anfragen', en: '!requests' },
  uses: ['requests'],
  parse: () => parsed(null),
  run: async (_args, context, deps) => ({
    requests: await deps.services.requests.listFor(context.viewer),
    me: context.viewer.personId,
  }),
  render: ({ requests, me }, { language }) => {
    const waiting = requests.filter((r) => r.handlerId === me && (r.state === 'ROUTED' || r.state === 'ACCEPTED'));
    const mine = requests.filter((r) => r.requesterId === me);
    const de = language === 'de';
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
