import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger.js';

/** One log line per operation: its name, duration and error codes; never its variables (they may hold secrets). */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ errors }) {
          const codes = errors?.map((error) => error.extensions?.code).filter(Boolean);
          logger.debug(
            {
              operation: request.operationName ?? null,
              ms: Math.round(performance.now() - started),
              errors: codes?.length ? codes : undefined,
            },
            'graphql',
          );
        },
      };
    },
  };
}
