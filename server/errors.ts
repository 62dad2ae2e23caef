import { GraphQLError } from 'graphql';

/** The few error codes clients ever see, in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  GRAPH_UNAVAILABLE: 'GRAPH_UNAVAILABLE',
  QUERY_TOO_EXPENSIVE: 'QUERY_TOO_EXPENSIVE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error whose message is meant for the user; anything else is masked. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.BAD_USER_INPUT, message, details);
  }
}
export class NotFoundError extends AppError {
  constructor(message: string) {
    super(ErrorCode.NOT_FOUND, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(ErrorCode.FORBIDDEN, message);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

/** Refuses a whole request before any resolver runs (Apollo answers it with this HTTP status). */
export class RequestRefusedError extends AppError {
  constructor(code: ErrorCode, message: string, status: number) {
    super(code, message, { http: { status } });
  }
}
export class GraphUnavailableError extends AppError {
  constructor(message = 'The graph database is unavailable; try again shortly.') {
    super(ErrorCode.GRAPH_UNAVAILABLE, message);
  }
}
export class QueryTooExpensiveError extends AppError {
  constructor(message: string) {
    super(ErrorCode.QUERY_TOO_EXPENSIVE, message);
  }
}

/** Codes that graphql-js and Apollo assign to malformed requests; their messages are safe to show. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** GraphQL Armor's rejections, by message: which setting governs each, and how to stay within it. */
const shapeLimits: { pattern: RegExp; setting: string; advice: string; describe?: (found: RegExpExecArray) => string }[] = [
  { pattern: /Query depth limit of \d+ exceeded, found \d+/, setting: 'MAX_QUERY_DEPTH', advice: 'select fewer nested fields' },
  {
    pattern: /Aliases limit of \d+ exceeded, found \d+/,
    setting: 'MAX_QUERY_ALIASES',
    advice: 'use fewer aliases, or send several requests',
  },
  // graphql-js's parser limit (its message says "more that"); reworded so the limit reads plainly.
  {
    pattern: /Document contains more (?:than|that) (\d+) tokens/,
    setting: 'MAX_QUERY_TOKENS',
    advice: 'send a shorter query',
    describe: (found) => `Token limit of ${found[1]} exceeded`,
  },
  { pattern: /Directives limit of \d+ exceeded, found \d+/, setting: 'MAX_DIRECTIVES', advice: 'use fewer directives' },
];

function shapeLimitError(message: string) {
  for (const limit of shapeLimits) {
    const found = limit.pattern.exec(message);
    if (found)
      return {
        message: `${limit.describe?.(found) ?? found[0]} (${limit.setting}): ${limit.advice}.`,
        extensions: { code: ErrorCode.QUERY_TOO_EXPENSIVE },
      };
  }
  return null;
}

/**
 * Decides what of an error leaves the server: app errors and request errors as they are,
 * bad variables as BAD_USER_INPUT, everything else as a bare "Internal server error".
 */
export function maskError(
  formatted: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[]; locations?: readonly unknown[] },
  original: unknown,
) {
  const shape = shapeLimitError(formatted.message);
  if (shape) return shape;
  const code = formatted.extensions?.code as string | undefined;
  const known = Object.values(ErrorCode) as string[];
  const cause = original instanceof GraphQLError ? (original.originalError ?? original) : original;
  if (
    cause instanceof AppError ||
    (code && requestErrorCodes.has(code)) ||
    (code && known.includes(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR)
  ) {
    const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
