import type { ApolloServerPlugin } from '@apollo/server';
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';

// Apollo builds the schema with graphql's CommonJS build; the CommonJS build of this package shares it
// (its ESM build would load graphql a second time, and graphql refuses objects from another copy).
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');
import { QueryTooExpensiveError } from '../errors.js';

/**
 * A list field costs its children once per item it may return: `limit` (or the number of `ids`) items,
 * counted in blocks of 25 so that ordinary queries stay cheap and a 5,000-link neighbourhood does not.
 */
const listArgumentEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const limit = typeof args.limit === 'number' ? args.limit : undefined;
  const ids = Array.isArray(args.ids) ? args.ids.length : undefined;
  const items = limit ?? ids;
  if (items === undefined) return undefined;
  return 1 + childComplexity * Math.max(1, Math.ceil(items / 25));
};

/** Refuses an operation whose estimated cost exceeds `maxCost`, before any resolver runs. */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [listArgumentEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > maxCost) {
            throw new QueryTooExpensiveError(
              `The query's estimated cost is ${cost}, above the limit of ${maxCost} (MAX_QUERY_COST). Ask for fewer fields, lower limits or fewer ids, or split it into several queries.`,
            );
          }
        },
      };
    },
  };
}
