import { defaultPictureOptions, framePicture, type PictureOptions } from '../../../shared/picture-frame.js';
import { stanceColour, themes, type Theme } from '../../../shared/themes.js';
import { confidenceWords } from '../confidence.js';
import {
  kindDefinitions,
  linkWidth,
  stanceDefinitions,
  stanceStroke,
  stancesInLegendOrder,
  type EntityKindName,
} from '../../../shared/vocabulary.js';
import type { RelationshipRecord } from '../types.js';
import { escapeMarkup } from '../../../shared/escape-markup.js';
import type { Point, SubgraphLayout } from './layout-subgraph.js';
import { shapeMarkup } from '../../../shared/svg-shapes.js';
import type { ExportSubgraph } from './types.js';
import type { PictureGroup } from './view-export.js';

const margin = { x: 90, top: 40, bottom: 70 };
const minWidth = 640;
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

function markers(theme: Theme): string {
  return stancesInLegendOrder
    .map((stance) => {
      const { arrow, arrowFill } = stanceDefinitions[stance];
      const color = stanceColour(stanceDefinitions[stance].color, theme);
      const path = arrow === 'tee' ? 'M6,0 L8,0 L8,10 L6,10 Z' : 'M1,1 L9,5 L1,9 Z';
      // A claim's arrowhead is hollow, as on the canvas: a second cue beside the dots.
      const paint = arrowFill === 'hollow' ? `fill="${theme.background}" stroke="${color}" stroke-width="1.3"` : `fill="${color}"`;
      return `<marker id="end-${stance}" viewBox="0 0 10 10" refX="${arrow === 'tee' ? 8 : 9}" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="${path}" ${paint}/></marker>`;
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

/**
 * The subgraph as a self-contained SVG: shapes and colours by kind and line styles by stance from the shared
 * vocabulary (shared/vocabulary.ts), labels under nodes, tooltips as <title>, in the shared frame (legend, and the
 * title, date and source line when `options.picture` asks for them). Light theme unless asked otherwise. Entities
 * without a position are left out with their links (a saved view's arrangement may not hold every entity of a
 * report); a saved view's group nodes are drawn as dashed boxes.
 */
export function renderSubgraphSvg(
  subgraph: ExportSubgraph,
  layout: SubgraphLayout,
  options: { picture?: PictureOptions; groups?: PictureGroup[] } = {},
): string {
  const picture = options.picture ?? defaultPictureOptions;
  const theme = themes[picture.theme];
  const ink = theme.text;
  const groups = options.groups ?? [];
  const { box, positions } = layout;
  const placed = subgraph.entities.filter((entity) => positions.has(entity.id));
  const links = subgraph.relationships.filter((rel) => positions.has(rel.from.id) && positions.has(rel.to.id));
  const width = Math.max(minWidth, box.x2 - box.x1 + margin.x * 2);
  const graphHeight = box.y2 - box.y1 + margin.top + margin.bottom;
  const shift = { x: (width - (box.x2 - box.x1)) / 2 - box.x1, y: margin.top - box.y1 };
  const at = (id: string): Point => {
    const point = positions.get(id)!;
    return { x: point.x + shift.x, y: point.y + shift.y };
  };
  const radius = (kind: EntityKindName) => kindDefinitions[kind].size / 2;
  const bend = bends(links);
  const edges = links.map((rel) => {
    const visual = stanceDefinitions[rel.stance];
    const d = edgePath(at(rel.from.id), at(rel.to.id), radius(rel.from.kind), radius(rel.to.kind), bend.get(rel.id) ?? 0);
    // Width by confidence band (an unstated confidence the thinnest, as on the canvas), and the stance's dash pattern grown to that width, exactly as on the canvas: a fixed
    // pattern closes into a solid line at large widths, and a claim would read as a fact.
    const width = linkWidth(rel.confidence);
    const stroke = stanceStroke(rel.stance, width);
    const pattern = stroke.dash ? ` stroke-dasharray="${stroke.dash.join(' ')}" stroke-linecap="${stroke.cap}"` : '';
    const title = `${rel.from.name} — ${rel.type.toLowerCase().replace(/_/g, ' ')} → ${rel.to.name} (${visual.label.toLowerCase()}, ${confidenceWords(rel.confidence)})`;
    return `<path d="${d}" fill="none" stroke="${stanceColour(visual.color, theme)}" stroke-width="${width}"${pattern} marker-end="url(#end-${rel.stance})" data-stance="${rel.stance}"><title>${escapeMarkup(title)}</title></path>`;
  });
  const focus = new Set(subgraph.request.ids);
  const nodes = placed.map((entity) => {
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
    return `<g><title>${escapeMarkup(`${entity.name} (${visual.label})`)}</title>${ring}${shapeMarkup(visual.shape, x, y, visual.size, `fill="${visual.color}" stroke="${theme.nodeBorder}" stroke-width="1"`)}<text text-anchor="middle" class="label${focus.has(entity.id) ? ' focus' : ''}">${text}</text></g>`;
  });
  const groupMarkup = groups.map((group) => {
    const { x, y } = { x: group.at.x + shift.x, y: group.at.y + shift.y };
    const tie = group.hub && positions.has(group.hub) ? at(group.hub) : null;
    const line = tie
      ? `<line x1="${round(tie.x)}" y1="${round(tie.y)}" x2="${round(x)}" y2="${round(y)}" stroke="${theme.link}" stroke-width="2" opacity="0.7"/>`
      : '';
    const lines = wrapLabel(group.label);
    const text = lines
      .map((text, index) => `<tspan x="${round(x)}" y="${round(y + 40 + index * 14)}">${escapeMarkup(text)}</tspan>`)
      .join('');
    return `<g class="group">${line}<rect x="${round(x - 24)}" y="${round(y - 24)}" width="48" height="48" rx="8" fill="${theme.groupFill}" stroke="${theme.link}" stroke-width="2" stroke-dasharray="5 3"/><text text-anchor="middle" class="label">${text}</text></g>`;
  });
  const markup = [
    `<defs>${markers(theme)}</defs>`,
    `<style>.label{font-size:13px;fill:${ink};paint-order:stroke;stroke:${theme.background};stroke-width:3px;stroke-linejoin:round}.focus{font-weight:bold}</style>`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="groups">${groupMarkup.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
  ].join('\n');
  const framed = framePicture(
    {
      markup,
      width: round(width),
      height: round(graphHeight),
      kinds: placed.map((entity) => entity.kind),
      stances: links.map((rel) => rel.stance),
    },
    picture,
  );
  const svgOpen = '<svg xmlns="http://www.w3.org/2000/svg"';
  return framed.svg.replace(svgOpen, `${svgOpen} role="img" aria-label="Graph of ${placed.length} entities and ${links.length} links"`);
}
