import { markingIdOf } from '../../../shared/markings.js';
import { dateProperties, entityKinds, kindProperties, relationshipTypes, stances, type EntityKindName } from '../model.js';
import type { ImportCitation, ImportDocument, ImportEntity, ImportProblem, ImportRelationship } from './document.js';
import { checkCitationHeader, citationColumns, CsvSources } from './csv-citations.js';
import { readCsvTable, type CsvRow } from './csv-table.js';

type Result = { document?: ImportDocument; problems: ImportProblem[] };
type Element = { id: string; sources: ImportCitation[] };

/** Kind-specific columns, straight from the model so a new property is a new column. */
const propertyColumns = [...new Set(Object.values(kindProperties).flat())];
const citationSet = new Set<string>(citationColumns);

/**
 * The shared walk over a CSV file: one element per id, built by `build` from its first row. A later row
 * with the same id adds its citation (for facts with several sources); its other cells must be empty or
 * equal to the first row's.
 */
function readElements<T extends Element>(
  content: string,
  fileName: string,
  columns: { required: readonly string[]; optional: readonly string[] },
  build: (row: CsvRow, id: string) => T,
): { elements: T[]; sources: CsvSources; problems: ImportProblem[] } {
  const table = readCsvTable(content, fileName, { required: columns.required, optional: [...columns.optional, ...citationColumns] });
  // Rows report their problems into the table's list, so header and row problems stay in file order.
  const problems = table.problems;
  const headerProblems = checkCitationHeader(table.columns, fileName);
  if (headerProblems.length > 0) return { elements: [], sources: new CsvSources(), problems: [...headerProblems, ...problems] };
  const sources = new CsvSources();
  const seen = new Map<string, { row: CsvRow; element: T }>();
  for (const row of table.rows) {
    const id = row.required('id');
    if (id.length > 300) row.report('id', 'is longer than 300 characters');
    const citation = sources.cite(row);
    const first = seen.get(id);
    if (!first) {
      const element = build(row, id);
      if (citation) element.sources.push(citation);
      if (id) seen.set(id, { row, element });
      continue;
    }
    const before = new Map(first.row.filled());
    for (const [column, value] of row.filled()) {
      if (!citationSet.has(column) && before.get(column) !== value) {
        row.report(
          column,
          `differs from line ${first.row.line}; a repeated id only adds a citation, so leave its other cells empty or equal`,
        );
      }
    }
    if (citation && !first.element.sources.some((known) => known.source === citation.source && known.excerpt === citation.excerpt)) {
      first.element.sources.push(citation);
    }
  }
  return { elements: [...seen.values()].map(({ element }) => element), sources, problems };
}

function toDocument(read: { sources: CsvSources; problems: ImportProblem[] }, part: Partial<ImportDocument>): Result {
  if (read.problems.length > 0) return { problems: read.problems };
  return { document: { sources: read.sources.list(), entities: [], relationships: [], ...part }, problems: [] };
}

/** STIX bookkeeping columns of both files: markings (ids or TLP names, `|`-separated), timestamps, retirement. */
const bookkeepingColumns = ['markings', 'created', 'modified', 'revoked', 'deprecated'] as const;

/** The columns of each file, without the citation columns; the CSV export writes exactly these. */
export const csvColumns = {
  entities: {
    required: ['id', 'kind', 'name'],
    optional: ['aliases', 'description', 'date', ...propertyColumns, 'external_ids', ...bookkeepingColumns],
  },
  relationships: {
    required: ['id', 'type', 'from', 'to', 'stance'],
    // from_name and to_name are for reading: the export writes them, the import ignores them.
    optional: ['from_name', 'to_name', 'confidence', 'since', 'until', 'description', 'disputed_by', 'count', ...bookkeepingColumns],
  },
} as const;

function bookkeeping(row: CsvRow) {
  const markings = row.list('markings').map((text) => {
    const id = markingIdOf(text);
    if (!id) row.report('markings', `"${text}" is neither a marking-definition id nor a TLP name`);
    return id ?? text;
  });
  return {
    markings,
    created: row.timestamp('created'),
    modified: row.timestamp('modified'),
    revoked: row.flag('revoked'),
    deprecated: row.flag('deprecated'),
  };
}

/** Parses an entities CSV file (header format in docs/import-formats.md); problems are located `file:line`. */
export function parseCsvEntities(content: string, fileName = 'entities.csv'): Result {
  const read = readElements(content, fileName, csvColumns.entities, (row, id): ImportEntity => {
    const kind = row.choice('kind', entityKinds);
    const allowed: readonly string[] | undefined = kindProperties[kind as EntityKindName];
    const properties: Record<string, string> = {};
    for (const column of propertyColumns) {
      const value = dateProperties.has(column) ? row.date(column) : row.text(column);
      if (value === null || !allowed) continue;
      if (allowed.includes(column)) properties[column] = value;
      else row.report(column, `does not apply to kind ${kind} (its columns: ${allowed.join(', ') || 'none'})`);
    }
    return {
      id,
      kind,
      name: row.required('name'),
      aliases: row.list('aliases'),
      description: row.text('description'),
      date: row.date('date'),
      properties,
      sources: [],
      extra: null,
      externalIds: row.list('external_ids'),
      ...bookkeeping(row),
    };
  });
  return toDocument(read, { entities: read.elements });
}

/** Parses a relationships CSV file (header format in docs/import-formats.md); problems are located `file:line`. */
export function parseCsvRelationships(content: string, fileName = 'relationships.csv'): Result {
  const read = readElements(content, fileName, csvColumns.relationships, (row, id): ImportRelationship => {
    const since = row.date('since');
    const until = row.date('until');
    if (since && until && since > until) row.report('until', `(${until}) is before since (${since})`);
    return {
      id,
      type: row.choice('type', relationshipTypes),
      from: row.required('from'),
      to: row.required('to'),
      stance: row.choice('stance', stances),
      // An empty cell: the source states no confidence.
      confidence: row.optionalInteger('confidence', 0, 100),
      since,
      until,
      description: row.text('description'),
      sources: [],
      disputedBy: row.list('disputed_by'),
      extra: null,
      count: row.optionalInteger('count', 0, Number.MAX_SAFE_INTEGER),
      ...bookkeeping(row),
    };
  });
  return toDocument(read, { relationships: read.elements });
}
