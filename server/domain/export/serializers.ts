import { defaultPictureOptions, type PictureOptions } from '../../../shared/picture-frame.js';
import { exportCytoscapeJson } from './export-cytoscape.js';
import { exportEntitiesCsv, exportRelationshipsCsv } from './export-csv.js';
import { exportGraphml } from './export-graphml.js';
import { exportHypothesesCsv } from './export-hypotheses-csv.js';
import { exportHtml } from './export-html.js';
import { exportProjectJson } from './export-json.js';
import { exportMarkdown } from './export-markdown.js';
import { exportStix } from './export-stix.js';
import { layoutSubgraph, type SubgraphLayout } from './layout-subgraph.js';
import { rasterize } from './rasterize.js';
import { renderSubgraphSvg } from './render-svg.js';
import type { ExportFormatName, ExportSubgraph } from './types.js';
import type { PictureGroup } from './view-export.js';

/** What a serializer may need beyond the subgraph: where each entity stands, and how pictures look. */
export interface ExportContext {
  /** Where the entities of `of` stand: a saved view's arrangement, or a layout of `of` (computed on demand: it takes time). */
  layout(of: ExportSubgraph): SubgraphLayout;
  picture: PictureOptions;
  /** A saved view's group nodes, drawn in its pictures. */
  groups: PictureGroup[];
}

/** Layouts computed from the subgraph itself (an export of ids rather than of a saved view), once per subgraph. */
export function computedLayouts(): ExportContext['layout'] {
  const computed = new Map<ExportSubgraph, SubgraphLayout>();
  return (of) => computed.get(of) ?? computed.set(of, layoutSubgraph(of)).get(of)!;
}

interface Serializer {
  /** Filename ending, after `attribution-<first id>-<date>`. */
  suffix: string;
  mimeType: string;
  /**
   * 'whole' when the format draws every entity in a picture (the costly part when it must be laid out: a
   * force-directed layout); 'summary' when a report draws its most connected entities only; false without one.
   */
  picture: 'whole' | 'summary' | false;
  /** base64 for binary content (PNG). */
  encoding?: 'base64';
  /** Whether it carries the incidents' competing-hypotheses matrices (read before writing: incident-matrices.ts). */
  hypotheses?: boolean;
  write(subgraph: ExportSubgraph, context: ExportContext): string;
}

const picture = (subgraph: ExportSubgraph, context: ExportContext) =>
  renderSubgraphSvg(subgraph, context.layout(subgraph), { picture: context.picture, groups: context.groups });

export const serializers: Record<ExportFormatName, Serializer> = {
  STIX: { suffix: '.stix.json', mimeType: 'application/stix+json;version=2.1', picture: false, write: exportStix },
  GRAPHML: { suffix: '.graphml', mimeType: 'application/graphml+xml', picture: false, write: exportGraphml },
  CSV_ENTITIES: { suffix: '-entities.csv', mimeType: 'text/csv', picture: false, write: exportEntitiesCsv },
  CSV_RELATIONSHIPS: { suffix: '-relationships.csv', mimeType: 'text/csv', picture: false, write: exportRelationshipsCsv },
  HYPOTHESES_CSV: { suffix: '-hypotheses.csv', mimeType: 'text/csv', picture: false, hypotheses: true, write: exportHypothesesCsv },
  JSON: { suffix: '.json', mimeType: 'application/json', picture: false, write: exportProjectJson },
  CYTOSCAPE_JSON: {
    suffix: '.cyjs',
    mimeType: 'application/json',
    picture: 'whole',
    write: (subgraph, context) => exportCytoscapeJson(subgraph, context.layout(subgraph)),
  },
  MARKDOWN: {
    suffix: '.md',
    mimeType: 'text/markdown',
    picture: 'summary',
    hypotheses: true,
    write: (subgraph, context) => exportMarkdown(subgraph, context.layout),
  },
  HTML: {
    suffix: '.html',
    mimeType: 'text/html',
    picture: 'summary',
    hypotheses: true,
    write: (subgraph, context) => exportHtml(subgraph, context.layout),
  },
  SVG: { suffix: '.svg', mimeType: 'image/svg+xml', picture: 'whole', write: picture },
  PNG: {
    suffix: '.png',
    mimeType: 'image/png',
    picture: 'whole',
    encoding: 'base64',
    write: (subgraph, context) => rasterize(picture(subgraph, context)).toString('base64'),
  },
};

/** The file's content for a collected subgraph: pure CPU work, run by the server in a worker thread. */
export function writeExport(
  format: ExportFormatName,
  subgraph: ExportSubgraph,
  context: ExportContext = { layout: computedLayouts(), picture: defaultPictureOptions, groups: [] },
): string {
  return serializers[format].write(subgraph, context);
}
