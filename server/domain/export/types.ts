import type { EntityKindName } from '../model.js';
import type { NoteRecord } from '../notes/notes.js';
import type { RelationshipFilterInput, SourceDocument, SubgraphRecord } from '../types.js';

/** The export formats, as the GraphQL enum `ExportFormat` names them. */
export const exportFormats = [
  'STIX',
  'GRAPHML',
  'CSV_ENTITIES',
  'CSV_RELATIONSHIPS',
  'JSON',
  'CYTOSCAPE_JSON',
  'MARKDOWN',
  'HTML',
] as const;
export type ExportFormatName = (typeof exportFormats)[number];

export interface ExportRequest {
  ids: string[];
  format: ExportFormatName;
  /** 0: only the given entities and the links among them; 1-3: their neighbourhood at that depth. */
  depth?: number | null;
  filter?: RelationshipFilterInput | null;
  /** The day written into filenames and report headers; today when absent. */
  exportedOn?: string;
}

/** Who made a statement (its MADE_BY end), known even when the author is outside the subgraph. */
export interface StatementAuthor {
  id: string;
  name: string;
  kind: EntityKindName;
}

/** The one subgraph every format serializes: collected once, then handed to a serializer. */
export interface ExportSubgraph extends SubgraphRecord {
  request: { ids: string[]; depth: number; filter: RelationshipFilterInput | null; exportedOn: string };
  /** Statement (claim, denial, report) id -> its author. */
  authors: Map<string, StatementAuthor>;
  /** Analysts' notes about the subgraph's entities and links, oldest first. */
  notes?: NoteRecord[];
  /** Sources the cited ones derive from (directly or not) that nothing in the subgraph cites. */
  ancestors?: SourceDocument[];
}

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
}
