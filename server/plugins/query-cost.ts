import type { ApolloServerPlugin } from '@apollo/server';
import { createRequire } from 'node:module';
import type { DocumentNode } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode, RequestRefusedError } from '../errors.js';

// Apollo builds the schema with graphql's CommonJS build; the CommonJS build of this package shares it
// (its ESM build would load graphql a second time, and graphql refuses objects from another copy).
const require = createRequire(import.meta.url);
const { getComplexity, simpleEstimator } = require('graphql-query-complexity') as typeof import('graphql-query-complexity');
const { getVariableValues } = require('graphql') as typeof import('graphql');

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

/**
 * A path search costs what it reads, not what it returns: it reads up to 12,000 links (find-paths.ts) however
 * few paths come back, and each hop and each path asked for widens it. Measured on the 10k-entity benchmark
 * graph: one paths(maxHops: 8, limit: 20) takes 0.3-0.9 s of server time, so 30 of them (the most aliases
 * allowed) stalled everyone for seconds. At 30 per hop and per path (plus 10), that one costs 7,200: six fit
 * under the default MAX_QUERY_COST, and the default paths(maxHops: 4, limit: 5) costs 1,800.
 */
export function pathSearchCost(maxHops: number, limit: number): number {
  return 30 * maxHops * (limit + 10);
}

const pathsEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name !== 'paths') return undefined;
  const maxHops = typeof args.maxHops === 'number' ? args.maxHops : 4;
  const limit = typeof args.limit === 'number' ? args.limit : 5;
  return pathSearchCost(maxHops, limit) + childComplexity * Math.max(1, Math.ceil(limit / 25));
};

/** Costs remembered per document (Apollo hands the same parsed document for the same query text). */
const maxCostsPerDocument = 500;

/**
 * What a cost can depend on: the operation and the variables, where no string's text counts (the estimators
 * read numbers, list lengths and, through @include/@skip, booleans). The client's search differs only in
 * its text, so its cost is computed once: getComplexity walks the whole document with type information,
 * 0.6 ms of a cheap query's server time (more than executing it), measured in the benchmark's profile.
 */
function costKey(operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  return `${operationName ?? ''}\n${JSON.stringify(variables ?? {}, (_key, value: unknown) => (typeof value === 'string' ? '' : value))}`;
}

/** Refuses an operation whose estimated cost exceeds `maxCost`, before any resolver runs (HTTP 400). */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          // No operation to run (several without operationName), or variables that do not fit their types:
          // nothing will run, and Apollo answers 400 naming the problem. getComplexity would throw the
          // same error from here, where Apollo makes it a 500.
          if (!operation) return;
          const key = costKey(request.operationName, request.variables);
          let known = costs.get(document);
          let cost = known?.get(key);
          if (cost === undefined) {
            const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
            if (variables.errors) return;
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pathsEstimator, listArgumentEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
            if (!known) costs.set(document, (known = new Map()));
            // Bounded: variables with many distinct numbers (limits, id counts) start the document's costs afresh.
            if (known.size >= maxCostsPerDocument) known.clear();
            known.set(key, cost);
          }
          if (cost > maxCost) {
            // A plugin's error is a 500 unless it names its status; this is the client's query, so 400.
            throw new RequestRefusedError(
              ErrorCode.QUERY_TOO_EXPENSIVE,
              `The query's estimated cost is ${cost}, above the limit of ${maxCost} (MAX_QUERY_COST). Ask for fewer fields, lower limits or fewer ids, or split it into several queries.`,
              400,
            );
          }
        },
      };
    },
  };
}
