import type { EntityKindName, ReliabilityGrade, RelationshipTypeName, StanceName } from '../model.js';

/**
 * What every import format (project JSON, STIX 2.1, CSV) is turned into before anything is written:
 * one normalized, validated document, so validation and writing have a single code path.
 */
export interface ImportCitation {
  source: string;
  excerpt: string | null;
  /** Admiralty credibility of this piece of information, 1-6; absent or null is 6 (cannot be judged). */
  credibility?: number | null;
}

/**
 * A source document as an import defines it: the shape of a stored Source node. The evidence fields are
 * optional: absent, a source is grade F and its own publisher's reporting.
 */
export interface ImportSource {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
  /** The publication date is inferred, not stated by the source (absent: stated). */
  publishedInferred?: boolean;
  /** How the publication date was established or inferred. */
  publishedNote?: string | null;
  reliability?: ReliabilityGrade | null;
  origin?: string | null;
  derivedFrom?: string[];
}

/**
 * STIX identity and bookkeeping an import may carry (optional: the project's JSON and CSV usually carry none).
 * `stixObject` is the object as another producer published it; `modified` orders versions of one element.
 */
export interface ImportBookkeeping {
  stixObject?: Record<string, unknown> | null;
  created?: string | null;
  modified?: string | null;
  markings?: string[];
  revoked?: boolean;
  deprecated?: boolean;
  /**
   * The newest `modified` in the bundle this version came from: which copy wins when two copies have the same
   * `modified` but differ (MITRE changed objects between releases without advancing `modified`).
   */
  bundleModified?: string | null;
}

export interface ImportEntity extends ImportBookkeeping {
  id: string;
  kind: EntityKindName;
  name: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  properties: Record<string, string | null>;
  sources: ImportCitation[];
  extra: Record<string, unknown> | null;
  externalIds?: string[];
}

export interface ImportRelationship extends ImportBookkeeping {
  id: string;
  type: RelationshipTypeName;
  from: string;
  to: string;
  stance: StanceName;
  /** Null when the source states none. */
  confidence: number | null;
  since: string | null;
  until: string | null;
  description: string | null;
  sources: ImportCitation[];
  disputedBy: string[];
  extra: Record<string, unknown> | null;
  count?: number | null;
}

/** A marking definition that is not one of the predefined TLP ones (a statement, a custom marking). */
export interface ImportMarking {
  id: string;
  /** The marking-definition object as published. */
  object: Record<string, unknown>;
}

/** An analyst's note about an entity, relationship or hypothesis (subject), with who wrote it and when. */
export interface ImportNote {
  id: string;
  subject: string;
  text: string;
  author: string;
  /** ISO date-time the note was written. */
  createdAt: string;
  sources: ImportCitation[];
}

export interface ImportDocument {
  sources: ImportSource[];
  entities: ImportEntity[];
  relationships: ImportRelationship[];
  markings?: ImportMarking[];
  /** Analysts' notes; absent where a format carries none. */
  notes?: ImportNote[];
  /** Things a parser passed over on purpose (unsupported object types, ...), reported to the user. */
  warnings?: string[];
  /**
   * A derivedFrom naming a source neither in the document nor in the graph is left out with a warning instead of
   * refusing the import: a STIX export of part of a graph names sources that did not travel with it.
   */
  lenientDerivations?: boolean;
}

/** One thing wrong with an import, and where: an object id, or a file and line. */
export interface ImportProblem {
  location: string;
  message: string;
}

export class ImportValidationError extends Error {
  constructor(public readonly problems: ImportProblem[]) {
    super(`The import is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written.`);
    this.name = 'ImportValidationError';
  }
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Elements the graph holds in a newer version (a later `modified`): the import's older copy changed nothing. */
  keptNewer: number;
}

/** What an import does with a reference to an entity that is in neither the file nor the graph. */
export type MissingReferencePolicy = 'FAIL' | 'SKIP';

export interface ImportReport {
  dryRun: boolean;
  warnings: string[];
  /** With onMissingReference SKIP: each element left out, and the reference it lacked. */
  skipped: string[];
  sources: ImportCounts;
  entities: ImportCounts;
  relationships: ImportCounts;
  notes: ImportCounts;
  /** Fields an update left at their curated value, one line each (only when curation is kept). */
  conflicts: string[];
  /** New entities that may be existing ones (SUGGEST), merged into them when AUTO. */
  matches: { entityId: string; existingId: string; score: number; reasons: string[]; merged: boolean }[];
}
