/**
 * The visual language as data: one table per dimension (kind -> colour and shape, stance -> line),
 * turned into a Cytoscape stylesheet. The legend and the filter panel read the same tables, so what
 * the analyst learns from the legend is what the canvas draws.
 *
 * Colours are the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies),
 * and every kind also differs by shape, so colour is never the only cue.
 */
import type { StylesheetJson } from 'cytoscape';
import type { EntityKind, Stance } from '../gql/graphql';

export const palette = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#BBBBBB',
} as const;

export type NodeShape =
  | 'diamond'
  | 'hexagon'
  | 'ellipse'
  | 'round-rectangle'
  | 'rectangle'
  | 'tag'
  | 'star'
  | 'concave-hexagon'
  | 'triangle'
  | 'vee'
  | 'pentagon'
  | 'cut-rectangle'
  | 'rhomboid'
  | 'octagon'
  | 'barrel';

export interface KindVisual {
  label: string;
  color: string;
  shape: NodeShape;
  size: number;
}

export const kindVisuals: Record<EntityKind, KindVisual> = {
  THREAT_ACTOR: { label: 'Threat actor', color: palette.vermillion, shape: 'diamond', size: 36 },
  GROUP: { label: 'Group', color: palette.reddishPurple, shape: 'hexagon', size: 32 },
  PERSON: { label: 'Person', color: palette.reddishPurple, shape: 'ellipse', size: 28 },
  STATE: { label: 'State', color: palette.blue, shape: 'round-rectangle', size: 36 },
  ORGANIZATION: { label: 'Organization', color: palette.skyBlue, shape: 'rectangle', size: 30 },
  LOCATION: { label: 'Location', color: palette.skyBlue, shape: 'tag', size: 26 },
  INCIDENT: { label: 'Incident', color: palette.orange, shape: 'star', size: 40 },
  CAMPAIGN: { label: 'Campaign', color: palette.orange, shape: 'concave-hexagon', size: 34 },
  MALWARE: { label: 'Malware', color: palette.bluishGreen, shape: 'triangle', size: 30 },
  TOOL: { label: 'Tool', color: palette.bluishGreen, shape: 'vee', size: 28 },
  VULNERABILITY: { label: 'Vulnerability', color: palette.bluishGreen, shape: 'pentagon', size: 28 },
  REPORT: { label: 'Report', color: palette.grey, shape: 'cut-rectangle', size: 26 },
  CLAIM: { label: 'Claim', color: palette.yellow, shape: 'rhomboid', size: 28 },
  DENIAL: { label: 'Denial', color: palette.grey, shape: 'rhomboid', size: 28 },
  SANCTION: { label: 'Sanction', color: palette.blue, shape: 'octagon', size: 32 },
  DIPLOMATIC_ACTION: { label: 'Diplomatic action', color: palette.blue, shape: 'barrel', size: 30 },
};

export const entityKinds = Object.keys(kindVisuals) as EntityKind[];

export interface StanceVisual {
  label: string;
  lineStyle: 'solid' | 'dashed' | 'dotted';
  color: string;
  arrow: 'triangle' | 'tee';
  meaning: string;
}

const linkGrey = '#8D98AC';

// Denied links are red and also end in a bar ("tee") instead of an arrow: the shape carries the
// meaning for readers who cannot tell the red apart.
export const stanceVisuals: Record<Stance, StanceVisual> = {
  ASSERTED: { label: 'Asserted', lineStyle: 'solid', color: linkGrey, arrow: 'triangle', meaning: 'stated as fact by the source' },
  SUSPECTED: { label: 'Suspected', lineStyle: 'dashed', color: linkGrey, arrow: 'triangle', meaning: 'attributed with hedging' },
  CLAIMED: { label: 'Claimed', lineStyle: 'dotted', color: linkGrey, arrow: 'triangle', meaning: 'claimed by an interested party' },
  DENIED: { label: 'Denied', lineStyle: 'solid', color: '#E8453C', arrow: 'tee', meaning: 'a named party denies it' },
};

export const stances = Object.keys(stanceVisuals) as Stance[];

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
    ...entityKinds.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: {
        'background-color': kindVisuals[kind].color,
        shape: kindVisuals[kind].shape,
        width: kindVisuals[kind].size,
        height: kindVisuals[kind].size,
      },
    })),
    {
      selector: 'edge',
      style: {
        width: 'mapData(confidence, 0, 100, 1, 5)',
        'line-color': linkGrey,
        'target-arrow-color': linkGrey,
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
    ...stances.map((stance) => ({
      selector: `edge[stance = "${stance}"]`,
      style: {
        'line-style': stanceVisuals[stance].lineStyle,
        'line-color': stanceVisuals[stance].color,
        'target-arrow-color': stanceVisuals[stance].color,
        'target-arrow-shape': large ? 'none' : stanceVisuals[stance].arrow,
        ...(stanceVisuals[stance].lineStyle === 'dashed' ? { 'line-dash-pattern': [7, 4] } : {}),
        ...(stanceVisuals[stance].lineStyle === 'dotted' ? { 'line-dash-pattern': [1.5, 3.5], 'line-cap': 'round' } : {}),
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
