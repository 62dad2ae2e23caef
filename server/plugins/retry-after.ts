import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.js';
import type { Graph } from '../graph/run.js';

/**
 * An answer that failed because the database is away (GRAPH_UNAVAILABLE) says when to try again, in the
 * standard Retry-After header: about when the embedded Neo4j should be back from its restart.
 */
export function retryAfterPlugin(graph: Pick<Graph, 'retryAfterSeconds'>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (errors?.some((error) => error.extensions?.code === ErrorCode.GRAPH_UNAVAILABLE)) {
            response.http.headers.set('retry-after', String(graph.retryAfterSeconds()));
          }
        },
      };
    },
  };
}
