import type { Graph } from '../../graph/run.js';
import { BadUserInputError } from '../../errors.js';
import { defaultPictureOptions, type PictureOptions } from '../../../shared/picture-frame.js';
import { collectSubgraph } from './collect-subgraph.js';
import { exportCytoscapeJson } from './export-cytoscape.js';
import { exportEntitiesCsv, exportRelationshipsCsv } from './export-csv.js';
import { exportGraphml } from './export-graphml.js';
import { exportHtml } from './export-html.js';
import { exportProjectJson } from './export-json.js';
import { exportMarkdown } from './export-markdown.js';
import { exportStix } from './export-stix.js';
import { layoutSubgraph, type SubgraphLayout } from './layout-subgraph.js';
import { rasterize } from './rasterize.js';
import { renderSubgraphSvg } from './render-svg.js';
import { collectViewExport, type PictureGroup } from './view-export.js';
import { exportFormats, type ExportFile, type ExportFormatName, type ExportRequest, type ExportSubgraph } from './types.js';

export { exportLimits } from './collect-subgraph.js';
export { exportFormats } from './types.js';
export type { ExportFile, ExportFormatName, ExportRequest, PictureRequest } from './types.js';

/** What a serializer may need beyond the subgraph: where each entity stands, and how pictures look. */
export interface ExportContext {
  /** Where the entities of `of` stand: the saved view's arrangement, or a layout of `of` (computed on demand: it takes time). */
  layout(of: ExportSubgraph): SubgraphLayout;
  picture: PictureOptions;
  /** The saved view's group nodes, drawn in its pictures. */
  groups: PictureGroup[];
}

interface Serializer {
  /** Filename ending, after `attribution-<first id>-<date>`. */
  suffix: string;
  mimeType: string;
  encoding?: 'base64';
  write(subgraph: ExportSubgraph, context: ExportContext): string;
}

const picture = (subgraph: ExportSubgraph, context: ExportContext) =>
  renderSubgraphSvg(subgraph, context.layout(subgraph), { picture: context.picture, groups: context.groups });

const serializers: Record<ExportFormatName, Serializer> = {
  STIX: { suffix: '.stix.json', mimeType: 'application/stix+json;version=2.1', write: exportStix },
  GRAPHML: { suffix: '.graphml', mimeType: 'application/graphml+xml', write: exportGraphml },
  CSV_ENTITIES: { suffix: '-entities.csv', mimeType: 'text/csv', write: exportEntitiesCsv },
  CSV_RELATIONSHIPS: { suffix: '-relationships.csv', mimeType: 'text/csv', write: exportRelationshipsCsv },
  JSON: { suffix: '.json', mimeType: 'application/json', write: exportProjectJson },
  CYTOSCAPE_JSON: {
    suffix: '.cyjs',
    mimeType: 'application/json',
    write: (subgraph, context) => exportCytoscapeJson(subgraph, context.layout(subgraph)),
  },
  MARKDOWN: { suffix: '.md', mimeType: 'text/markdown', write: (subgraph, context) => exportMarkdown(subgraph, context.layout) },
  HTML: { suffix: '.html', mimeType: 'text/html', write: (subgraph, context) => exportHtml(subgraph, context.layout) },
  SVG: { suffix: '.svg', mimeType: 'image/svg+xml', write: picture },
  PNG: {
    suffix: '.png',
    mimeType: 'image/png',
    encoding: 'base64',
    write: (subgraph, context) => rasterize(picture(subgraph, context)).toString('base64'),
  },
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
 * The one export pipeline (GraphQL, download URL, CLI): collect the subgraph once (the given entities, or a saved
 * view as the team sees it), then serialize it. Throws BAD_USER_INPUT for out-of-range arguments and NOT_FOUND for
 * unknown ids and views.
 */
export async function exportSubgraph(graph: Graph, request: ExportRequest): Promise<ExportFile> {
  const format = parseExportFormat(request.format);
  const serializer = serializers[format];
  const exportedOn = request.exportedOn ?? new Date().toISOString().slice(0, 10);
  if (request.view && request.ids?.length) throw new BadUserInputError('Give either ids or a view, not both.');
  let subgraph: ExportSubgraph;
  let layout: (of: ExportSubgraph) => SubgraphLayout;
  let groups: PictureGroup[] = [];
  let title: string | null = null;
  if (request.view) {
    const view = await collectViewExport(graph, request.view, exportedOn);
    subgraph = { ...view.subgraph, request: { ...view.subgraph.request, view: { id: request.view, title: view.title } } };
    layout = () => view.layout;
    groups = view.groups;
    title = view.title;
  } else {
    subgraph = await collectSubgraph(graph, {
      ids: request.ids ?? [],
      depth: request.depth ?? 0,
      filter: request.filter ?? null,
      exportedOn,
    });
    const computed = new Map<ExportSubgraph, SubgraphLayout>();
    layout = (of) => computed.get(of) ?? computed.set(of, layoutSubgraph(of)).get(of)!;
  }
  const asked = request.picture ?? {};
  const options: PictureOptions = {
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
    content: serializer.write(subgraph, { layout, picture: options, groups }),
    encoding: serializer.encoding ?? 'utf-8',
  };
}
