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

// The server hands out login links (`?login=<single-use code>`, from `npm run editor-link`); the client trades
// the code for a token once, keeps the token in this browser and sends it as a bearer token on every request,
// including the console's. A link with `?token=` (handed out by an administrator) is still understood.
const tokenKey = 'attribution-explorer.token';
let token: string | null = null;
/** Settled once a login code from the address has been traded (or refused); requests wait for it. */
let tokenReady: Promise<void> = Promise.resolve();

/**
 * Takes `?login=` or `?token=` from the address and removes it at once, before anything else runs: the address
 * must not end up in shared links or stay on screen. Resolves when a login code has been traded for its token;
 * rejects with the server's explanation when the code has expired or was used already.
 */
export function adoptTokenFromUrl(storage: Pick<Storage, 'getItem' | 'setItem'>): Promise<void> {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  const code = url.searchParams.get('login');
  if (fromUrl !== null || code !== null) {
    url.searchParams.delete('token');
    url.searchParams.delete('login');
    history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }
  if (fromUrl) storage.setItem(tokenKey, fromUrl);
  token = fromUrl || storage.getItem(tokenKey);
  if (!code) return tokenReady;
  tokenReady = redeemLoginCode(code).then((traded) => {
    storage.setItem(tokenKey, traded);
    token = traded;
  });
  return tokenReady;
}

async function redeemLoginCode(code: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('Cannot reach the Attribution Explorer server. Is it running?', 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => null)) as { token?: string; error?: string; code?: string } | null;
  if (!response.ok || !body?.token) throw new ApiError(body?.error ?? 'This login link could not be used.', body?.code ?? 'BAD_USER_INPUT');
  return body.token;
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
    await tokenReady.catch(() => undefined); // a refused login link was reported where it was adopted
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

/**
 * Posts a document and returns its data, or throws the first GraphQL error as an ApiError. `missingIsNull`: a field
 * the server reports NOT_FOUND stays null in the data instead (a lookup of ids from an address, which may name
 * something deleted or mistyped, answers "not found" with an empty state of its own, not "could not load").
 */
export async function request<T>(
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
  { missingIsNull = false } = {},
): Promise<T> {
  const body = await postGraphQL<T>(query, variables, operationName);
  const first = body.errors?.find((error) => !(missingIsNull && error.extensions?.code === 'NOT_FOUND'));
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!body.data) throw new ApiError('The server returned no data.', 'INTERNAL_SERVER_ERROR');
  return body.data;
}
