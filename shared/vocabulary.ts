/**
 * The one vocabulary of the graph, shared by server and client: entity kinds, relationship types and stances,
 * with their labels, colours and shapes. Labels and relationship types that reach Cypher come only from these
 * lists (Cypher cannot take them as ordinary parameters, so this is the whitelist). The GraphQL enums, the
 * Cypher constraints and the count statement are checked against this file by tests/unit/shared/vocabulary.test.ts.
 *
 * Colours are the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies), and every
 * kind also differs by shape, so colour is never the only cue. This module imports nothing: the browser and
 * Node load it alike.
 */

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

/** Node shapes Cytoscape draws (and the SVG exports and glyphs redraw). */
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
  | 'barrel'
  | 'heptagon'
  | 'right-rhomboid'
  | 'round-hexagon'
  | 'round-tag'
  | 'round-pentagon'
  | 'round-octagon'
  | 'round-triangle'
  | 'round-heptagon'
  | 'bottom-round-rectangle';

export interface KindDefinition {
  /** The Neo4j label every entity of the kind carries beside `Entity`; also its GraphQL type name. */
  typeName: string;
  /** What the analyst reads in legends, panels and reports. */
  label: string;
  /** Kind-specific properties an entity of the kind may carry (beside the common ones). */
  properties: readonly string[];
  color: string;
  shape: NodeShape;
  /** Node diameter on the canvas and in exported pictures, in pixels. */
  size: number;
  /**
   * The STIX 2.1 object type the kind is exported as (and, for most kinds, imported from): docs/import-formats.md
   * has the whole mapping. Kinds that share a STIX type are told apart by the project's extension.
   */
  stixType: string;
  /** Hidden on the canvas and in the filters until the analyst asks for it (objects kept only so nothing is lost). */
  hiddenByDefault?: boolean;
}

/** Every entity kind, in the order of the GraphQL enum `EntityKind` (and of validation messages). */
export const kindDefinitions = {
  THREAT_ACTOR: {
    typeName: 'ThreatActor',
    label: 'Threat actor',
    properties: ['firstSeen'],
    color: palette.vermillion,
    shape: 'diamond',
    size: 36,
    stixType: 'threat-actor',
  },
  STATE: {
    typeName: 'State',
    label: 'State',
    properties: ['isoCode'],
    color: palette.blue,
    shape: 'round-rectangle',
    size: 36,
    stixType: 'identity',
  },
  ORGANIZATION: {
    typeName: 'Organization',
    label: 'Organization',
    properties: ['sector'],
    color: palette.skyBlue,
    shape: 'rectangle',
    size: 30,
    stixType: 'identity',
  },
  PERSON: {
    typeName: 'Person',
    label: 'Person',
    properties: ['role'],
    color: palette.reddishPurple,
    shape: 'ellipse',
    size: 28,
    stixType: 'identity',
  },
  GROUP: {
    typeName: 'Group',
    label: 'Group',
    properties: [],
    color: palette.reddishPurple,
    shape: 'hexagon',
    size: 32,
    stixType: 'identity',
  },
  LOCATION: {
    typeName: 'Location',
    label: 'Location',
    properties: ['countryCode'],
    color: palette.skyBlue,
    shape: 'tag',
    size: 26,
    stixType: 'location',
  },
  INCIDENT: {
    typeName: 'Incident',
    label: 'Incident',
    properties: ['aim', 'outcome'],
    color: palette.orange,
    shape: 'star',
    size: 40,
    stixType: 'incident',
  },
  CAMPAIGN: {
    typeName: 'Campaign',
    label: 'Campaign',
    properties: ['firstSeen', 'lastSeen'],
    color: palette.orange,
    shape: 'concave-hexagon',
    size: 34,
    stixType: 'campaign',
  },
  MALWARE: {
    typeName: 'Malware',
    label: 'Malware',
    properties: [],
    color: palette.bluishGreen,
    shape: 'triangle',
    size: 30,
    stixType: 'malware',
  },
  TOOL: { typeName: 'Tool', label: 'Tool', properties: [], color: palette.bluishGreen, shape: 'vee', size: 28, stixType: 'tool' },
  VULNERABILITY: {
    typeName: 'Vulnerability',
    label: 'Vulnerability',
    properties: [],
    color: palette.bluishGreen,
    shape: 'pentagon',
    size: 28,
    stixType: 'vulnerability',
  },
  REPORT: {
    typeName: 'Report',
    label: 'Report',
    properties: [],
    color: palette.grey,
    shape: 'cut-rectangle',
    size: 26,
    stixType: 'report',
  },
  CLAIM: {
    typeName: 'Claim',
    label: 'Claim',
    properties: ['statement'],
    color: palette.yellow,
    shape: 'rhomboid',
    size: 28,
    stixType: 'note',
  },
  DENIAL: {
    typeName: 'Denial',
    label: 'Denial',
    properties: ['statement'],
    color: palette.grey,
    shape: 'rhomboid',
    size: 28,
    stixType: 'opinion',
  },
  SANCTION: {
    typeName: 'Sanction',
    label: 'Sanction',
    properties: ['program'],
    color: palette.blue,
    shape: 'octagon',
    size: 32,
    stixType: 'course-of-action',
  },
  DIPLOMATIC_ACTION: {
    typeName: 'DiplomaticAction',
    label: 'Diplomatic action',
    properties: ['action'],
    color: palette.blue,
    shape: 'barrel',
    size: 30,
    stixType: 'course-of-action',
  },
  INTRUSION_SET: {
    typeName: 'IntrusionSet',
    label: 'Intrusion set',
    properties: ['firstSeen', 'lastSeen'],
    color: palette.vermillion,
    shape: 'heptagon',
    size: 34,
    stixType: 'intrusion-set',
  },
  ATTACK_PATTERN: {
    typeName: 'AttackPattern',
    label: 'Technique',
    properties: ['killChainPhases'],
    color: palette.bluishGreen,
    shape: 'round-hexagon',
    size: 26,
    stixType: 'attack-pattern',
  },
  COURSE_OF_ACTION: {
    typeName: 'CourseOfAction',
    label: 'Mitigation',
    properties: [],
    color: palette.skyBlue,
    shape: 'right-rhomboid',
    size: 26,
    stixType: 'course-of-action',
  },
  INDICATOR: {
    typeName: 'Indicator',
    label: 'Indicator',
    properties: ['pattern', 'patternType', 'validFrom', 'validUntil'],
    color: palette.yellow,
    shape: 'round-tag',
    size: 24,
    stixType: 'indicator',
  },
  INFRASTRUCTURE: {
    typeName: 'Infrastructure',
    label: 'Infrastructure',
    properties: ['firstSeen', 'lastSeen'],
    color: palette.skyBlue,
    shape: 'bottom-round-rectangle',
    size: 28,
    stixType: 'infrastructure',
  },
  OBSERVED_DATA: {
    typeName: 'ObservedData',
    label: 'Observed data',
    properties: ['firstObserved', 'lastObserved', 'numberObserved'],
    color: palette.grey,
    shape: 'round-pentagon',
    size: 24,
    stixType: 'observed-data',
  },
  GROUPING: {
    typeName: 'Grouping',
    label: 'Grouping',
    properties: ['context'],
    color: palette.grey,
    shape: 'round-octagon',
    size: 26,
    stixType: 'grouping',
  },
  MALWARE_ANALYSIS: {
    typeName: 'MalwareAnalysis',
    label: 'Malware analysis',
    properties: ['product', 'result'],
    color: palette.bluishGreen,
    shape: 'round-triangle',
    size: 24,
    stixType: 'malware-analysis',
  },
  STIX_OBJECT: {
    typeName: 'StixObject',
    label: 'Other STIX object',
    properties: [],
    color: palette.grey,
    shape: 'round-heptagon',
    size: 20,
    stixType: 'x-other',
    hiddenByDefault: true,
  },
} as const satisfies Record<string, KindDefinition>;

export type EntityKindName = keyof typeof kindDefinitions;

/** The kinds in GraphQL enum order. */
export const entityKinds = Object.keys(kindDefinitions) as EntityKindName[];

/**
 * The kinds as legends list them (the filter panel, report pictures, report tables): grouped by colour,
 * so similar kinds sit together. Every kind appears once; the type below makes a missing one a compile error.
 */
export const entityKindsInLegendOrder = [
  'THREAT_ACTOR',
  'INTRUSION_SET',
  'GROUP',
  'PERSON',
  'STATE',
  'ORGANIZATION',
  'LOCATION',
  'INCIDENT',
  'CAMPAIGN',
  'INFRASTRUCTURE',
  'MALWARE',
  'TOOL',
  'ATTACK_PATTERN',
  'VULNERABILITY',
  'MALWARE_ANALYSIS',
  'COURSE_OF_ACTION',
  'INDICATOR',
  'OBSERVED_DATA',
  'REPORT',
  'GROUPING',
  'CLAIM',
  'DENIAL',
  'SANCTION',
  'DIPLOMATIC_ACTION',
  'STIX_OBJECT',
] as const satisfies readonly EntityKindName[];
export type KindsMissingFromLegend = Exclude<EntityKindName, (typeof entityKindsInLegendOrder)[number]>;
const legendListsEveryKind: [KindsMissingFromLegend] extends [never] ? true : KindsMissingFromLegend = true;
void legendListsEveryKind;

/** Kind-specific properties that hold dates (stored as Neo4j dates). */
export const dateProperties: ReadonlySet<string> = new Set([
  'firstSeen',
  'lastSeen',
  'validFrom',
  'validUntil',
  'firstObserved',
  'lastObserved',
]);

/** Kinds the canvas, the filters and the overview leave out until asked (the generic STIX objects). */
export const kindsHiddenByDefault: readonly EntityKindName[] = entityKinds.filter(
  (kind) => (kindDefinitions[kind] as KindDefinition).hiddenByDefault === true,
);

/**
 * Kinds that stand for a family in kind filters: asking for threat actors means every actor, so intrusion sets
 * (the STIX name for a threat actor's observed activity set) come along in search, the overview and the filters.
 */
export const kindFamilies: Partial<Record<EntityKindName, readonly EntityKindName[]>> = {
  THREAT_ACTOR: ['THREAT_ACTOR', 'INTRUSION_SET'],
};

/** A kind filter with each family kind widened to its family, each kind once. */
export function withKindFamilies(kinds: readonly EntityKindName[]): EntityKindName[] {
  return [...new Set(kinds.flatMap((kind) => kindFamilies[kind] ?? [kind]))];
}

export const relationshipTypes = [
  'ATTRIBUTED_TO',
  'AFFILIATED_WITH',
  'PART_OF',
  'TARGETED',
  'CLAIMED_BY',
  'DENIED_BY',
  'MADE_BY',
  'ABOUT',
  'IMPOSED_BY',
  'SANCTIONS',
  'SEVERED_TIES_WITH',
  'HOSTS',
  'LOCATED_IN',
  'USES',
  'MOTIVATED_BY',
  'RESPONDS_TO',
  'FOLLOWS',
  'SUPPORTS',
  'RELATED_TO',
  // STIX 2.1's own relationship types (spec section 4) and ATT&CK's, each kept as itself.
  'MITIGATES',
  'DETECTS',
  'INDICATES',
  'BASED_ON',
  'DERIVED_FROM',
  'DUPLICATE_OF',
  'REVOKED_BY',
  'SUBTECHNIQUE_OF',
  'SIGHTED',
  'COMPROMISES',
  'ORIGINATES_FROM',
  'DELIVERS',
  'OWNS',
  'IMPERSONATES',
  'COMMUNICATES_WITH',
  'CONSISTS_OF',
  'CONTROLS',
  'HAS',
  'BEACONS_TO',
  'EXFILTRATES_TO',
  'DOWNLOADS',
  'DROPS',
  'EXPLOITS',
  'VARIANT_OF',
  'INVESTIGATES',
  'REMEDIATES',
  'CHARACTERIZES',
  'ANALYSIS_OF',
  'STATIC_ANALYSIS_OF',
  'DYNAMIC_ANALYSIS_OF',
  'IMPACTS',
  'RESOLVES_TO',
  'BELONGS_TO',
] as const;
export type RelationshipTypeName = (typeof relationshipTypes)[number];

/** ATTRIBUTED_TO -> "attributed to": link labels read as a sentence between two entities. */
export function relationshipLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

export interface StanceDefinition {
  label: string;
  lineStyle: 'solid' | 'dashed' | 'dotted';
  color: string;
  arrow: 'triangle' | 'tee';
  /** A hollow arrowhead marks a claim: a second cue beside the dots, visible even where the line is short. */
  arrowFill: 'filled' | 'hollow';
  meaning: string;
}

const linkGrey = '#8D98AC';

/** Link colour where the stance does not set one. */
export const defaultLinkColor = linkGrey;

/**
 * Every stance, in the order of the GraphQL enum `Stance`. Denied links are red and also end in a bar ("tee")
 * instead of an arrow: the shape carries the meaning for readers who cannot tell the red apart.
 */
export const stanceDefinitions = {
  ASSERTED: {
    label: 'Asserted',
    lineStyle: 'solid',
    color: linkGrey,
    arrow: 'triangle',
    arrowFill: 'filled',
    meaning: 'stated as fact by the source',
  },
  CLAIMED: {
    label: 'Claimed',
    lineStyle: 'dotted',
    color: linkGrey,
    arrow: 'triangle',
    arrowFill: 'hollow',
    meaning: 'claimed by an interested party',
  },
  SUSPECTED: {
    label: 'Suspected',
    lineStyle: 'dashed',
    color: linkGrey,
    arrow: 'triangle',
    arrowFill: 'filled',
    meaning: 'attributed with hedging',
  },
  DENIED: { label: 'Denied', lineStyle: 'solid', color: '#E8453C', arrow: 'tee', arrowFill: 'filled', meaning: 'a named party denies it' },
} as const satisfies Record<string, StanceDefinition>;

export type StanceName = keyof typeof stanceDefinitions;

/** The stances in GraphQL enum order. */
export const stances = Object.keys(stanceDefinitions) as StanceName[];

/** The stances as legends list them: from the firmest to the denied. */
export const stancesInLegendOrder = ['ASSERTED', 'SUSPECTED', 'CLAIMED', 'DENIED'] as const satisfies readonly StanceName[];
export type StancesMissingFromLegend = Exclude<StanceName, (typeof stancesInLegendOrder)[number]>;
const legendListsEveryStance: [StancesMissingFromLegend] extends [never] ? true : StancesMissingFromLegend = true;
void legendListsEveryStance;

/**
 * Link width by confidence, in four bands (thicker is more certain). Bands rather than a continuous width, so the
 * legend can show each one and each band's dash pattern can be made for its width.
 */
export const linkWidthBands = [
  { min: 0, max: 39, width: 1.25 },
  { min: 40, max: 59, width: 2 },
  { min: 60, max: 79, width: 3 },
  { min: 80, max: 100, width: 4.5 },
] as const;

/** The width of a link's band; a confidence the source does not state (null) gets the thinnest. */
export function linkWidth(confidence: number | null): number {
  return [...linkWidthBands].reverse().find((band) => (confidence ?? 0) >= band.min)?.width ?? linkWidthBands[0].width;
}

/** How a stance's line is stroked at a width: its dash pattern (dash, gap; null for solid) and line cap. */
export interface StanceStroke {
  dash: readonly [number, number] | null;
  cap: 'butt' | 'round';
}

const tenth = (value: number) => Math.round(value * 10) / 10;

/**
 * The stroke of a stance at a line width. Dashes and gaps grow with the width: a round cap adds half the width to
 * each end of every dash, so a fixed pattern closes into a solid line once the line is wide enough (a claimed link
 * at 90% used to look asserted). Here every gap stays open by at least 3.9 units at every width.
 */
export function stanceStroke(stance: StanceName, width: number): StanceStroke {
  switch (stanceDefinitions[stance].lineStyle) {
    case 'dashed':
      return { dash: [tenth(3 * width + 5), tenth(1.5 * width + 4)], cap: 'butt' };
    case 'dotted':
      // A near-zero dash with a round cap is a dot as wide as the line.
      return { dash: [0.1, tenth(2 * width + 4)], cap: 'round' };
    default:
      return { dash: null, cap: 'butt' };
  }
}

/** The empty space between two dashes once their caps are drawn: what tells a broken line from a solid one. */
export function visibleGap(stroke: StanceStroke, width: number): number {
  if (!stroke.dash) return 0;
  return stroke.dash[1] - (stroke.cap === 'round' ? width : 0);
}

export function isEntityKind(value: string): value is EntityKindName {
  return Object.hasOwn(kindDefinitions, value);
}
export function isRelationshipType(value: string): value is RelationshipTypeName {
  return (relationshipTypes as readonly string[]).includes(value);
}
export function isStance(value: string): value is StanceName {
  return Object.hasOwn(stanceDefinitions, value);
}

/**
 * Admiralty (NATO AJP-2.1) reliability grades of a source, in the order of the GraphQL enum `SourceReliability`.
 * Reliability belongs to the source (its record), not to any one statement; F is the default.
 */
export const reliabilityDefinitions = {
  A: { label: 'Completely reliable' },
  B: { label: 'Usually reliable' },
  C: { label: 'Fairly reliable' },
  D: { label: 'Not usually reliable' },
  E: { label: 'Unreliable' },
  F: { label: 'Reliability cannot be judged' },
} as const;
export type ReliabilityGrade = keyof typeof reliabilityDefinitions;
export const reliabilityGrades = Object.keys(reliabilityDefinitions) as ReliabilityGrade[];
export const defaultReliability: ReliabilityGrade = 'F';
export function isReliabilityGrade(value: string): value is ReliabilityGrade {
  return Object.hasOwn(reliabilityDefinitions, value);
}

/** Admiralty credibility of one piece of information (a citation), 1 to 6; 6 is the default. */
export const credibilityLabels: Record<number, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};
export const defaultCredibility = 6;

/**
 * How much confidence the evidence behind a path allows, in the words of ICD 203 (analytic confidence, never a
 * likelihood): the path panel shows these words, not a percentage. Order of the GraphQL enum `ConfidenceBand`.
 */
export const confidenceBandDefinitions = {
  LOW: { label: 'Low confidence', meaning: 'questionable, fragmentary or poorly corroborated evidence, or an interested party’s word' },
  MODERATE: { label: 'Moderate confidence', meaning: 'credibly sourced and plausible, but not corroborated at every step or disputed' },
  HIGH: { label: 'High confidence', meaning: 'every step corroborated by independent, well-graded sources and undisputed' },
} as const;
export type ConfidenceBandName = keyof typeof confidenceBandDefinitions;
export const confidenceBands = Object.keys(confidenceBandDefinitions) as ConfidenceBandName[];

/** Path profiles, in the order of the GraphQL enum `PathProfile`; their weights live in server/domain/paths/profiles.ts. */
export const pathProfileDefinitions = {
  ATTRIBUTION: { label: 'Attribution', meaning: 'responsibility and response chains; context links only at either end' },
  ANY_CONNECTION: { label: 'Any connection', meaning: 'every relationship type alike, as the graph holds it' },
} as const;
export type PathProfileName = keyof typeof pathProfileDefinitions;
export const pathProfiles = Object.keys(pathProfileDefinitions) as PathProfileName[];
