import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../config.js';

/**
 * Depth, alias and directive limits (GraphQL Armor), checked while the query is validated, and the token
 * limit, which graphql-js's own parser enforces while it parses (`parseOptions.maxTokens`).
 * Their rejections are reported as QUERY_TOO_EXPENSIVE by errors.ts, with the limit's name.
 */
export function queryShapeProtection(limits: Config['limits']) {
  const armor = new ApolloArmor({
    // Depth counts fields, not the fragments that group them: otherwise the client's own evidence query (an
    // incident's hypotheses, their sources and what those derive from, all through shared fragments) counted
    // 13 for 10 levels of fields, and the evidence panel stayed empty.
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    // Armor's token plugin parses a second time in a plugin hook, where any syntax error (not only the
    // limit) becomes an HTTP 500; the parser's own limit answers 400 like any other parse failure.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { enabled: false }, // cost is query-cost.ts's job: it knows our list arguments
    blockFieldSuggestion: { enabled: false }, // the API is public and documented; suggestions help analysts
  });
  return { ...armor.protect(), parseOptions: { maxTokens: limits.maxTokens } };
}
