import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';

// Refuses documents too deep, too costly, too long or built to multiply work (alias and
// directive bombs) before they run. The limits leave room for every query the hub's own
// interfaces send and every analyst query of the benchmark (a 50-municipality list with its KIK,
// their roles, alliances and topics costs about 3,600); the deepest (districts > municipalities >
// servedBy > roles > person) is 6.

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
}

const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxCost: 5000,
  maxAliases: 15,
  maxTokens: 2000,
  maxDirectives: 20,
};

export function useQueryLimits(limits: QueryLimits = DEFAULT_QUERY_LIMITS): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens }),
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases }),
    maxDirectivesPlugin({ n: limits.maxDirectives }),
    costLimitPlugin({ maxCost: limits.maxCost }),
  ] as Plugin[];
}
