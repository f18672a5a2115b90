import type { Language } from '../../src/domain/errors.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';

const CHOICES: Record<string, Language> = {
  de: 'de',
  deutsch: 'de',
  german: 'de',
  en: 'en',
  englisch: 'en',
  english: 'en',
};

export const languageCommand = defineCommand({
  name: { de: 'sprache', en: 'language' },
  summary: {
    de: 'antwortet Ihnen auf Deutsch (de) oder Englisch (en)',
    en: 'answers you in German (de) or English (en)',
  },
  usage: { de: '!sprache de|en', en: '!language de|en' },
  example: { de: '!sprache en', en: '!language de' },
  options: [
    {
      name: { de: 'sprache', en: 'language' },
      description: { de: 'de oder en', en: 'de or en' },
      required: true,
      choices: ['de', 'en'],
    },
  ],
  parse: (args) => {
    const choice = CHOICES[args[0]?.toLowerCase() ?? ''];
    return args.length === 1 && choice ? parsed(choice) : unparsable;
  },
  run: async (language, context, deps) => {
    await deps.identities.setLanguage(context.user, language);
    return language;
  },
  render: (language) =>
    reply([
      language === 'de' ? 'Ich antworte Ihnen ab jetzt auf Deutsch.' : 'I will answer you in English from now on.',
    ]),
});
