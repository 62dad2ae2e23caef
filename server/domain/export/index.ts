import type { Graph } from '../../graph/run.js';
import { BadUserInputError, QueryTooExpensiveError } from '../../errors.js';
import { collectSubgraph, exportLimits } from './collect-subgraph.js';
import { serializers, writeExport } from './serializers.js';
import { exportFormats, type ExportFile, type ExportFormatName, type ExportRequest, type ExportSubgraph } from './types.js';

export { exportLimits } from './collect-subgraph.js';
export { exportFormats } from './types.js';
export type { ExportFile, ExportFormatName, ExportRequest } from './types.js';

/** Parses a format name as the API, URL and CLI accept it: any case, `-` or `_` (e.g. csv-entities). */
export function parseExportFormat(text: string): ExportFormatName {
  const name = text.trim().toUpperCase().replace(/-/g, '_');
  if (!(exportFormats as readonly string[]).includes(name)) {
    throw new BadUserInputError(`Unknown export format "${text}"; use one of ${exportFormats.join(', ')}.`);
  }
  return name as ExportFormatName;
}

/**
 * The size caps, checked before any serialising starts: every format writes at most maxElements entities and
 * links, and a picture (laid out by a force-directed layout whose time grows much faster than the graph) at
 * most maxPictureEntities entities.
 */
function checkExportSize(format: ExportFormatName, subgraph: ExportSubgraph): void {
  const elements = subgraph.entities.length + subgraph.relationships.length;
  if (elements > exportLimits.maxElements) {
    throw new QueryTooExpensiveError(
      `This export holds ${elements.toLocaleString('en')} entities and links, above the limit of ${exportLimits.maxElements.toLocaleString('en')} per file. Narrow it: fewer ids, a lower depth or a relationship filter.`,
    );
  }
  if (serializers[format].picture && subgraph.entities.length > exportLimits.maxPictureEntities) {
    throw new QueryTooExpensiveError(
      `A ${format} export draws a picture of at most ${exportLimits.maxPictureEntities.toLocaleString('en')} entities; this one has ${subgraph.entities.length.toLocaleString('en')}. Narrow it (fewer ids, a lower depth, a relationship filter), or export JSON, GraphML, CSV or STIX, which have no picture.`,
    );
  }
}

/**
 * The one export pipeline (GraphQL, download URL, CLI): collect the subgraph once, check its size, then
 * serialize it. Throws BAD_USER_INPUT for out-of-range arguments, NOT_FOUND for unknown ids and
 * QUERY_TOO_EXPENSIVE over a size cap. All of it is CPU-heavy for a large subgraph (decoding the database's
 * answer, layout, rendering): the server runs it in a worker thread (server/work/).
 */
export async function exportSubgraph(graph: Graph, request: ExportRequest): Promise<ExportFile> {
  const format = parseExportFormat(request.format);
  const serializer = serializers[format];
  const exportedOn = request.exportedOn ?? new Date().toISOString().slice(0, 10);
  const subgraph = await collectSubgraph(graph, {
    ids: request.ids,
    depth: request.depth ?? 0,
    filter: request.filter ?? null,
    exportedOn,
    tlpCeiling: request.tlpCeiling ?? null,
  });
  checkExportSize(format, subgraph);
  const first = subgraph.request.ids[0]
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 80);
  return {
    filename: `attribution-${first}-${exportedOn}${serializer.suffix}`,
    mimeType: serializer.mimeType,
    content: writeExport(format, subgraph),
  };
}
