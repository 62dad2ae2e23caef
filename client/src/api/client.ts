/**
 * The one place that talks HTTP to `/graphql`. Server errors arrive as GraphQL errors carrying
 * `extensions.code` (NOT_FOUND, BAD_USER_INPUT, GRAPH_UNAVAILABLE, ...); they become an ApiError whose
 * message is the server's own, because that message was written for the analyst.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

type ActivityListener = (inFlight: number) => void;
const activityListeners = new Set<ActivityListener>();
let inFlight = 0;

/** Lets the loading indicator follow every request without each caller reporting it. */
export function onActivity(listener: ActivityListener): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

function track(delta: number): void {
  inFlight += delta;
  for (const listener of activityListeners) listener(inFlight);
}

/** Posts a document and returns the raw response, errors included (the console shows both). */
export async function postGraphQL<T>(
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
): Promise<GraphQLResponse<T>> {
  track(1);
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    const body = (await response.json().catch(() => null)) as GraphQLResponse<T> | null;
    if (!body) throw new ApiError(`The server answered ${response.status} without a GraphQL result.`, 'HTTP_ERROR');
    return body;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('Cannot reach the Attribution Explorer server. Is it running?', 'NETWORK_ERROR');
  } finally {
    track(-1);
  }
}

/** Posts a document and returns its data, or throws the first GraphQL error as an ApiError. */
export async function request<T>(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<T> {
  const body = await postGraphQL<T>(query, variables, operationName);
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!body.data) throw new ApiError('The server returned no data.', 'INTERNAL_SERVER_ERROR');
  return body.data;
}
