import { confidenceWords, rankingConfidence } from '../confidence.js';
import {
  entityKindsInLegendOrder,
  kindDefinitions,
  stanceDefinitions,
  stancesInLegendOrder,
  type EntityKindName,
} from '../../../shared/vocabulary.js';
import type { RelationshipRecord } from '../types.js';
import { escapeMarkup } from './escape-markup.js';
import type { Point, SubgraphLayout } from './layout-subgraph.js';
import { shapeMarkup } from './svg-shapes.js';
import type { ExportSubgraph } from './types.js';

const ink = '#1F2430';
const font = 'Helvetica, Arial, sans-serif';
const margin = { x: 90, top: 40, bottom: 70 };
const minWidth = 640;
const legendItemWidth = 150;
const legendRowHeight = 24;
const dashes: Record<string, string> = {
  solid: '',
  dashed: 'stroke-dasharray="7 4"',
  dotted: 'stroke-dasharray="1.5 3.5" stroke-linecap="round"',
};
const round = (value: number) => Math.round(value * 10) / 10;

/** Splits a name into at most three lines of about 22 characters, for labels under nodes. */
export function wrapLabel(name: string, width = 22, maxLines = 3): string[] {
  const lines: string[] = [];
  for (const word of name.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1].slice(0, width - 1)}…`];
}

function markers(): string {
  return stancesInLegendOrder
    .map((stance) => {
      const { color, arrow } = stanceDefinitions[stance];
      const path = arrow === 'tee' ? 'M6,0 L8,0 L8,10 L6,10 Z' : 'M0,0 L10,5 L0,10 Z';
      return `<marker id="end-${stance}" viewBox="0 0 10 10" refX="${arrow === 'tee' ? 8 : 9}" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="${path}" fill="${color}"/></marker>`;
    })
    .join('');
}

/** A straight or (for parallel links) bowed path between two nodes, trimmed to their outlines. */
function edgePath(from: Point, to: Point, fromRadius: number, toRadius: number, bend: number): string {
  if (from.x === to.x && from.y === to.y) {
    const r = fromRadius;
    return `M${round(from.x - r * 0.6)},${round(from.y - r)} C${round(from.x - r * 2)},${round(from.y - r * 3)} ${round(from.x + r * 2)},${round(from.y - r * 3)} ${round(from.x + r * 0.6)},${round(from.y - r)}`;
  }
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const control = { x: (from.x + to.x) / 2 - (dy / length) * bend, y: (from.y + to.y) / 2 + (dx / length) * bend };
  const toward = (a: Point, b: Point, distance: number) => {
    const span = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: a.x + ((b.x - a.x) / span) * distance, y: a.y + ((b.y - a.y) / span) * distance };
  };
  const start = toward(from, control, fromRadius + 2);
  const end = toward(to, control, toRadius + 3);
  return `M${round(start.x)},${round(start.y)} Q${round(control.x)},${round(control.y)} ${round(end.x)},${round(end.y)}`;
}

/** Bends for links sharing a pair of nodes, so parallel links (a claim and a denial) stay apart. */
function bends(relationships: RelationshipRecord[]): Map<string, number> {
  const byPair = new Map<string, RelationshipRecord[]>();
  for (const rel of relationships) {
    const key = [rel.from.id, rel.to.id].sort().join('\u0000');
    byPair.set(key, [...(byPair.get(key) ?? []), rel]);
  }
  const result = new Map<string, number>();
  for (const group of byPair.values()) {
    group.forEach((rel, index) => {
      const offset = (index - (group.length - 1) / 2) * 26;
      // Bends are given relative to the pair's sorted direction, so reversed links bow the same way.
      result.set(rel.id, rel.from.id < rel.to.id ? offset : -offset);
    });
  }
  return result;
}

function legend(subgraph: ExportSubgraph, width: number, top: number): { markup: string; height: number } {
  const kinds = entityKindsInLegendOrder.filter((kind) => subgraph.entities.some((entity) => entity.kind === kind));
  const stances = stancesInLegendOrder.filter((stance) => subgraph.relationships.some((rel) => rel.stance === stance));
  const perRow = Math.max(1, Math.floor((width - 40) / legendItemWidth));
  const items = [
    ...kinds.map(
      (kind) => (x: number, y: number) =>
        `${shapeMarkup(kindDefinitions[kind].shape, x + 8, y, 14, `fill="${kindDefinitions[kind].color}" stroke="${ink}" stroke-width="0.8"`)}<text x="${x + 22}" y="${y + 4}">${escapeMarkup(kindDefinitions[kind].label)}</text>`,
    ),
    ...stances.map((stance) => (x: number, y: number) => {
      const visual = stanceDefinitions[stance];
      return `<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" stroke="${visual.color}" stroke-width="2" ${dashes[visual.lineStyle]} marker-end="url(#end-${stance})"/><text x="${x + 26}" y="${y + 4}">${escapeMarkup(visual.label)}</text>`;
    }),
  ];
  const markup = items
    .map((draw, index) => draw(20 + (index % perRow) * legendItemWidth, top + 16 + Math.floor(index / perRow) * legendRowHeight))
    .join('');
  return {
    markup: `<g class="legend" font-size="12" fill="${ink}">${markup}</g>`,
    height: Math.ceil(items.length / perRow) * legendRowHeight + 20,
  };
}

/**
 * The subgraph as a self-contained SVG: shapes and colours by kind and line styles by stance from the
 * shared vocabulary (shared/vocabulary.ts), labels under nodes, a legend below, tooltips as <title>.
 */
export function renderSubgraphSvg(subgraph: ExportSubgraph, layout: SubgraphLayout): string {
  const { box, positions } = layout;
  const width = Math.max(minWidth, box.x2 - box.x1 + margin.x * 2);
  const graphHeight = box.y2 - box.y1 + margin.top + margin.bottom;
  const shift = { x: (width - (box.x2 - box.x1)) / 2 - box.x1, y: margin.top - box.y1 };
  const at = (id: string): Point => {
    const point = positions.get(id)!;
    return { x: point.x + shift.x, y: point.y + shift.y };
  };
  const radius = (kind: EntityKindName) => kindDefinitions[kind].size / 2;
  const bend = bends(subgraph.relationships);
  const edges = subgraph.relationships.map((rel) => {
    const visual = stanceDefinitions[rel.stance];
    const d = edgePath(at(rel.from.id), at(rel.to.id), radius(rel.from.kind), radius(rel.to.kind), bend.get(rel.id) ?? 0);
    const widthByConfidence = round(1 + (rankingConfidence(rel.confidence) / 100) * 2.5);
    const title = `${rel.from.name} — ${rel.type.toLowerCase().replace(/_/g, ' ')} → ${rel.to.name} (${visual.label.toLowerCase()}, ${confidenceWords(rel.confidence)})`;
    return `<path d="${d}" fill="none" stroke="${visual.color}" stroke-width="${widthByConfidence}" ${dashes[visual.lineStyle]} marker-end="url(#end-${rel.stance})"><title>${escapeMarkup(title)}</title></path>`;
  });
  const focus = new Set(subgraph.request.ids);
  const nodes = subgraph.entities.map((entity) => {
    const { x, y } = at(entity.id);
    const visual = kindDefinitions[entity.kind];
    // The entities the analyst chose stand out: a ring around the shape and a bold label.
    const ring = focus.has(entity.id)
      ? `<circle cx="${round(x)}" cy="${round(y)}" r="${round(visual.size / 2 + 7)}" fill="none" stroke="${ink}" stroke-width="1.5" stroke-dasharray="3 2"/>`
      : '';
    const lines = wrapLabel(entity.name);
    const labelTop = y + visual.size / 2 + (focus.has(entity.id) ? 20 : 13);
    const text = lines
      .map((line, index) => `<tspan x="${round(x)}" y="${round(labelTop + index * 14)}">${escapeMarkup(line)}</tspan>`)
      .join('');
    return `<g><title>${escapeMarkup(`${entity.name} (${visual.label})`)}</title>${ring}${shapeMarkup(visual.shape, x, y, visual.size, `fill="${visual.color}" stroke="${ink}" stroke-width="1"`)}<text text-anchor="middle" class="label${focus.has(entity.id) ? ' focus' : ''}">${text}</text></g>`;
  });
  const key = legend(subgraph, width, graphHeight);
  const height = round(graphHeight + key.height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${round(width)} ${height}" width="${round(width)}" height="${height}" role="img" aria-label="Graph of ${subgraph.entities.length} entities and ${subgraph.relationships.length} links" font-family="${font}">`,
    `<defs>${markers()}</defs>`,
    `<style>.label{font-size:13px;fill:${ink};paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.focus{font-weight:bold}</style>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    `<line x1="20" y1="${round(graphHeight)}" x2="${round(width - 20)}" y2="${round(graphHeight)}" stroke="#D5D9E0"/>`,
    key.markup,
    '</svg>',
  ].join('\n');
}
