import { defaultPictureOptions, type PictureOptions } from '../../../shared/picture-frame.js';
import type { Graph } from '../../graph/run.js';
import { BadUserInputError, QueryTooExpensiveError } from '../../errors.js';
import { collectSubgraph, exportLimits } from './collect-subgraph.js';
import { computedLayouts, serializers, writeExport, type ExportContext } from './serializers.js';
import { exportFormats, type ExportFile, type ExportFormatName, type ExportRequest, type ExportSubgraph } from './types.js';
import { incidentMatrices } from './incident-matrices.js';
import { collectViewExport } from './view-export.js';

export { exportLimits } from './collect-subgraph.js';
export { exportFormats } from './types.js';
export type { ExportFile, ExportFormatName, ExportRequest, PictureRequest } from './types.js';

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
 * links, and a picture of every entity that must be laid out first (by a force-directed layout whose time grows
 * much faster than the graph) at most maxPictureEntities. A saved view's picture keeps the view's arrangement
 * (no layout), and a report of more entities is summarised (its picture shows the most connected) rather than
 * refused.
 */
function checkExportSize(format: ExportFormatName, subgraph: ExportSubgraph, laidOut: boolean): void {
  const elements = subgraph.entities.length + subgraph.relationships.length;
  if (elements > exportLimits.maxElements) {
    throw new QueryTooExpensiveError(
      `This export holds ${elements.toLocaleString('en')} entities and links, above the limit of ${exportLimits.maxElements.toLocaleString('en')} per file. Narrow it: fewer ids, a lower depth or a relationship filter.`,
    );
  }
  if (serializers[format].picture === 'whole' && !laidOut && subgraph.entities.length > exportLimits.maxPictureEntities) {
    throw new QueryTooExpensiveError(
      `A ${format} export draws a picture of at most ${exportLimits.maxPictureEntities.toLocaleString('en')} entities; this one has ${subgraph.entities.length.toLocaleString('en')}. Narrow it (fewer ids, a lower depth, a relationship filter), save it as a view and export the view (it keeps its arrangement), or export a report, JSON, GraphML, CSV or STIX.`,
    );
  }
}

/**
 * The one export pipeline (GraphQL, download URL, CLI): collect the subgraph once (the given entities, or a saved
 * view as the team sees it), check its size, then serialize it. Throws BAD_USER_INPUT for out-of-range arguments,
 * NOT_FOUND for unknown ids and views and QUERY_TOO_EXPENSIVE over a size cap. All of it is CPU-heavy for a large
 * subgraph (decoding the database's answer, layout, rendering): the server runs it in a worker thread
 * (server/work/).
 */
export async function exportSubgraph(graph: Graph, request: ExportRequest): Promise<ExportFile> {
  const format = parseExportFormat(request.format);
  const serializer = serializers[format];
  const exportedOn = request.exportedOn ?? new Date().toISOString().slice(0, 10);
  if (request.view && request.ids?.length) throw new BadUserInputError('Give either ids or a view, not both.');
  let subgraph: ExportSubgraph;
  let context: Omit<ExportContext, 'picture'>;
  let title: string | null = null;
  if (request.view) {
    const view = await collectViewExport(graph, request.view, exportedOn, request.tlpCeiling ?? null);
    subgraph = { ...view.subgraph, request: { ...view.subgraph.request, view: { id: request.view, title: view.title } } };
    context = { layout: () => view.layout, groups: view.groups };
    title = view.title;
  } else {
    subgraph = await collectSubgraph(graph, {
      ids: request.ids ?? [],
      depth: request.depth ?? 0,
      filter: request.filter ?? null,
      exportedOn,
      tlpCeiling: request.tlpCeiling ?? null,
    });
    context = { layout: computedLayouts(), groups: [] };
  }
  checkExportSize(format, subgraph, Boolean(request.view));
  if (serializer.hypotheses) subgraph = { ...subgraph, hypotheses: await incidentMatrices(graph, subgraph) };
  const asked = request.picture ?? {};
  const picture: PictureOptions = {
    ...defaultPictureOptions,
    theme: asked.theme ?? defaultPictureOptions.theme,
    title: asked.title ?? title,
    date: asked.date === false ? null : `Exported ${exportedOn}`,
    legend: asked.legend ?? true,
    source: asked.source ?? null,
  };
  const first = (request.view ?? subgraph.request.ids[0])
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 80);
  return {
    filename: `attribution-${request.view ? 'view-' : ''}${first}-${exportedOn}${serializer.suffix}`,
    mimeType: serializer.mimeType,
    content: writeExport(format, subgraph, { ...context, picture }),
    encoding: serializer.encoding ?? 'utf-8',
  };
}
