/**
 * The visual language as data: the shared vocabulary's tables (kind -> colour and shape, stance -> line,
 * confidence -> width) turned into a Cytoscape stylesheet. The legend, the filter panel and the exported
 * reports read the same tables, so what the analyst learns from the legend is what the canvas draws.
 *
 * Two themes (shared/themes.ts): dark for the canvas (long sessions, low glare), light for pictures that go into
 * reports.
 */
import type { StylesheetJson } from 'cytoscape';
import { stanceColour, themes, type Theme, type ThemeName } from '../../../shared/themes';
import {
  linkWidthBands,
  entityKindsInLegendOrder,
  kindDefinitions,
  palette,
  stanceDefinitions,
  stanceStroke,
  stancesInLegendOrder,
} from '../../../shared/vocabulary';

export { themes, type Theme, type ThemeName } from '../../../shared/themes';

/** The canvas theme (kept as `theme` for the panels that match the canvas). */
export const theme = themes.dark;

export interface StylesheetOptions {
  /** Large views trade curves, arrows and most labels for frame rate. */
  large?: boolean;
  theme?: ThemeName;
}

type StyleBlock = { selector: string; style: Record<string, unknown> };

/** Stance and confidence band -> line: width, colour, dash pattern (grown with the width) and arrowhead. */
function linkRules(t: Theme, large: boolean): StyleBlock[] {
  return stancesInLegendOrder.flatMap((stance) => {
    const definition = stanceDefinitions[stance];
    const color = stanceColour(definition.color, t);
    return [
      {
        selector: `edge[stance = "${stance}"]`,
        style: {
          // Cytoscape draws its own 'dotted' as a fixed [1, 1] pattern, which closes into a solid line at any width
          // over 1 and ignores line-dash-pattern: dots are drawn as dashes of (almost) no length with round caps.
          'line-style': definition.lineStyle === 'solid' ? 'solid' : 'dashed',
          'line-color': color,
          'target-arrow-color': color,
          'target-arrow-shape': large ? 'none' : definition.arrow,
          'target-arrow-fill': definition.arrowFill,
        },
      },
      ...linkWidthBands.map((band) => {
        const stroke = stanceStroke(stance, band.width);
        return {
          selector: `edge[stance = "${stance}"][confidence >= ${band.min}][confidence <= ${band.max}]`,
          style: {
            width: band.width,
            'line-cap': stroke.cap,
            ...(stroke.dash ? { 'line-dash-pattern': [...stroke.dash] } : {}),
          },
        };
      }),
    ];
  });
}

export function buildStylesheet(options: StylesheetOptions = {}): StylesheetJson {
  const large = options.large ?? false;
  const t = themes[options.theme ?? 'dark'];
  const labelled = { label: 'data(label)', 'min-zoomed-font-size': 3 };
  const sheet: StyleBlock[] = [
    {
      selector: 'node',
      style: {
        // Label level of detail: a large view labels only its most connected nodes (class label-priority), the
        // nodes in view once zoomed in (label-in-view), and whatever is hovered, selected or on a path. Measuring
        // thousands of labels nobody can read at that zoom is most of a large view's drawing time.
        label: large ? '' : 'data(label)',
        color: t.text,
        'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 5,
        'text-wrap': 'wrap',
        'text-max-width': '130px',
        'text-outline-color': t.textOutline,
        'text-outline-width': 2.5,
        // Labels vanish when too small to read rather than turning into noise.
        'min-zoomed-font-size': 7,
        'border-width': 1.5,
        'border-color': t.nodeBorder,
        'overlay-opacity': 0,
      },
    },
    ...entityKindsInLegendOrder.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: {
        'background-color': kindDefinitions[kind].color,
        shape: kindDefinitions[kind].shape,
        width: kindDefinitions[kind].size,
        height: kindDefinitions[kind].size,
      },
    })),
    // The most connected nodes keep their names longest when zooming out, in a heavier type.
    { selector: 'node.label-priority', style: { ...labelled, 'font-size': 13, 'font-weight': 600 } },
    { selector: 'node.label-in-view', style: labelled },
    {
      selector: 'edge',
      style: {
        // The thinnest band for a confidence the source does not state (null); the stance rules below widen the rest.
        width: linkWidthBands[0].width,
        'line-color': t.link,
        'target-arrow-color': t.link,
        'target-arrow-shape': large ? 'none' : 'triangle',
        'arrow-scale': 0.9,
        'curve-style': large ? 'haystack' : 'bezier',
        'haystack-radius': 0,
        opacity: 0.85,
        'font-size': 9,
        color: t.text,
        'text-rotation': 'autorotate',
        'text-outline-color': t.textOutline,
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
      },
    },
    ...linkRules(t, large),
    // Relationship captions on demand: hovered, selected, on a path, or all of them (the Captions toggle).
    { selector: 'edge.hover, edge:selected, edge.path, edge.show-label', style: { label: 'data(label)' } },
    // Groups stand for many entities: a hub's neighbours of one kind over one relationship type, or a
    // selection the analyst collapsed. Dashed outline: not an entity of the graph.
    {
      selector: 'node.group',
      style: {
        ...labelled,
        shape: 'round-rectangle',
        width: 'data(size)',
        height: 'data(size)',
        'background-color': t.groupFill,
        'border-width': 3,
        'border-style': 'dashed',
        'border-color': 'data(color)',
        'font-size': 12,
        'font-weight': 600,
      },
    },
    {
      selector: 'edge.group-link',
      style: { label: 'data(label)', width: 3, 'line-style': 'solid', 'line-color': t.link, 'target-arrow-color': t.link, opacity: 0.7 },
    },
    { selector: 'node.hover', style: { ...labelled, label: 'data(name)', 'border-color': t.selection, 'border-width': 2, 'z-index': 20 } },
    { selector: 'node.group.hover', style: { label: 'data(label)' } },
    {
      selector: ':selected',
      style: { 'underlay-color': t.selection, 'underlay-opacity': 0.25, 'underlay-padding': 6 },
    },
    { selector: 'node:selected', style: labelled },
    { selector: 'edge:selected', style: { 'line-color': t.selection, 'target-arrow-color': t.selection, opacity: 1 } },
    // Keyboard focus on the canvas: a ring as visible as the browser's own focus outline.
    {
      selector: 'node.keyboard-focus',
      style: { ...labelled, 'underlay-color': palette.skyBlue, 'underlay-opacity': 0.55, 'underlay-padding': 9 },
    },
    { selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': 5, 'border-color': t.selection } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0.2 } },
    { selector: '.path', style: { opacity: 1, 'text-opacity': 1 } },
    {
      selector: 'node.path',
      style: {
        ...labelled,
        'border-color': t.highlight,
        'border-width': 3,
        'underlay-color': t.highlight,
        'underlay-opacity': 0.18,
        'underlay-padding': 7,
        'underlay-shape': 'ellipse',
      },
    },
    { selector: 'edge.path', style: { 'line-color': t.highlight, 'target-arrow-color': t.highlight, 'z-index': 10 } },
    { selector: '.flash', style: { 'underlay-color': t.highlight, 'underlay-opacity': 0.6, 'underlay-padding': 10 } },
    // Hidden (by the analyst), filtered (by the filter panel), orphans (left without a visible link by the
    // filters, when "hide orphans" is on) and grouped (collapsed into a group node) are separate classes, so
    // clearing a filter never un-hides what the analyst hid or grouped on purpose.
    { selector: '.hidden, .filtered, .grouped, .orphan', style: { display: 'none' } },
  ];
  // Cytoscape's typings want literal unions per property; the values above are checked by the
  // headless tests instead (an unknown property or value makes Cytoscape warn).
  return sheet as unknown as StylesheetJson;
}
