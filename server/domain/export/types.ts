import type { PictureOptions } from '../../../shared/picture-frame.js';
import type { TlpLevel } from '../../../shared/markings.js';
import type { MarkingMap } from '../../graph/statements.js';
import type { EntityKindName } from '../model.js';
import type { HypothesisMatrixRecord } from '../analysis/hypothesis-matrix.js';
import type { NoteRecord } from '../notes/notes.js';
import type { RelationshipFilterInput, SourceDocument, SubgraphRecord } from '../types.js';

/** The export formats, as the GraphQL enum `ExportFormat` names them. */
export const exportFormats = [
  'STIX',
  'GRAPHML',
  'CSV_ENTITIES',
  'CSV_RELATIONSHIPS',
  'HYPOTHESES_CSV',
  'JSON',
  'CYTOSCAPE_JSON',
  'MARKDOWN',
  'HTML',
  'SVG',
  'PNG',
] as const;
export type ExportFormatName = (typeof exportFormats)[number];

export interface ExportRequest {
  /** The entities to export; or none with `view`. */
  ids?: string[] | null;
  /** A saved view: its entities, links, filters and arrangement (then `ids`, `depth` and `filter` are not used). */
  view?: string | null;
  format: ExportFormatName;
  /** 0: only the given entities and the links among them; 1-3: their neighbourhood at that depth. */
  depth?: number | null;
  filter?: RelationshipFilterInput | null;
  /** The day written into filenames and report headers; today when absent. */
  exportedOn?: string;
  /** How SVG and PNG pictures look (light theme, a date line and the legend unless said otherwise). */
  picture?: PictureRequest | null;
  /** Withhold objects marked above this TLP level (and links touching them). */
  tlpCeiling?: TlpLevel | null;
}

export interface PictureRequest {
  theme?: PictureOptions['theme'] | null;
  /** A heading; a saved view's title when not given. */
  title?: string | null;
  /** The "Exported <date>" line. */
  date?: boolean | null;
  legend?: boolean | null;
  source?: string | null;
}

/** Who made a statement (its MADE_BY end), known even when the author is outside the subgraph. */
export interface StatementAuthor {
  id: string;
  name: string;
  kind: EntityKindName;
}

/** The one subgraph every format serializes: collected once, then handed to a serializer. */
export interface ExportSubgraph extends SubgraphRecord {
  request: {
    ids: string[];
    depth: number;
    filter: RelationshipFilterInput | null;
    exportedOn: string;
    tlpCeiling: TlpLevel | null;
    /** The saved view exported, when it is one. */
    view?: { id: string; title: string } | null;
  };
  /** Statement (claim, denial, report) id -> its author. */
  authors: Map<string, StatementAuthor>;
  /** Analysts' notes about the subgraph's entities and links, oldest first. */
  notes?: NoteRecord[];
  /** The competing-hypotheses matrices of its incidents, for the formats that carry them (incident-matrices.ts). */
  hypotheses?: HypothesisMatrixRecord[];
  /** Definitions of the markings the export uses, other than the predefined TLP ones, by id. */
  markings: Map<string, MarkingMap>;
  /** What a TLP ceiling withheld (zero without one). */
  withheld: { entities: number; relationships: number };
  /** Sources the cited ones derive from (directly or not) that nothing in the subgraph cites. */
  ancestors?: SourceDocument[];
}

export interface ExportFile {
  filename: string;
  mimeType: string;
  /** Text, or base64 for binary formats (PNG): see `encoding`. */
  content: string;
  encoding: 'utf-8' | 'base64';
}
