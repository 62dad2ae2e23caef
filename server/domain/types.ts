import type { EntityKindName, StanceName } from './model.js';

/** A source document as stored on a `Source` node. */
export interface SourceDocument {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
}

/** A citation: which source, and the excerpt of it that supports one fact. */
export interface Citation extends SourceDocument {
  excerpt: string | null;
}

/** An entity as the domain hands it to resolvers (plain values, ISO dates). */
export interface EntityRecord {
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
}

export interface RelationshipRecord {
  id: string;
  type: string;
  from: EntityRecord;
  to: EntityRecord;
  stance: StanceName;
  confidence: number;
  since: string | null;
  until: string | null;
  description: string | null;
  sources: Citation[];
  disputedBy: EntityRecord[];
}

export interface SubgraphRecord {
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
  truncated: boolean;
}

export interface PathRecord {
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
  hops: number;
  score: number;
  weakestLink: RelationshipRecord | null;
  /** False when the search stopped at its read budget: the best paths among the links it read. */
  exhaustive: boolean;
}

export interface RelationshipFilterInput {
  types?: string[] | null;
  minConfidence?: number | null;
  stances?: StanceName[] | null;
  asOf?: string | null;
}

/**
 * How much of each entity and link a read returns: 'summary' is what a canvas draws (ids, kinds, names,
 * aliases, dates; stance, confidence, validity) and leaves descriptions, sources and disputes empty.
 */
export type Detail = 'summary' | 'full';
