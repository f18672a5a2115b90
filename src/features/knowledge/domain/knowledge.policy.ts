import { COORDINATING, EVERYONE, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The knowledge base's rows of the access policy (merged into ACCESS_POLICY): GraphQL, chat and
// the article page.

const ARTICLES =
  'articles the caller may read: public ones; network ones when signed in; coordinators’ ones for coordinators';

export const KNOWLEDGE_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.articles': { who: EVERYONE, sees: ARTICLES },
  'Query.article': { who: EVERYONE, sees: ARTICLES },
  'Query.searchKnowledge': { who: EVERYONE, sees: ARTICLES },
  'Mutation.createArticle': { who: COORDINATING },
  'Mutation.updateArticle': { who: COORDINATING, sees: 'every change is kept as a version with who made it' },
  'Chat.knowledge': { who: EVERYONE, sees: `${ARTICLES}; in a group room public ones only` },
  'GET /articles/<article>': {
    who: EVERYONE,
    sees: 'a public article; any other only through the signed link its reader got, for 30 days',
  },
};
