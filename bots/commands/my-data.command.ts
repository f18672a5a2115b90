import { defineCommand, parsed } from '../core/command.js';
import { reply } from '../core/reply.js';

// GDPR Art. 15 in chat: a short summary in the message, the whole export as a JSON file beside
// it (a message could not carry it), by direct message only.

const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

export const myDataCommand = defineCommand({
  name: { de: 'meine-daten', en: 'mydata' },
  summary: {
    de: 'alles, was der Hub über Sie speichert (als JSON-Datei, nur per Direktnachricht)',
    en: 'everything the hub stores about you (as a JSON file, by direct message only)',
  },
  usage: { de: '!meine-daten', en: '!mydata' },
  example: { de: '!meine-daten', en: '!mydata' },
  uses: ['personalData'],
  replaySafe: true,
  parse: () => parsed(null),
  run: (_args, context, deps) => deps.services.personalData.export(context.viewer),
  render: (data, { language }) => {
    const de = language === 'de';
    const person = data.person as { name?: string } | null;
    const lines = [
      de
        ? `Das speichert der Hub über ${person?.name ?? 'Sie'} (Art. 15 DSGVO); alles steht in der angehängten Datei:`
        : `What the hub stores about ${person?.name ?? 'you'} (GDPR Art. 15); all of it is in the attached file:`,
      `${de ? 'Rollen' : 'Roles'}: ${count(data.roles)}, ${de ? 'Verbindungen' : 'links'}: ${count(data.links)}, ${de ? 'Treffen' : 'meetings'}: ${count(data.meetings)}, ${de ? 'Anfragen' : 'requests'}: ${count(data.requests)}`,
      `${de ? 'Chat-Konten' : 'Chat accounts'}: ${count(data.chatAccounts)}, ${de ? 'Zugangsschlüssel' : 'access tokens'}: ${count(data.accessTokens)}, ${de ? 'Protokolleinträge' : 'audit entries'}: ${count(data.auditEntries)}`,
    ];
    return reply(lines, {
      privateDetails: true,
      file: {
        name: de ? 'meine-daten.json' : 'my-data.json',
        mimeType: 'application/json',
        content: JSON.stringify(data, null, 2),
      },
    });
  },
});
