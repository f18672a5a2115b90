import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';

// `!kalender`: a personal calendar address (ICS) to subscribe to in Outlook or Thunderbird;
// `!kalender aus` ends it. The address is a secret, so it only ever goes to a direct chat.

const OFF = new Set(['aus', 'off', 'widerrufen', 'revoke']);

export const calendarCommand = defineCommand({
  name: { de: 'kalender', en: 'calendar' },
  summary: {
    de: 'eine geheime Kalender-Adresse mit Ihren Treffen (für Outlook, Thunderbird)',
    en: 'a secret calendar address with your meetings (for Outlook, Thunderbird)',
  },
  usage: { de: '!kalender [aus]', en: '!calendar [off]' },
  example: { de: '!kalender', en: '!calendar' },
  options: [
    {
      name: { de: 'aus', en: 'off' },
      description: { de: '„aus“ beendet die Adresse', en: '"off" ends the address' },
      required: false,
      choices: ['aus', 'off'],
    },
  ],
  uses: ['calendars'],
  parse: (args) =>
    args.length === 0
      ? parsed('create' as const)
      : args.length === 1 && OFF.has(args[0]!.toLowerCase())
        ? parsed('revoke' as const)
        : unparsable,
  run: async (action, context, deps): Promise<{ url: string | null; revoked: boolean }> =>
    action === 'create'
      ? { url: `${deps.publicUrl}${await deps.services.calendars.create(context.viewer)}`, revoked: false }
      : { url: null, revoked: await deps.services.calendars.revoke(context.viewer) },
  render: (result, { language }) => {
    if (result.url) {
      return reply(
        [
          language === 'de'
            ? 'Ihre Kalender-Adresse (geheim halten; eine neue ersetzt sie):'
            : 'Your calendar address (keep it secret; a new one replaces it):',
          [{ link: result.url, href: result.url }],
        ],
        { privateDetails: true },
      );
    }
    const text = result.revoked
      ? { de: 'Ihre Kalender-Adresse gilt nicht mehr.', en: 'Your calendar address no longer works.' }
      : { de: 'Sie hatten keine Kalender-Adresse.', en: 'You had no calendar address.' };
    return reply([text[language]]);
  },
});
