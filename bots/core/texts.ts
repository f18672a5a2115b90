import type { Language } from '../../src/domain/errors.js';

// What the bot says around the commands themselves, in German and English.

export const TEXTS = {
  unknown: {
    de: (word: string, usage: string) =>
      `Den Befehl „!${word}“ kenne ich nicht. Meinten Sie ${usage}? Alle Befehle: !hilfe`,
    en: (word: string, usage: string) =>
      `I don't know the command "!${word}". Did you mean ${usage}? All commands: !help`,
  },
  sentence: {
    de: (commands: string) =>
      `Ich verstehe Befehle, die mit ! beginnen.${commands ? ` Vielleicht meinen Sie:\n${commands}` : ''}\nAlle Befehle: !hilfe`,
    en: (commands: string) =>
      `I understand commands that start with !.${commands ? ` Perhaps you mean:\n${commands}` : ''}\nAll commands: !help`,
  },
  confirmHint: {
    de: (minutes: number) =>
      `Noch ist nichts geschehen. Ausführen mit !ja, verwerfen mit !nein (gilt ${minutes} Minuten).`,
    en: (minutes: number) =>
      `Nothing has happened yet. Go ahead with !yes, drop it with !no (valid ${minutes} minutes).`,
  },
  nothingToConfirm: {
    de: () => 'Es wartet nichts auf Ihre Bestätigung (oder es ist länger als 10 Minuten her).',
    en: () => 'Nothing is waiting for your confirmation (or it was more than 10 minutes ago).',
  },
  dropped: {
    de: () => 'Verworfen; es ist nichts geschehen.',
    en: () => 'Dropped; nothing happened.',
  },
  answeredAs: {
    de: (line: string) => `(So gefragt: ${line})`,
    en: (line: string) => `(Asked as: ${line})`,
  },
  usage: {
    de: (usage: string, example: string) => `So geht es: ${usage} – zum Beispiel ${example}`,
    en: (usage: string, example: string) => `Usage: ${usage} – for example ${example}`,
  },
  notAllowed: {
    de: (name: string) =>
      `!${name} ist Koordinator:innen vorbehalten. Ist Ihr Chat-Konto schon mit Ihrer Person verknüpft? Siehe !ich`,
    en: (name: string) => `!${name} is for coordinators. Is your chat account linked to your person yet? See !me`,
  },
  needsLink: {
    de: (name: string) =>
      `Für !${name} muss Ihr Chat-Konto mit Ihrer Person verknüpft sein. So geht es: !ich verknüpfen <Ihr Name>`,
    en: (name: string) => `!${name} needs your chat account linked to your person. To link it: !me link <your name>`,
  },
  welcome: {
    de: () =>
      'Hallo! Ich bin der Bot des Integrationsnetzwerks: Ansprechpersonen, Anfragen, Treffen. Was ich kann: !hilfe (English: !language en)',
    en: () => "Hello! I am the integration network's bot: contacts, requests, meetings. What I can do: !help",
  },
  tooLong: {
    de: (max: number) => `Die Nachricht ist zu lang (höchstens ${max} Zeichen). Bitte kürzer fassen.`,
    en: (max: number) => `The message is too long (at most ${max} characters). Please shorten it.`,
  },
  failed: {
    de: () => 'Da ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
    en: () => 'Something went wrong. Please try again shortly.',
  },
  widgetNotAllowed: {
    de: () =>
      'Die Karte konnte nicht als Widget in den Raum gelegt werden: der Bot braucht dafür das Recht, Widgets hinzuzufügen (Berechtigungsstufe Moderator). Der Link oben funktioniert trotzdem.',
    en: () =>
      'The map could not be added to the room as a widget: the bot needs the right to add widgets (moderator power level). The link above works all the same.',
  },
  movedToDirect: {
    de: (user: string) => `${user}, die Antwort enthält Kontaktdaten und kommt deshalb als Direktnachricht.`,
    en: (user: string) => `${user}, the answer holds contact details, so it comes as a direct message.`,
  },
  reactionHint: {
    de: () => 'Auf Matrix auch mit ✅ ❌ ❓ auf diese Nachricht.',
    en: () => 'On Matrix also with ✅ ❌ ❓ on this message.',
  },
  interrupted: {
    de: (text: string) =>
      `Ihre Nachricht „${text}“ kam an, als der Hub neu startete; ob sie ausgeführt wurde, kann ich nicht sicher sagen. Bitte sehen Sie nach, bevor Sie sie noch einmal schicken.`,
    en: (text: string) =>
      `Your message "${text}" arrived while the hub restarted; I cannot tell for sure whether it was carried out. Please check before you send it again.`,
  },
  encryptedUnreadable: {
    de: () =>
      'Diese Nachricht kann ich nicht entschlüsseln: Meinem Gerät fehlt ihr Schlüssel. Bitte schicken Sie sie noch einmal; hilft das nicht, schreiben Sie mir in einem neuen Direktchat.',
    en: () =>
      "I can't decrypt this message: my device lacks its key. Please send it again; if that does not help, write to me in a new direct chat.",
  },
} satisfies Record<string, Record<Language, (...args: never[]) => string>>;
