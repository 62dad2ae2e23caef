import { Router, type Request, type Response } from 'express';
import { AppError, BadUserInputError, ErrorCode } from '../errors.js';
import { parseExportFormat, type PictureRequest } from '../domain/export/index.js';
import type { RelationshipFilterInput } from '../domain/types.js';
import type { StanceName } from '../domain/model.js';
import type { Viewer } from '../auth.js';
import type { Graph } from '../graph/run.js';
import type { Logger } from '../logger.js';
import { tlpLevelOf, tlpLevels, type TlpLevel } from '../../shared/markings.js';
import type { HeavyWork } from '../work/heavy-work.js';

const statusByCode: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.GRAPH_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TOO_EXPENSIVE]: 413,
};

/** A query value as one string: repeated parameters (?ids=a&ids=b) are joined as if comma-separated. */
function text(request: Request, name: string): string | undefined {
  const value = request.query[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String).join(',');
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw new BadUserInputError(`${name} must be a whole number, got "${value}".`);
  return Number(value);
}

/** A TLP ceiling as the URL writes it: clear, green, amber, amber+strict (or amber_strict), red; any case. */
function tlpCeiling(value: string | undefined): TlpLevel | null {
  if (!value) return null;
  const level = tlpLevelOf(value);
  if (!level) throw new BadUserInputError(`tlpCeiling must be one of ${tlpLevels.join(', ')}, got "${value}".`);
  return level;
}

/** The RelationshipFilter from `types`, `minConfidence`, `stances`, `asOf` and `includeRetired` parameters. */
function filterFrom(request: Request): RelationshipFilterInput | null {
  const filter: RelationshipFilterInput = {
    types: list(text(request, 'types')) ?? null,
    minConfidence: wholeNumber(text(request, 'minConfidence'), 'minConfidence') ?? null,
    stances: (list(text(request, 'stances'))?.map((stance) => stance.toUpperCase()) as StanceName[] | undefined) ?? null,
    asOf: text(request, 'asOf') ?? null,
    knownAsOf: text(request, 'knownAsOf') ?? null,
    includeUndated: flag(text(request, 'includeUndated'), 'includeUndated') ?? null,
    includeRetired: text(request, 'includeRetired') === 'true' ? true : null,
  };
  return Object.values(filter).some((value) => value !== null) ? filter : null;
}

/** `true`/`false` (also 1/0, yes/no), or undefined when absent. */
function flag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new BadUserInputError(`${name} must be true or false, got "${value}".`);
}

/** The picture parameters: theme (light or dark), title, date, legend, source. */
function pictureFrom(request: Request): PictureRequest {
  const theme = text(request, 'theme')?.toLowerCase();
  if (theme !== undefined && theme !== 'light' && theme !== 'dark')
    throw new BadUserInputError(`theme must be light or dark, got "${theme}".`);
  return {
    theme: theme ?? null,
    title: text(request, 'title') ?? null,
    date: flag(text(request, 'date'), 'date') ?? null,
    legend: flag(text(request, 'legend'), 'legend') ?? null,
    source: text(request, 'source') ?? null,
  };
}

/**
 * GET /export?ids=a,b&format=HTML&depth=1 (optional filter: types, minConfidence, stances, asOf, knownAsOf,
 * includeUndated, includeRetired), or
 * GET /export?view=<id>&format=PNG (a saved view as the team sees it); pictures take theme, title, date, legend and
 * source; either takes tlpCeiling=amber to withhold what is marked above it. The export as a file download. Errors
 * answer as JSON {error, code} with 400, 404 or 503.
 */
export function createExportRouter(deps: {
  graph: Graph;
  logger: Logger;
  /** The viewer, or an AppError (e.g. UNAUTHENTICATED) when the request may not read; the same rule as /graphql. */
  authorize: (request: Request) => Viewer;
  /** The asking client's budget of heavy operations, and the worker threads that serialise. */
  heavyWork: Pick<HeavyWork, 'forViewer' | 'exportFile'>;
}): Router {
  const router = Router();
  router.get('/export', async (request: Request, response: Response) => {
    try {
      const viewer = deps.authorize(request);
      const format = text(request, 'format');
      if (!format) throw new BadUserInputError('format is required, e.g. format=HTML.');
      const exportRequest = {
        ids: list(text(request, 'ids')) ?? [],
        view: text(request, 'view') ?? null,
        format: parseExportFormat(format),
        depth: wholeNumber(text(request, 'depth'), 'depth') ?? 0,
        filter: filterFrom(request),
        picture: pictureFrom(request),
        tlpCeiling: tlpCeiling(text(request, 'tlpCeiling')),
      };
      const heavy = deps.heavyWork.forViewer(viewer);
      const file = await heavy(() => deps.heavyWork.exportFile(deps.graph, exportRequest));
      const charset = file.mimeType.startsWith('text/') || file.mimeType.includes('json') ? '; charset=utf-8' : '';
      // attachment() guesses a type from the filename, so the real one is set after it.
      response
        .status(200)
        .attachment(file.filename)
        .set('Content-Type', `${file.mimeType}${charset}`)
        .set('Cache-Control', 'no-store')
        .send(file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
    } catch (error) {
      if (error instanceof AppError) {
        if (error.code === ErrorCode.GRAPH_UNAVAILABLE) response.set('Retry-After', String(deps.graph.retryAfterSeconds()));
        response.status(statusByCode[error.code] ?? 400).json({ error: error.message, code: error.code });
        return;
      }
      deps.logger.error({ err: error }, 'export download failed');
      response.status(500).json({ error: 'Internal server error', code: ErrorCode.INTERNAL_SERVER_ERROR });
    }
  });
  return router;
}
