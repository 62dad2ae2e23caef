/**
 * A synthetic attribution graph in the import pipeline's own form (ImportDocument), deterministic from a
 * seed. Its shape imitates real case files: a few states and prolific actors are hubs (Zipf-like
 * in-degrees), every kind and relationship type of shared/vocabulary.ts occurs with plausible ends,
 * stances, confidences, validity dates and at least one cited source with an excerpt per element. Its sources and
 * publishers are invented and say so ("Synthetic benchmark source", example.org addresses).
 */
import type { ImportCitation, ImportDocument, ImportEntity, ImportRelationship, ImportSource } from '../server/domain/import/document.js';
import {
  entityKinds,
  kindProperties,
  relationshipTypes,
  type EntityKindName,
  type RelationshipTypeName,
  type StanceName,
} from '../server/domain/model.js';
import { Random } from './random.js';

export type ScaleName = 'small' | 'medium' | 'large';

export const scales: Record<ScaleName, { entities: number; relationships: number }> = {
  small: { entities: 10_000, relationships: 50_000 },
  medium: { entities: 100_000, relationships: 500_000 },
  large: { entities: 1_000_000, relationships: 5_000_000 },
};

/** Share of entities per kind (states are counted apart: there are only so many). */
const kindShares: Record<EntityKindName, number> = {
  STATE: 0,
  LOCATION: 0.03,
  ORGANIZATION: 0.152,
  PERSON: 0.12,
  GROUP: 0.03,
  THREAT_ACTOR: 0.05,
  INCIDENT: 0.15,
  CAMPAIGN: 0.04,
  MALWARE: 0.06,
  TOOL: 0.04,
  VULNERABILITY: 0.08,
  REPORT: 0.1,
  CLAIM: 0.05,
  DENIAL: 0.03,
  SANCTION: 0.04,
  DIPLOMATIC_ACTION: 0.028,
  // The STIX kinds of issue 16 are left out, so the benchmark's graph stays comparable with earlier runs
  // (bench/README.md); imports of real STIX bundles are measured apart (the ATT&CK import phase).
  INTRUSION_SET: 0,
  ATTACK_PATTERN: 0,
  COURSE_OF_ACTION: 0,
  INDICATOR: 0,
  INFRASTRUCTURE: 0,
  OBSERVED_DATA: 0,
  GROUPING: 0,
  MALWARE_ANALYSIS: 0,
  STIX_OBJECT: 0,
};

/** How strongly each kind attracts links (Random.skewed's alpha): states and actors are the hubs. */
const hubbiness: Partial<Record<EntityKindName, number>> = {
  STATE: 3.5,
  THREAT_ACTOR: 3,
  GROUP: 2.5,
  MALWARE: 2.5,
  TOOL: 2.5,
  ORGANIZATION: 2.2,
  CAMPAIGN: 2,
};

/** Targets of these kinds are chosen this many times more often than their population alone says. */
const targetBoost: Partial<Record<EntityKindName, number>> = { STATE: 10, THREAT_ACTOR: 2 };

const confidenceRange: Record<StanceName, [number, number]> = {
  ASSERTED: [60, 100],
  SUSPECTED: [25, 75],
  CLAIMED: [20, 70],
  DENIED: [10, 60],
};

interface Template {
  type: RelationshipTypeName;
  from: EntityKindName[];
  to: EntityKindName[];
  weight: number;
  stances?: readonly (readonly [StanceName, number])[];
}

const attribution = [
  ['ASSERTED', 35],
  ['SUSPECTED', 40],
  ['CLAIMED', 10],
  ['DENIED', 15],
] as const;
const factual = [
  ['ASSERTED', 75],
  ['SUSPECTED', 20],
  ['CLAIMED', 5],
] as const;

const templates: Template[] = [
  { type: 'ATTRIBUTED_TO', from: ['INCIDENT', 'CAMPAIGN'], to: ['THREAT_ACTOR', 'STATE', 'GROUP'], weight: 10, stances: attribution },
  { type: 'AFFILIATED_WITH', from: ['THREAT_ACTOR', 'GROUP', 'PERSON'], to: ['STATE', 'ORGANIZATION', 'GROUP'], weight: 7 },
  { type: 'PART_OF', from: ['INCIDENT'], to: ['CAMPAIGN'], weight: 4 },
  { type: 'PART_OF', from: ['ORGANIZATION', 'PERSON'], to: ['ORGANIZATION', 'STATE'], weight: 6 },
  {
    type: 'TARGETED',
    from: ['INCIDENT', 'CAMPAIGN', 'THREAT_ACTOR', 'DIPLOMATIC_ACTION'],
    to: ['ORGANIZATION', 'STATE', 'PERSON', 'LOCATION'],
    weight: 12,
  },
  { type: 'CLAIMED_BY', from: ['INCIDENT'], to: ['THREAT_ACTOR', 'GROUP'], weight: 3, stances: [['CLAIMED', 1]] },
  { type: 'DENIED_BY', from: ['INCIDENT'], to: ['STATE', 'THREAT_ACTOR'], weight: 2, stances: [['DENIED', 1]] },
  {
    type: 'MADE_BY',
    from: ['CLAIM', 'DENIAL', 'REPORT'],
    to: ['THREAT_ACTOR', 'STATE', 'ORGANIZATION', 'PERSON', 'GROUP'],
    weight: 6,
    stances: [['ASSERTED', 1]],
  },
  {
    type: 'ABOUT',
    from: ['CLAIM', 'DENIAL', 'REPORT'],
    to: ['INCIDENT', 'CAMPAIGN', 'THREAT_ACTOR'],
    weight: 8,
    stances: [['ASSERTED', 1]],
  },
  { type: 'IMPOSED_BY', from: ['SANCTION', 'DIPLOMATIC_ACTION'], to: ['STATE', 'ORGANIZATION'], weight: 3, stances: [['ASSERTED', 1]] },
  {
    type: 'SANCTIONS',
    from: ['SANCTION'],
    to: ['THREAT_ACTOR', 'PERSON', 'ORGANIZATION', 'STATE', 'GROUP'],
    weight: 4,
    stances: [['ASSERTED', 1]],
  },
  { type: 'SEVERED_TIES_WITH', from: ['STATE'], to: ['STATE'], weight: 0.05, stances: [['ASSERTED', 1]] },
  { type: 'HOSTS', from: ['STATE', 'ORGANIZATION', 'LOCATION'], to: ['THREAT_ACTOR', 'GROUP', 'ORGANIZATION'], weight: 3 },
  { type: 'LOCATED_IN', from: ['ORGANIZATION', 'LOCATION', 'PERSON', 'INCIDENT'], to: ['STATE', 'LOCATION'], weight: 8 },
  { type: 'USES', from: ['THREAT_ACTOR', 'CAMPAIGN', 'INCIDENT'], to: ['MALWARE', 'TOOL', 'VULNERABILITY'], weight: 12 },
  { type: 'MOTIVATED_BY', from: ['INCIDENT', 'CAMPAIGN'], to: ['INCIDENT', 'DIPLOMATIC_ACTION', 'SANCTION'], weight: 2 },
  {
    type: 'RESPONDS_TO',
    from: ['SANCTION', 'DIPLOMATIC_ACTION', 'INCIDENT'],
    to: ['INCIDENT', 'SANCTION', 'DIPLOMATIC_ACTION'],
    weight: 3,
  },
  { type: 'FOLLOWS', from: ['INCIDENT'], to: ['INCIDENT'], weight: 1.5 },
  { type: 'FOLLOWS', from: ['CAMPAIGN'], to: ['CAMPAIGN'], weight: 0.5 },
  { type: 'SUPPORTS', from: ['STATE', 'ORGANIZATION', 'GROUP'], to: ['THREAT_ACTOR', 'GROUP', 'STATE'], weight: 3 },
  { type: 'RELATED_TO', from: [...entityKinds], to: [...entityKinds], weight: 3 },
];

const idPrefix: Record<EntityKindName, string> = {
  THREAT_ACTOR: 'ta',
  STATE: 'st',
  ORGANIZATION: 'org',
  PERSON: 'per',
  GROUP: 'grp',
  LOCATION: 'loc',
  INCIDENT: 'inc',
  CAMPAIGN: 'cmp',
  MALWARE: 'mal',
  TOOL: 'tool',
  VULNERABILITY: 'vuln',
  REPORT: 'rep',
  CLAIM: 'clm',
  DENIAL: 'den',
  SANCTION: 'snc',
  DIPLOMATIC_ACTION: 'dip',
  INTRUSION_SET: 'is',
  ATTACK_PATTERN: 'ap',
  COURSE_OF_ACTION: 'coa',
  INDICATOR: 'ind',
  INFRASTRUCTURE: 'inf',
  OBSERVED_DATA: 'obs',
  GROUPING: 'grg',
  MALWARE_ANALYSIS: 'mla',
  STIX_OBJECT: 'stx',
};

// Publishers are invented and every source says it is synthetic: an imported benchmark graph must never pass
// off made-up excerpts as the words of a real agency or newsroom.
const publishers = [
  'Northwind Threat Lab',
  'Blue Harbor Security',
  'Contoso CERT',
  'Fabrikam Intelligence',
  'Tailspin Research',
  'Litware Response Team',
  'Adatum Monitoring',
  'Woodgrove Analysis',
  'Proseware Labs',
  'Fourth Coffee Security',
  'Wide World Wire',
  'Lucerne Daily',
  'Margie Gazette',
  'Trey Research Desk',
  'Alpine Ski House Review',
  'Coho Observatory',
  'Relecloud Threat Unit',
  'VanArsdel Defence Notes',
  'Humongous Insurance Intelligence',
  'Wingtip Signals',
  'Graphic Design Institute CERT',
  'School of Fine Art Monitor',
  'Southridge Bulletin',
  'Ministry of Example Affairs',
];
const animals = [
  'Bear',
  'Panda',
  'Kitten',
  'Chollima',
  'Typhoon',
  'Sandstorm',
  'Blizzard',
  'Sleet',
  'Tempest',
  'Jackal',
  'Spider',
  'Lynx',
  'Falcon',
  'Viper',
];
const orgNouns = [
  'Ministry of Energy',
  'Telecom',
  'Bank',
  'Airlines',
  'Parliament',
  'University',
  'Water Authority',
  'Port Authority',
  'Defence Agency',
  'Broadcasting',
  'Health Service',
  'Election Commission',
];
const incidentNouns = [
  'ransomware attack',
  'data breach',
  'wiper attack',
  'DDoS campaign wave',
  'espionage intrusion',
  'supply-chain compromise',
  'hack-and-leak',
  'defacement',
];
const firstNames = [
  'Ali',
  'Maria',
  'Ivan',
  'Chen',
  'Fatima',
  'John',
  'Olga',
  'Kim',
  'Reza',
  'Anna',
  'Dmitri',
  'Sara',
  'Park',
  'Yusuf',
  'Elena',
];
const consonants = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'sh', 'kr', 'tr', 'br', 'st'];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou'];
const codas = ['', '', 'n', 'r', 's', 'l', 'x', 'k'];

function pseudoWord(random: Random): string {
  const syllables = random.int(2, 3);
  let word = '';
  for (let i = 0; i < syllables; i += 1) word += random.pick(consonants) + random.pick(vowels);
  word += random.pick(codas);
  return word[0].toUpperCase() + word.slice(1);
}

/** Unique pseudo-words: names built from them are searchable by real prefixes, as analysts type them. */
function wordPool(random: Random, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) words.add(pseudoWord(random));
  return [...words];
}

const isoDay = (random: Random, fromYear = 2005, toYear = 2024) =>
  `${random.int(fromYear, toYear)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface SyntheticGraph {
  document: ImportDocument;
  /** Links touching each entity, by position in document.entities. */
  degree: Int32Array;
  /** Entity positions by kind, most linked-to first within each kind's Zipf order. */
  byKind: Record<EntityKindName, number[]>;
  stats: {
    sources: number;
    entities: number;
    relationships: number;
    maxDegree: number;
    medianDegree: number;
    byKind: Record<string, number>;
    byType: Record<string, number>;
  };
}

/** Builds the graph for a scale; the same seed always gives the same document. */
export function generateGraph(size: { entities: number; relationships: number }, seed: number): SyntheticGraph {
  const random = new Random(seed);
  const words = wordPool(random, Math.max(500, Math.ceil(size.entities / 4)));
  const stateCount = Math.max(20, Math.min(250, Math.round(size.entities * 0.002)));
  const counts = Object.fromEntries(
    entityKinds.map((kind) => [kind, kind === 'STATE' ? stateCount : Math.round(size.entities * kindShares[kind])]),
  ) as Record<EntityKindName, number>;
  counts.ORGANIZATION += size.entities - Object.values(counts).reduce((sum, count) => sum + count, 0);

  const sourceCount = Math.max(100, Math.round(size.entities / 10));
  const sources: ImportSource[] = [];
  for (let i = 0; i < sourceCount; i += 1) {
    const publisher = random.pick(publishers);
    sources.push({
      id: `src-${i}`,
      title: `Synthetic benchmark source: ${publisher}, ${random.pick(words)} ${random.pick(incidentNouns)} analysis`,
      publisher,
      url: random.chance(0.9) ? `https://example.org/synthetic/${publisher.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/${i}` : null,
      published: random.chance(0.95) ? isoDay(random) : null,
    });
  }
  // Sources are cited Zipf-like too: a few big reports carry much of the evidence. Every element cites at
  // least one, as the project's rules (and its JSON import format) require of every fact.
  const cite = (subject: string): ImportCitation[] => {
    const cited: ImportCitation[] = [];
    const howMany = random.weighted([
      [1, 75],
      [2, 20],
      [3, 5],
    ] as const);
    for (let i = 0; i < howMany; i += 1) {
      const source = sources[random.skewed(sourceCount, 1.8)].id;
      if (cited.some((citation) => citation.source === source)) continue;
      cited.push({
        source,
        excerpt: random.chance(0.85)
          ? `"${subject}" according to officials familiar with the ${random.pick(words).toLowerCase()} investigation (p. ${random.int(1, 80)}).`
          : null,
      });
    }
    return cited;
  };

  const entities: ImportEntity[] = [];
  const byKind = Object.fromEntries(entityKinds.map((kind) => [kind, [] as number[]])) as Record<EntityKindName, number[]>;
  for (const kind of entityKinds) {
    for (let i = 0; i < counts[kind]; i += 1) {
      const word = kind === 'STATE' ? words[i] : random.pick(words);
      const year = random.int(2005, 2024);
      const name = entityName(kind, word, i, year, random, words);
      const properties: Record<string, string | null> = {};
      for (const key of kindProperties[kind]) properties[key] = propertyValue(key, kind, i, random, words);
      byKind[kind].push(entities.length);
      entities.push({
        id: `${idPrefix[kind]}-${i}`,
        kind,
        name,
        aliases: aliasesFor(kind, word, i, random),
        description: random.chance(0.6)
          ? `${name}: a ${kind.toLowerCase().replace(/_/g, ' ')} linked to ${random.pick(words)} and ${random.pick(words)} in open reporting.`
          : null,
        date: ['INCIDENT', 'CLAIM', 'DENIAL', 'SANCTION', 'DIPLOMATIC_ACTION', 'REPORT'].includes(kind)
          ? `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
          : null,
        properties,
        sources: cite(name),
        extra: null,
      });
    }
  }

  const degree = new Int32Array(entities.length);
  // Kinds are chosen by population, except that targets favour states: the hubs of attribution.
  const endWeights = (kinds: EntityKindName[], boost: boolean) =>
    kinds.map((k) => [k, counts[k] * (boost ? (targetBoost[k] ?? 1) : 1)] as const);
  const ends = new Map(
    templates.map((template) => [template, { from: endWeights(template.from, false), to: endWeights(template.to, true) }]),
  );
  const pickEnd = (weights: readonly (readonly [EntityKindName, number])[], hubs: boolean): number => {
    const kind = random.weighted(weights);
    const list = byKind[kind];
    // Targets lean on hubs; sources are spread evenly, so nearly every entity has a link.
    const alpha = hubs && random.chance(0.65) ? (hubbiness[kind] ?? 1.8) : 1;
    return list[random.skewed(list.length, alpha)];
  };
  const templateWeights = templates.map((template) => [template, template.weight] as const);
  const relationships: ImportRelationship[] = [];
  const byType: Record<string, number> = Object.fromEntries(relationshipTypes.map((type) => [type, 0]));
  const denials = byKind.DENIAL;
  while (relationships.length < size.relationships) {
    const template = random.weighted(templateWeights);
    const { from: fromWeights, to: toWeights } = ends.get(template)!;
    const from = pickEnd(fromWeights, false);
    const to = pickEnd(toWeights, true);
    if (from === to) continue;
    const stance = random.weighted(template.stances ?? factual);
    const [low, high] = confidenceRange[stance];
    const since = random.chance(0.6) ? isoDay(random) : null;
    const a = entities[from];
    const b = entities[to];
    relationships.push({
      id: `rel-${relationships.length}`,
      type: template.type,
      from: a.id,
      to: b.id,
      stance,
      confidence: random.int(low, high),
      since,
      until: since && random.chance(0.25) ? addDays(since, random.int(30, 2000)) : null,
      description: random.chance(0.4) ? `${a.name} ${template.type.toLowerCase().replace(/_/g, ' ')} ${b.name}.` : null,
      sources: cite(`${a.name} ${template.type.toLowerCase().replace(/_/g, ' ')} ${b.name}`),
      disputedBy:
        template.type === 'ATTRIBUTED_TO' && stance !== 'DENIED' && random.chance(0.05) ? [entities[random.pick(denials)].id] : [],
      extra: null,
    });
    degree[from] += 1;
    degree[to] += 1;
    byType[template.type] += 1;
  }

  const sorted = Int32Array.from(degree).sort();
  return {
    document: { sources, entities, relationships },
    degree,
    byKind,
    stats: {
      sources: sources.length,
      entities: entities.length,
      relationships: relationships.length,
      maxDegree: sorted[sorted.length - 1],
      medianDegree: sorted[Math.floor(sorted.length / 2)],
      byKind: counts,
      byType,
    },
  };
}

function entityName(kind: EntityKindName, word: string, i: number, year: number, random: Random, words: string[]): string {
  switch (kind) {
    case 'STATE':
      return `${word}ia`;
    case 'THREAT_ACTOR':
      return `${word} ${random.pick(animals)}`;
    case 'ORGANIZATION':
      return `${word} ${random.pick(orgNouns)}`;
    case 'PERSON':
      return `${random.pick(firstNames)} ${word}`;
    case 'GROUP':
      return random.chance(0.5) ? `${word} Collective` : `Team ${word}`;
    case 'LOCATION':
      return `${word} ${random.pick(['City', 'Province', 'Port', 'District'])}`;
    case 'INCIDENT':
      return `${word} ${random.pick(incidentNouns)} ${year}`;
    case 'CAMPAIGN':
      return `Operation ${word} ${random.pick(words)}`;
    case 'MALWARE':
      return `${word}${random.pick(['Bot', 'Loader', 'Wiper', 'RAT', 'Locker', 'Stealer'])}`;
    case 'TOOL':
      return `${word} ${random.pick(['Scanner', 'Tunnel', 'Dropper', 'Proxy', 'Framework'])}`;
    case 'VULNERABILITY':
      return `CVE-${year}-${String(10000 + i).padStart(5, '0')}`;
    case 'REPORT':
      return `${random.pick(publishers)} report on ${word}`;
    case 'CLAIM':
      return `${word} claim of responsibility`;
    case 'DENIAL':
      return `${word} denial ${year}`;
    case 'SANCTION':
      return `${word} sanctions designation ${year}`;
    case 'DIPLOMATIC_ACTION':
      return `${random.pick(['Expulsion of', 'Recall of', 'Summoning of'])} ${word}ian diplomats`;
    default:
      return `${word} ${kind.toLowerCase().replace(/_/g, ' ')} ${i}`;
  }
}

function aliasesFor(kind: EntityKindName, word: string, i: number, random: Random): string[] {
  if (kind === 'THREAT_ACTOR') return random.chance(0.6) ? [`APT${100 + i}`, ...(random.chance(0.5) ? [`${word} Team`] : [])] : [];
  if (kind === 'MALWARE' || kind === 'GROUP') return random.chance(0.3) ? [`${word.toLowerCase()}-${i}`] : [];
  if (kind === 'STATE') return [`Republic of ${word}ia`];
  return [];
}

function propertyValue(key: string, kind: EntityKindName, i: number, random: Random, words: string[]): string | null {
  switch (key) {
    case 'firstSeen':
      return isoDay(random, 2005, 2015);
    case 'lastSeen':
      return isoDay(random, 2016, 2024);
    case 'isoCode':
      return String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26));
    case 'countryCode':
      return String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25));
    case 'sector':
      return random.pick(['government', 'energy', 'telecom', 'finance', 'media', 'health', 'transport']);
    case 'role':
      return random.pick(['officer', 'operator', 'spokesperson', 'minister', 'researcher']);
    case 'aim':
      return random.pick(['espionage', 'disruption', 'extortion', 'influence']);
    case 'outcome':
      return random.chance(0.5) ? random.pick(['data stolen', 'services down for days', 'contained', 'unknown']) : null;
    case 'statement':
      return `We ${kind === 'DENIAL' ? 'had nothing to do with' : 'carried out'} the ${random.pick(words)} operation.`;
    case 'program':
      return random.pick(['EO 13694', 'EU 2019/797', 'UK cyber regime']);
    case 'action':
      return random.pick(['expelled diplomats', 'severed ties', 'summoned the ambassador']);
    default:
      return null;
  }
}
