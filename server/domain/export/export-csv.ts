import { stringify } from 'csv-stringify/sync';
import { citationColumns } from '../import/csv-citations.js';
import { csvColumns } from '../import/parse-csv.js';
import { defaultCredibility } from '../model.js';
import type { Citation, StixBookkeeping } from '../types.js';
import { listSeparator } from './citation-columns.js';
import type { ExportSubgraph } from './types.js';

/**
 * OWASP's rule against CSV injection, made reversible: a cell that begins with = + - @ tab or carriage return
 * (after any apostrophes already there) gets one apostrophe more, so a spreadsheet shows it as text instead of
 * running it as a formula. The importer drops one leading apostrophe from a cell that matches /^'+[=+\-@\t\r]/
 * (server/domain/import/csv-table.ts), which gives the value back exactly (docs/import-formats.md).
 */
const formulaLike = /^'*[=+\-@\t\r]/;
const neutralised = (text: string) => (formulaLike.test(text) ? `'${text}` : text);

// RFC 4180 (CRLF records, quotes doubled, every field with a line break quoted: a bare LF or CR too, which
// spreadsheets read as a new record) plus a byte-order mark, without which Excel misreads UTF-8 names.
export const csvOptions = {
  header: true,
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  bom: true,
  cast: { string: neutralised },
} as const;

type Row = Record<string, string | number>;

/**
 * A citation in the import format's columns: the source defined in full (its grade, origin and derivations as
 * stored, empty when not stated), the excerpt, and the citation's credibility when judged (not 6).
 */
function citationCells(citation: Citation): Row {
  return {
    source_id: citation.id,
    source_title: citation.title,
    source_publisher: citation.publisher ?? '',
    source_url: citation.url ?? '',
    source_published: citation.published ?? '',
    source_published_inferred: citation.publishedInferred ? 'true' : '',
    source_published_note: citation.publishedNote ?? '',
    source_reliability: citation.reliability ?? '',
    source_origin: citation.origin ?? '',
    source_derived_from: citation.derivedFrom.join(listSeparator),
    excerpt: citation.excerpt ?? '',
    credibility: citation.credibility !== defaultCredibility ? citation.credibility : '',
  };
}

function bookkeepingCells(element: StixBookkeeping): Row {
  return {
    markings: element.markings.join(listSeparator),
    created: element.created ?? '',
    modified: element.modified ?? '',
    revoked: element.revoked ? 'true' : '',
    deprecated: element.deprecated ? 'true' : '',
  };
}

/**
 * The rows of one element, as the import format writes them: the first row holds every cell and the first
 * citation; each further citation is a row with the id and the citation only.
 */
function rowsOf(id: string, cells: Row, sources: Citation[]): Row[] {
  const [first, ...more] = sources;
  return [{ ...cells, ...(first ? citationCells(first) : {}) }, ...more.map((citation) => ({ id, ...citationCells(citation) }))];
}

/** One row per entity and citation, in exactly the columns the entities import takes, so the file imports again. */
export function exportEntitiesCsv(subgraph: ExportSubgraph): string {
  const { required, optional } = csvColumns.entities;
  const columns = [...required, ...optional, ...citationColumns];
  const rows = subgraph.entities.flatMap((entity) =>
    rowsOf(
      entity.id,
      {
        id: entity.id,
        kind: entity.kind,
        name: entity.name,
        aliases: entity.aliases.join(listSeparator),
        description: entity.description ?? '',
        date: entity.date ?? '',
        ...Object.fromEntries(Object.entries(entity.properties).map(([name, value]) => [name, value ?? ''])),
        external_ids: entity.externalIds.join(listSeparator),
        ...bookkeepingCells(entity),
      },
      entity.sources,
    ),
  );
  return stringify(rows, { ...csvOptions, columns });
}

/**
 * One row per relationship and citation, in the columns the relationships import takes, with both ends' names
 * for reading (the import ignores them) and an empty confidence where the source states none.
 */
export function exportRelationshipsCsv(subgraph: ExportSubgraph): string {
  const { required, optional } = csvColumns.relationships;
  const columns = [...required, ...optional, ...citationColumns];
  const rows = subgraph.relationships.flatMap((relationship) =>
    rowsOf(
      relationship.id,
      {
        id: relationship.id,
        type: relationship.type,
        from: relationship.from.id,
        from_name: relationship.from.name,
        to: relationship.to.id,
        to_name: relationship.to.name,
        stance: relationship.stance,
        confidence: relationship.confidence ?? '',
        since: relationship.since ?? '',
        until: relationship.until ?? '',
        description: relationship.description ?? '',
        disputed_by: relationship.disputedBy.map((entity) => entity.id).join(listSeparator),
        count: relationship.count ?? '',
        ...bookkeepingCells(relationship),
      },
      relationship.sources,
    ),
  );
  return stringify(rows, { ...csvOptions, columns });
}

/** Any table as the exports write CSV (RFC 4180, byte-order mark, formula-like cells neutralised). */
export function exportTableCsv(columns: string[], rows: Row[]): string {
  return stringify(rows, { ...csvOptions, columns });
}
