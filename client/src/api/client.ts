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

// The server hands out tokens the way Jupyter does: a link with `?token=`. The client keeps it in
// this browser and sends it as a bearer token on every request, including the console's.
const tokenKey = 'attribution-explorer.token';
let token: string | null = null;

/** Takes `?token=` from the address (then removes it: it must not end up in shared links). */
export function adoptTokenFromUrl(storage: Pick<Storage, 'getItem' | 'setItem'>): void {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }
  token = fromUrl ?? storage.getItem(tokenKey);
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
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables, operationName }),
    });
    const body = (await response.json().catch(() => null)) as GraphQLResponse<T> | null;
    if (response.status === 401 && !body?.errors?.length)
      throw new ApiError(
        'This server needs a token: open the link with ?token=… that it printed or that an administrator gave you.',
        'UNAUTHENTICATED',
      );
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
