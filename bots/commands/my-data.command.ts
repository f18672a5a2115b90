import { defineCommand, parsed } from '../core/command.js';
import { reply } from '../core/reply.js';

export const myDataCommand = defineCommand({
  name: { de: 'meine-daten', en: 'mydata' },
  summary: { de: 'alles, was der Hub über Sie speichert (als JSON, nur per Direktnachricht)', en: 'everything the hub stores about you (as JSON, by direct message only)' },
  usage: { de: '!meine-daten', en: '!mydata' },
  example: { de: '!meine-daten', en: '!mydata' },
  parse: () => parsed(null),
  run: (_args, context, deps) => deps.services.personalData.export(context.viewer),
  render: (data, { language }) =>
    reply(
      [
        language === 'de' ? 'Das speichert der Hub über Sie (Art. 15 DSGVO):' : 'What the hub stores about you (GDPR Art. 15):',
        ...JSON.stringify(data, null, 2).split('\n').map((line) => [{ code: line }]),
      ],
      { privateDetails: true },
    ),
});
