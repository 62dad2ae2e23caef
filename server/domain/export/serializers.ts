import { exportCytoscapeJson } from './export-cytoscape.js';
import { exportEntitiesCsv, exportRelationshipsCsv } from './export-csv.js';
import { exportGraphml } from './export-graphml.js';
import { exportHtml } from './export-html.js';
import { exportProjectJson } from './export-json.js';
import { exportMarkdown } from './export-markdown.js';
import { exportStix } from './export-stix.js';
import type { ExportFormatName, ExportSubgraph } from './types.js';

interface Serializer {
  /** Filename ending, after `attribution-<first id>-<date>`. */
  suffix: string;
  mimeType: string;
  /** True when the format holds a laid-out picture (the costly part: a force-directed layout). */
  picture: boolean;
  write(subgraph: ExportSubgraph): string;
}

export const serializers: Record<ExportFormatName, Serializer> = {
  STIX: { suffix: '.stix.json', mimeType: 'application/stix+json;version=2.1', picture: false, write: exportStix },
  GRAPHML: { suffix: '.graphml', mimeType: 'application/graphml+xml', picture: false, write: exportGraphml },
  CSV_ENTITIES: { suffix: '-entities.csv', mimeType: 'text/csv', picture: false, write: exportEntitiesCsv },
  CSV_RELATIONSHIPS: { suffix: '-relationships.csv', mimeType: 'text/csv', picture: false, write: exportRelationshipsCsv },
  JSON: { suffix: '.json', mimeType: 'application/json', picture: false, write: exportProjectJson },
  CYTOSCAPE_JSON: { suffix: '.cyjs', mimeType: 'application/json', picture: true, write: exportCytoscapeJson },
  MARKDOWN: { suffix: '.md', mimeType: 'text/markdown', picture: true, write: exportMarkdown },
  HTML: { suffix: '.html', mimeType: 'text/html', picture: true, write: exportHtml },
};

/** The file's text for a collected subgraph: pure CPU work, run by the server in a worker thread. */
export function writeExport(format: ExportFormatName, subgraph: ExportSubgraph): string {
  return serializers[format].write(subgraph);
}
