import type { ConfidenceBandName } from '../../shared/vocabulary.js';
import type { EntityKindName, ReliabilityGrade, StanceName } from './model.js';

/**
 * A source document as stored on a `Source` node, with what weighs it: its Admiralty `reliability`, its
 * `origin` (the organisation whose reporting it is) and the sources it was `derivedFrom`. Reliability and
 * origin are as stored: null reads as grade F and as the publisher (see evidence/source-evidence.ts).
 */
export interface SourceDocument {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
  /** The publication date is inferred (the source states none), as `publishedNote` says how. */
  publishedInferred: boolean;
  /** How the publication date was established or inferred; null when nothing is said. */
  publishedNote: string | null;
  reliability: ReliabilityGrade | null;
  origin: string | null;
  derivedFrom: string[];
}

/** A citation: which source, the excerpt of it that supports one fact, and how credible that piece is (1-6). */
export interface Citation extends SourceDocument {
  excerpt: string | null;
  credibility: number;
  /** The data markings of the fact that cites it (its element's object_marking_refs), which govern the excerpt too. */
  markings: string[];
}

/**
 * STIX identity and bookkeeping, kept on entities and relationships alike so an export can give every object
 * back as it came (docs/import-formats.md, "STIX identity and versions").
 */
export interface StixBookkeeping {
  /**
   * The STIX object as another producer published it, kept current by edits (JSON); null for the project's own
   * elements, whose STIX form the export renders from the model.
   */
  stixObject: string | null;
  /** STIX timestamps (RFC 3339, as given): created once, modified advanced by every change. */
  created: string | null;
  modified: string | null;
  /** object_marking_refs: TLP and statement markings. */
  markings: string[];
  /** revoked: true. Hidden from search, canvas and paths unless asked for. */
  revoked: boolean;
  /** x_mitre_deprecated: true, or deprecated by the project. Hidden like revoked ones. */
  deprecated: boolean;
}

/** An entity as the domain hands it to resolvers (plain values, ISO dates). */
export interface EntityRecord extends StixBookkeeping {
  id: string;
  kind: EntityKindName;
  name: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  /** Kind-specific properties (aim, outcome, statement, ...). */
  properties: Record<string, string | null>;
  sources: Citation[];
  extra: string | null;
  /** Catalogue ids from external references (ATT&CK's T0800, G0034; CVE ids), searchable. */
  externalIds: string[];
  /** When this application recorded the entity (ISO date-time), if known: the knowledge clock's fallback. */
  recordedAt?: string | null;
  /** Knowledge time as the query computed it (summary projections carry no sources to compute it from). */
  knownSince?: string | null;
}

export interface RelationshipRecord extends StixBookkeeping {
  id: string;
  type: string;
  from: EntityRecord;
  to: EntityRecord;
  stance: StanceName;
  /** 0-100 as the source states it; null when it states none (see server/domain/confidence.ts). */
  confidence: number | null;
  since: string | null;
  until: string | null;
  description: string | null;
  sources: Citation[];
  disputedBy: EntityRecord[];
  /** When this application recorded the link (ISO date-time), if known: the knowledge clock's fallback. */
  recordedAt?: string | null;
  /** Knowledge time as the query computed it (summary projections carry no sources to compute it from). */
  knownSince?: string | null;
  /** How many times it was seen (a STIX sighting's count); null for other links. */
  count: number | null;
  extra: string | null;
}

export interface SubgraphRecord {
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
  truncated: boolean;
}

/**
 * A source as GraphQL's `Source`: a document, and when read as a citation its excerpt, credibility and the markings
 * of the fact that cites it.
 */
export type SourceRecord = SourceDocument & Partial<Pick<Citation, 'excerpt' | 'credibility' | 'markings'>>;

/** One step of a path: the parallel links of one type and direction between two entities, weighed together. */
export interface PathStepRecord {
  from: EntityRecord;
  to: EntityRecord;
  reading: string;
  relationships: RelationshipRecord[];
  support: number;
  evidenceGroups: number;
  singleSource: boolean;
  contested: boolean;
  claimed: boolean;
}

export interface PathRecord {
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
  hops: number;
  /** Ranking score: support discounted by the profile's step weights and the hubs passed. */
  score: number;
  /** Product of the steps' support. */
  support: number;
  weakestLink: RelationshipRecord | null;
  /** False when the search stopped at its read budget: the best paths among the links it read. */
  exhaustive: boolean;
  metaPath: string;
  reading: string;
  band: ConfidenceBandName;
  variants: number;
  variantPaths: PathRecord[];
  steps: PathStepRecord[];
  criticalSource: SourceDocument | null;
}

export interface RelationshipFilterInput {
  types?: string[] | null;
  minConfidence?: number | null;
  stances?: StanceName[] | null;
  asOf?: string | null;
  /** Also follow revoked and deprecated links and entities (hidden by default). */
  includeRetired?: boolean | null;
  /** What-if: leave out these sources (a link left with none of its sources is left out). */
  excludeSources?: string[] | null;
  /** What-if: leave out every source of these origins (compared normalised). */
  excludeOrigins?: string[] | null;
  /** Knowledge time: links known by the end of this day. */
  knownAsOf?: string | null;
  /** With knownAsOf: keep links with no known date. */
  includeUndated?: boolean | null;
}

/**
 * How much of each entity and link a read returns: 'summary' is what a canvas draws (ids, kinds, names,
 * aliases, dates; stance, confidence, validity) and leaves descriptions, sources and disputes empty.
 */
export type Detail = 'summary' | 'full';
