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
  reliability?: ReliabilityGrade | null;
  origin?: string | null;
  derivedFrom?: string[];
}

export interface ImportEntity {
  id: string;
  kind: EntityKindName;
  name: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  properties: Record<string, string | null>;
  sources: ImportCitation[];
  extra: Record<string, unknown> | null;
}

export interface ImportRelationship {
  id: string;
  type: RelationshipTypeName;
  from: string;
  to: string;
  stance: StanceName;
  confidence: number;
  since: string | null;
  until: string | null;
  description: string | null;
  sources: ImportCitation[];
  disputedBy: string[];
  extra: Record<string, unknown> | null;
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
}

export interface ImportReport {
  dryRun: boolean;
  warnings: string[];
  sources: ImportCounts;
  entities: ImportCounts;
  relationships: ImportCounts;
  notes: ImportCounts;
}
