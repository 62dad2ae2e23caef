/**
 * A picture of the graph as it goes into a report: an optional title and date line above it, an optional legend
 * (the kinds and stances it shows, drawn as the canvas draws them) and an optional source line below it, on the
 * theme's background, as one SVG with a viewBox. The graph itself is markup placed at `graph` in the frame: the
 * browser's Cytoscape picture (client/src/graph/picture.ts) or the server's own drawing (render-svg.ts), so both
 * kinds of picture carry the same frame. Pure string building, shared by client and server.
 */
import { escapeMarkup } from './escape-markup.js';
import { shapeMarkup } from './svg-shapes.js';
import { stanceColour, themes, type Theme, type ThemeName } from './themes.js';
import {
  entityKindsInLegendOrder,
  kindDefinitions,
  stanceDefinitions,
  stanceStroke,
  stancesInLegendOrder,
  type EntityKindName,
  type StanceName,
} from './vocabulary.js';

export interface PictureOptions {
  theme: ThemeName;
  /** A heading above the picture; none when null or blank. */
  title: string | null;
  /** A line under the title, e.g. "Exported 2026-11-26 · as of 2023-12-31"; none when null or blank. */
  date: string | null;
  legend: boolean;
  /** A line at the foot, e.g. where the facts come from; none when null or blank. */
  source: string | null;
}

export const defaultPictureOptions: PictureOptions = { theme: 'light', title: null, date: null, legend: true, source: null };

export interface PictureGraph {
  /** SVG markup of the graph, drawn from (0, 0) to (width, height). */
  markup: string;
  width: number;
  height: number;
  /** What the legend lists: the kinds and stances the picture shows. */
  kinds: readonly string[];
  stances: readonly string[];
}

export interface FramedPicture {
  svg: string;
  width: number;
  height: number;
  /** Where the graph's (0, 0) lies in the picture. */
  graph: { x: number; y: number };
}

const font = 'Helvetica, Arial, sans-serif';
const pad = 24;
const legendItemWidth = 170;
const legendRowHeight = 22;
const round = (value: number) => Math.round(value * 10) / 10;

/**
 * A short line drawn the way the canvas draws a stance at `width` (dash pattern grown to the width, round dots,
 * hollow or filled arrowhead or a bar, colour) from (x, y) over `length`: for legends, here and in the client.
 */
export function stanceSampleMarkup(stance: StanceName, x: number, y: number, length: number, width: number, theme: Theme): string {
  const definition = stanceDefinitions[stance];
  const color = stanceColour(definition.color, theme);
  const stroke = stanceStroke(stance, width);
  const end = x + length - 7;
  const head =
    definition.arrow === 'tee'
      ? `<path d="M${round(end + 1)},${round(y - 5)} v10" stroke="${color}" stroke-width="2.2"/>`
      : `<path d="M${round(end - 1)},${round(y - 4)} L${round(end + 6)},${round(y)} L${round(end - 1)},${round(y + 4)} Z" fill="${definition.arrowFill === 'hollow' ? 'none' : color}" stroke="${color}" stroke-width="1.2"/>`;
  return (
    `<line x1="${round(x + 1)}" y1="${round(y)}" x2="${round(end - 1)}" y2="${round(y)}" stroke="${color}" stroke-width="${width}" stroke-linecap="${stroke.cap}"` +
    `${stroke.dash ? ` stroke-dasharray="${stroke.dash.join(' ')}"` : ''}/>${head}`
  );
}

function legendMarkup(graph: PictureGraph, theme: Theme, width: number, top: number): { markup: string; height: number } {
  const kinds = entityKindsInLegendOrder.filter((kind) => graph.kinds.includes(kind));
  const stances = stancesInLegendOrder.filter((stance) => graph.stances.includes(stance));
  const perRow = Math.max(1, Math.floor((width - pad * 2) / legendItemWidth));
  const items: ((x: number, y: number) => string)[] = [
    ...kinds.map((kind: EntityKindName) => (x: number, y: number) => {
      const visual = kindDefinitions[kind];
      return `${shapeMarkup(visual.shape, x + 8, y, 14, `fill="${visual.color}" stroke="${theme.nodeBorder}" stroke-width="0.8"`)}<text x="${x + 22}" y="${y + 4}">${escapeMarkup(visual.label)}</text>`;
    }),
    ...stances.map(
      (stance: StanceName) => (x: number, y: number) =>
        `${stanceSampleMarkup(stance, x, y, 40, 3, theme)}<text x="${x + 48}" y="${y + 4}">${escapeMarkup(stanceDefinitions[stance].label)}</text>`,
    ),
  ];
  if (items.length === 0) return { markup: '', height: 0 };
  const rows = Math.ceil(items.length / perRow);
  const cells = items.map((draw, index) =>
    draw(pad + (index % perRow) * legendItemWidth, top + 14 + Math.floor(index / perRow) * legendRowHeight),
  );
  const note =
    stances.length > 0
      ? `<text x="${pad}" y="${top + 14 + rows * legendRowHeight}" fill="${theme.muted}" font-size="11">Thicker lines are more certain (confidence). Arrows point from subject to object.</text>`
      : '';
  return {
    markup: `<g class="legend" font-size="12" fill="${theme.text}">${cells.join('')}${note}</g>`,
    height: rows * legendRowHeight + (note ? 22 : 6),
  };
}

const present = (text: string | null): text is string => Boolean(text && text.trim());

/** The graph in its frame, as one self-contained SVG document with a viewBox. */
export function framePicture(graph: PictureGraph, options: PictureOptions): FramedPicture {
  const theme = themes[options.theme];
  const width = round(Math.max(graph.width + pad * 2, 480));
  const parts: string[] = [];
  let y = pad;
  if (present(options.title)) {
    parts.push(
      `<text class="title" x="${pad}" y="${y + 18}" font-size="20" font-weight="bold" fill="${theme.text}">${escapeMarkup(options.title.trim())}</text>`,
    );
    y += 30;
  }
  if (present(options.date)) {
    parts.push(
      `<text class="date" x="${pad}" y="${y + 12}" font-size="12" fill="${theme.muted}">${escapeMarkup(options.date.trim())}</text>`,
    );
    y += 22;
  }
  if (y > pad) y += 6;
  const graphAt = { x: round((width - graph.width) / 2), y };
  parts.push(`<g class="graph" transform="translate(${graphAt.x} ${graphAt.y})">${graph.markup}</g>`);
  y += graph.height;
  if (options.legend) {
    const legend = legendMarkup(graph, theme, width, y + 10);
    if (legend.height > 0) {
      parts.push(`<line x1="${pad}" y1="${y + 4}" x2="${width - pad}" y2="${y + 4}" stroke="${theme.rule}"/>`, legend.markup);
      y += legend.height + 16;
    }
  }
  if (present(options.source)) {
    parts.push(
      `<text class="source" x="${pad}" y="${y + 14}" font-size="11" fill="${theme.muted}">${escapeMarkup(options.source.trim())}</text>`,
    );
    y += 22;
  }
  const height = round(y + pad / 2);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${font}" data-theme="${options.theme}">`,
    `<rect width="100%" height="100%" fill="${theme.background}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
  return { svg, width, height, graph: graphAt };
}
