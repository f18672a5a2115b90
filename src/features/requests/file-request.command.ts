import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';

export const fileRequestCommand = defineCommand({
  name: { de: 'anfrage', en: 'request' },
  summary: {
    de: 'stellt eine Anfrage; sie geht über die Koordination des Kreises',
    en: 'files a request; it goes through the district coordination',
  },
  usage: { de: '!anfrage <Gemeinde> <Thema> <Text>', en: '!request <municipality> <topic> <text>' },
  example: {
    de: '!anfrage Radebeul Sprache Wir suchen eine Dolmetscherin für Arabisch',
    en: '!request Radebeul language We need an Arabic interpreter',
  },
  options: [
    {
      name: { de: 'gemeinde', en: 'municipality' },
      description: { de: 'die Gemeinde', en: 'the municipality' },
      required: true,
      autocomplete: 'municipality',
    },
    {
      name: { de: 'thema', en: 'topic' },
      description: { de: 'das Thema', en: 'the topic' },
      required: true,
      autocomplete: 'topic',
    },
    {
      name: { de: 'text', en: 'text' },
      description: { de: 'Ihr Anliegen', en: 'what you need' },
      required: true,
      rest: true,
    },
  ],
  uses: ['requests'],
  parse: (args) =>
    args.length >= 3 ? parsed({ place: args[0]!, topic: args[1]!, text: args.slice(2).join(' ') }) : unparsable,
  // Filed again for the same message (after a crash), the request made the first time is found.
  replaySafe: true,
  run: (args, context, deps) =>
    deps.services.requests.file(args, context.viewer, context.origin ? { origin: context.origin } : {}),
  render: (request, { language }) =>
    reply(
      [
        language === 'de'
          ? `Ihre Anfrage ${request.id} ist gestellt und liegt bei der Koordination (${request.level === 'KIK' ? 'KIK der Gemeinde' : 'Koordinationskraft des Kreises'}). Sie hören von uns, sobald sich etwas tut.`
          : `Your request ${request.id} is filed and waits on the coordination (${request.level === 'KIK' ? "the municipality's KIK" : "the district's coordinator"}). You will hear as soon as something happens.`,
      ],
      { privateDetails: true },
    ),
});
