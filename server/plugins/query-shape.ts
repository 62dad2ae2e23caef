import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../config.js';

/**
 * Depth, alias, token and directive limits (GraphQL Armor), checked while the query is parsed and validated.
 * Their rejections are reported as QUERY_TOO_EXPENSIVE by errors.ts, with the limit's name.
 */
export function queryShapeProtection(limits: Config['limits']) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: 20 },
    costLimit: { enabled: false }, // cost is query-cost.ts's job: it knows our list arguments
    blockFieldSuggestion: { enabled: false }, // the API is public and documented; suggestions help analysts
  });
  return armor.protect();
}
