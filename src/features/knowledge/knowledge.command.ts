import type { Article } from './domain/articles.js';
import { articlePlainText } from './markdown.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply, type Inline } from '../../../bots/core/reply.js';

// `!wissen <Suchtext>`: the three articles of the knowledge base that best match, each with its
// address and its first lines. In a room with others only public articles are shown (a link to
// any other is signed for its reader and belongs in a direct chat).

const SHOWN = 3;
const EXCERPT = 160;

const KIND_NAMES: Record<Article['kind'], { de: string; en: string }> = {
  HOWTO: { de: 'Leitfaden', en: 'How-to' },
  CHECKLIST: { de: 'Checkliste', en: 'Checklist' },
  TEMPLATE: { de: 'Vorlage', en: 'Template' },
};

export const knowledgeCommand = defineCommand({
  name: { de: 'wissen', en: 'knowledge' },
  summary: {
    de: 'Leitfäden, Checklisten und Vorlagen des Netzwerks finden',
    en: "find the network's how-tos, checklists and templates",
  },
  usage: { de: '!wissen <Suchtext>', en: '!knowledge <text>' },
  example: { de: '!wissen Unterbringung', en: '!knowledge housing' },
  options: [
    {
      name: { de: 'suchtext', en: 'text' },
      description: { de: 'wonach Sie suchen', en: 'what you look for' },
      required: true,
      rest: true,
    },
  ],
  uses: ['knowledge', 'articleLinks'],
  parse: (args) => (args.length ? parsed(args.join(' ')) : unparsable),
  run: async (text, context, deps) => {
    const found = await deps.services.knowledge.search(
      text,
      context.viewer,
      SHOWN,
      context.inGroupRoom ? ['PUBLIC'] : undefined,
    );
    return {
      text,
      articles: found.map(({ article }) => ({
        article,
        url: deps.services.articleLinks.url(article, context.viewer.personId),
      })),
    };
  },
  render: ({ text, articles }, { language, inGroupRoom }) => {
    const de = language === 'de';
    if (!articles.length)
      return reply([
        de
          ? `Zu „${text}“ habe ich nichts gefunden. Versuchen Sie ein anderes Wort${inGroupRoom ? ' (oder fragen Sie mich direkt: dort sehe ich auch Beiträge nur für das Netzwerk)' : ''}.`
          : `I found nothing about "${text}". Try another word${inGroupRoom ? ' (or ask me directly: there I also see articles for the network only)' : ''}.`,
      ]);
    const lines: Inline[][] = [[de ? `Gefunden zu „${text}“:` : `Found for "${text}":`]];
    articles.forEach(({ article, url }, i) => {
      lines.push([
        `${i + 1}. `,
        { bold: article.title },
        ` (${KIND_NAMES[article.kind][language]})`,
        ...(url ? [' – ', { link: url, href: url }] : []),
      ]);
      lines.push([`   ${articlePlainText(article.body, EXCERPT).replace(/\s+/g, ' ')}`]);
    });
    return reply(lines, { privateDetails: articles.some(({ article }) => article.visibility !== 'PUBLIC') });
  },
});
