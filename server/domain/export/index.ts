import type { Graph } from '../../graph/run.js';
import { BadUserInputError } from '../../errors.js';
import { collectSubgraph } from './collect-subgraph.js';
import { exportCytoscapeJson } from './export-cytoscape.js';
import { exportEntitiesCsv, exportRelationshipsCsv } from './export-csv.js';
import { exportGraphml } from './export-graphml.js';
import { exportHtml } from './export-html.js';
import { exportProjectJson } from './export-json.js';
import { exportMarkdown } from './export-markdown.js';
import { exportStix } from './export-stix.js';
import { exportFormats, type ExportFile, type ExportFormatName, type ExportRequest, type ExportSubgraph } from './types.js';

export { exportLimits } from './collect-subgraph.js';
export { exportFormats } from './types.js';
export type { ExportFile, ExportFormatName, ExportRequest } from './types.js';

interface Serializer {
  /** Filename ending, after `attribution-<first id>-<date>`. */
  suffix: string;
  mimeType: string;
  write(subgraph: ExportSubgraph): string;
}

const serializers: Record<ExportFormatName, Serializer> = {
  STIX: { suffix: '.stix.json', mimeType: 'application/stix+json;version=2.1', write: exportStix },
  GRAPHML: { suffix: '.graphml', mimeType: 'application/graphml+xml', write: exportGraphml },
  CSV_ENTITIES: { suffix: '-entities.csv', mimeType: 'text/csv', write: exportEntitiesCsv },
  CSV_RELATIONSHIPS: { suffix: '-relationships.csv', mimeType: 'text/csv', write: exportRelationshipsCsv },
  JSON: { suffix: '.json', mimeType: 'application/json', write: exportProjectJson },
  CYTOSCAPE_JSON: { suffix: '.cyjs', mimeType: 'application/json', write: exportCytoscapeJson },
  MARKDOWN: { suffix: '.md', mimeType: 'text/markdown', write: exportMarkdown },
  HTML: { suffix: '.html', mimeType: 'text/html', write: exportHtml },
};

/** Parses a format name as the API, URL and CLI accept it: any case, `-` or `_` (e.g. csv-entities). */
export function parseExportFormat(text: string): ExportFormatName {
  const name = text.trim().toUpperCase().replace(/-/g, '_');
  if (!(exportFormats as readonly string[]).includes(name)) {
    throw new BadUserInputError(`Unknown export format "${text}"; use one of ${exportFormats.join(', ')}.`);
  }
  return name as ExportFormatName;
}

/**
 * The one export pipeline (GraphQL, download URL, CLI): collect the subgraph once, then serialize it.
 * Throws BAD_USER_INPUT for out-of-range arguments and NOT_FOUND for unknown ids.
 */
export async function exportSubgraph(graph: Graph, request: ExportRequest): Promise<ExportFile> {
  const serializer = serializers[parseExportFormat(request.format)];
  const exportedOn = request.exportedOn ?? new Date().toISOString().slice(0, 10);
  const subgraph = await collectSubgraph(graph, {
    ids: request.ids,
    depth: request.depth ?? 0,
    filter: request.filter ?? null,
    exportedOn,
    tlpCeiling: request.tlpCeiling ?? null,
  });
  const first = subgraph.request.ids[0]
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 80);
  return {
    filename: `attribution-${first}-${exportedOn}${serializer.suffix}`,
    mimeType: serializer.mimeType,
    content: serializer.write(subgraph),
  };
}
