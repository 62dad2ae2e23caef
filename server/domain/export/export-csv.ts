import { stringify } from 'csv-stringify/sync';
import { citationColumnNames, citationColumns, kindPropertyNames, listSeparator } from './citation-columns.js';
import type { ExportSubgraph } from './types.js';

/**
 * OWASP's rule against CSV injection, made reversible: a cell that begins with = + - @ tab or carriage return
 * (after any apostrophes already there) gets one apostrophe more, so a spreadsheet shows it as text instead of
 * running it as a formula. Dropping one leading apostrophe from a cell that matches /^'+[=+\-@\t\r]/ gives
 * the value back exactly (docs/import-formats.md).
 */
const formulaLike = /^'*[=+\-@\t\r]/;
const neutralised = (text: string) => (formulaLike.test(text) ? `'${text}` : text);

// RFC 4180 (CRLF records, quotes doubled, every field with a line break quoted: a bare LF or CR too, which
// spreadsheets read as a new record) plus a byte-order mark, without which Excel misreads UTF-8 names.
const csvOptions = {
  header: true,
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  bom: true,
  cast: { string: neutralised },
} as const;

/** One row per entity, with its kind-specific properties and its sources. */
export function exportEntitiesCsv(subgraph: ExportSubgraph): string {
  const columns = ['id', 'kind', 'name', 'aliases', 'description', 'date', ...kindPropertyNames, ...citationColumnNames];
  const rows = subgraph.entities.map((entity) => ({
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases: entity.aliases.join(listSeparator),
    description: entity.description ?? '',
    date: entity.date ?? '',
    ...Object.fromEntries(kindPropertyNames.map((name) => [name, entity.properties[name] ?? ''])),
    ...citationColumns(entity.sources),
  }));
  return stringify(rows, { ...csvOptions, columns });
}

/** One row per relationship, with both ends' names for reading and ids for joining, and its sources. */
export function exportRelationshipsCsv(subgraph: ExportSubgraph): string {
  const columns = [
    'id',
    'type',
    'from',
    'from_name',
    'to',
    'to_name',
    'stance',
    'confidence',
    'since',
    'until',
    'description',
    'disputed_by',
    ...citationColumnNames,
  ];
  const rows = subgraph.relationships.map((relationship) => ({
    id: relationship.id,
    type: relationship.type,
    from: relationship.from.id,
    from_name: relationship.from.name,
    to: relationship.to.id,
    to_name: relationship.to.name,
    stance: relationship.stance,
    confidence: relationship.confidence,
    since: relationship.since ?? '',
    until: relationship.until ?? '',
    description: relationship.description ?? '',
    disputed_by: relationship.disputedBy.map((entity) => entity.id).join(listSeparator),
    ...citationColumns(relationship.sources),
  }));
  return stringify(rows, { ...csvOptions, columns });
}
