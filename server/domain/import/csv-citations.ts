import { urlProblem } from '../../../shared/url-policy.js';
import { shownValue } from '../text-policy.js';
import type { ImportCitation, ImportProblem, ImportSource } from './document.js';
import { reliabilityGrades } from '../model.js';
import { derivedSourceId } from './derived-source-id.js';
import type { CsvRow } from './csv-table.js';

/** The columns with which a row cites its source, in both CSV files. */
export const citationColumns = [
  'source_id',
  'source_title',
  'source_publisher',
  'source_url',
  'source_published',
  'source_published_inferred',
  'source_published_note',
  'source_reliability',
  'source_origin',
  'source_derived_from',
  'excerpt',
  'credibility',
] as const;

const definingColumns = [
  'source_publisher',
  'source_url',
  'source_published',
  'source_published_inferred',
  'source_published_note',
  'source_reliability',
  'source_origin',
  'source_derived_from',
] as const;

/** A header needs a way to name a source: the rule that every fact has one is checked row by row. */
export function checkCitationHeader(columns: string[], fileName: string): ImportProblem[] {
  if (columns.length === 0 || columns.includes('source_id') || columns.includes('source_title')) return [];
  return [{ location: `${fileName}:1`, message: 'needs a source_id or a source_title column: every row cites a source' }];
}

/**
 * Collects the sources rows define and turns each row's citation columns into a citation. A row either
 * cites a source by `source_id` alone (one in the graph, or defined on another row) or defines one with
 * `source_title` (id from `source_id`, else derived from the url or title).
 */
export class CsvSources {
  private readonly defined = new Map<string, { source: ImportSource; line: number }>();

  cite(row: CsvRow): ImportCitation | null {
    const id = row.text('source_id');
    const title = row.text('source_title');
    const credibilityCell = row.text('credibility');
    const credibility = credibilityCell === null ? null : row.integer('credibility', 1, 6);
    const cited = (source: string): ImportCitation => ({ source, excerpt: row.text('excerpt'), ...(credibility ? { credibility } : {}) });
    if (!id && !title) {
      row.report('source_id', 'is required when source_title is empty: every row cites a source');
      return null;
    }
    if (!title) {
      for (const column of definingColumns)
        if (row.text(column)) row.report(column, 'is given without source_title, which defining a source needs');
      return cited(id!);
    }
    const url = row.text('source_url');
    const badUrl = url === null ? null : urlProblem(url);
    if (badUrl) row.report('source_url', `"${shownValue(url!)}" ${badUrl}`);
    const reliability = row.text('source_reliability') === null ? null : row.choice('source_reliability', reliabilityGrades);
    const origin = row.text('source_origin');
    const derivedFrom = row.list('source_derived_from');
    const publishedInferred = row.flag('source_published_inferred');
    const publishedNote = row.text('source_published_note');
    const source: ImportSource = {
      id: id ?? derivedSourceId(url ?? title),
      title,
      publisher: row.text('source_publisher'),
      url,
      published: row.date('source_published'),
      ...(publishedInferred ? { publishedInferred } : {}),
      ...(publishedNote ? { publishedNote } : {}),
      ...(reliability ? { reliability } : {}),
      ...(origin ? { origin } : {}),
      ...(derivedFrom.length > 0 ? { derivedFrom } : {}),
    };
    const earlier = this.defined.get(source.id);
    if (!earlier) this.defined.set(source.id, { source, line: row.line });
    else if (JSON.stringify(earlier.source) !== JSON.stringify(source)) {
      row.report('source_id', `source "${source.id}" is defined differently on line ${earlier.line}`);
    }
    return cited(source.id);
  }

  list(): ImportSource[] {
    return [...this.defined.values()].map(({ source }) => source);
  }
}
