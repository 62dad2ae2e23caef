/**
 * The visual language as data: the shared vocabulary's tables (kind -> colour and shape, stance -> line),
 * turned into a Cytoscape stylesheet. The legend, the filter panel and the exported reports read the same
 * tables, so what the analyst learns from the legend is what the canvas draws.
 */
import type { StylesheetJson } from 'cytoscape';
import {
  defaultLinkColor,
  entityKindsInLegendOrder,
  kindDefinitions,
  palette,
  stanceDefinitions,
  stancesInLegendOrder,
} from '../../../shared/vocabulary';

export const theme = {
  background: '#0E1320',
  text: '#E4E8F0',
  highlight: palette.yellow,
  selection: '#FFFFFF',
} as const;

export interface StylesheetOptions {
  /** Large views trade curves, arrows and small labels for frame rate. */
  large?: boolean;
}

type StyleBlock = { selector: string; style: Record<string, unknown> };

export function buildStylesheet(options: StylesheetOptions = {}): StylesheetJson {
  const large = options.large ?? false;
  const sheet: StyleBlock[] = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: theme.text,
        'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 5,
        'text-wrap': 'wrap',
        'text-max-width': '130px',
        'text-outline-color': theme.background,
        'text-outline-width': 2.5,
        // Labels vanish when too small to read rather than turning into noise.
        'min-zoomed-font-size': large ? 10 : 6,
        'border-width': 1.5,
        'border-color': '#0B0F19',
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
    {
      selector: 'edge',
      style: {
        // The thinnest line for a confidence of 0 or one the source does not state (null): a stated confidence widens it.
        width: 1,
        'line-color': defaultLinkColor,
        'target-arrow-color': defaultLinkColor,
        'target-arrow-shape': large ? 'none' : 'triangle',
        'arrow-scale': 0.9,
        'curve-style': large ? 'haystack' : 'bezier',
        'haystack-radius': 0,
        opacity: 0.85,
        'font-size': 9,
        color: '#C7CEDB',
        'text-rotation': 'autorotate',
        'text-outline-color': theme.background,
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
      },
    },
    // `> 0`, not `>= 0`: Cytoscape compares null as 0 in `>=`, and mapData on null draws a 30px line.
    { selector: 'edge[confidence > 0]', style: { width: 'mapData(confidence, 0, 100, 1, 5)' } },
    ...stancesInLegendOrder.map((stance) => ({
      selector: `edge[stance = "${stance}"]`,
      style: {
        'line-style': stanceDefinitions[stance].lineStyle,
        'line-color': stanceDefinitions[stance].color,
        'target-arrow-color': stanceDefinitions[stance].color,
        'target-arrow-shape': large ? 'none' : stanceDefinitions[stance].arrow,
        ...(stanceDefinitions[stance].lineStyle === 'dashed' ? { 'line-dash-pattern': [7, 4] } : {}),
        ...(stanceDefinitions[stance].lineStyle === 'dotted' ? { 'line-dash-pattern': [1.5, 3.5], 'line-cap': 'round' } : {}),
      },
    })),
    { selector: 'edge.hover, edge:selected, edge.path, edge.show-label', style: { label: 'data(label)' } },
    { selector: 'node.hover', style: { 'border-color': theme.selection, 'border-width': 2 } },
    {
      selector: ':selected',
      style: { 'underlay-color': theme.selection, 'underlay-opacity': 0.25, 'underlay-padding': 6 },
    },
    { selector: 'edge:selected', style: { 'line-color': theme.selection, 'target-arrow-color': theme.selection, opacity: 1 } },
    { selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': 5, 'border-color': theme.selection } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0.2 } },
    { selector: '.path', style: { opacity: 1, 'text-opacity': 1 } },
    {
      selector: 'node.path',
      style: {
        'border-color': theme.highlight,
        'border-width': 3,
        'underlay-color': theme.highlight,
        'underlay-opacity': 0.18,
        'underlay-padding': 7,
        'underlay-shape': 'ellipse',
      },
    },
    { selector: 'edge.path', style: { 'line-color': theme.highlight, 'target-arrow-color': theme.highlight, 'z-index': 10 } },
    { selector: '.flash', style: { 'underlay-color': theme.highlight, 'underlay-opacity': 0.6, 'underlay-padding': 10 } },
    // Hidden (by the analyst) and filtered (by the filter panel) are separate so that clearing a
    // filter never un-hides what the analyst hid on purpose.
    { selector: '.hidden, .filtered', style: { display: 'none' } },
  ];
  // Cytoscape's typings want literal unions per property; the values above are checked by the
  // headless tests instead (an unknown property or value makes Cytoscape warn).
  return sheet as unknown as StylesheetJson;
}
