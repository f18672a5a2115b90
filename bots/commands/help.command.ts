import { defineCommand, mayUse, parsed } from '../core/command.js';
import { reply } from '../core/reply.js';

export const helpCommand = defineCommand({
  name: { de: 'hilfe', en: 'help' },
  summary: { de: 'zeigt die Befehle, die Sie nutzen können', en: 'lists the commands you may use' },
  usage: { de: '!hilfe', en: '!help' },
  example: { de: '!hilfe', en: '!help' },
  replaySafe: true,
  parse: () => parsed(null),
  run: async (_args, context, deps) => deps.commands.filter((c) => mayUse(c, context.viewer)),
  render: (commands, { language }) =>
    reply(
      commands.map((c) => [
        { bold: c.usage[language] },
        ` – ${c.summary[language]}. `,
        language === 'de' ? 'Beispiel: ' : 'Example: ',
        { code: c.example[language] },
      ]),
      { title: language === 'de' ? 'Befehle des Integrationsnetzwerks' : 'Commands of the integration network' },
    ),
});
