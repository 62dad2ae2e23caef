import type { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { isCalendarDate } from '../../../shared/calendar-date.js';
import type { ImportProblem } from './document.js';

/** One data row: cells by column name, with checks that report a problem at `file:line` naming the column. */
export class CsvRow {
  readonly location: string;

  constructor(
    fileName: string,
    readonly line: number,
    private readonly cells: ReadonlyMap<string, string>,
    private readonly problems: ImportProblem[],
  ) {
    this.location = `${fileName}:${line}`;
  }

  report(column: string, message: string): void {
    this.problems.push({ location: this.location, message: `${column}: ${message}` });
  }

  /**
   * The cell's text, or null when the cell is empty or the column absent (empty optional cells mean null). A cell
   * the CSV export neutralised against spreadsheet formulas (an apostrophe before = + - @, tab or carriage return)
   * gets its value back: one leading apostrophe is dropped from a cell matching /^'+[=+\-@\t\r]/.
   */
  text(column: string): string | null {
    const cell = this.cells.get(column) || null;
    return cell !== null && /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
  }

  /** The non-empty cells, for comparing a repeated row with the first one. */
  filled(): [string, string][] {
    return [...this.cells].filter(([, value]) => value !== '');
  }

  required(column: string): string {
    const value = this.text(column);
    if (value === null) this.report(column, 'is required');
    return value ?? '';
  }

  date(column: string): string | null {
    const value = this.text(column);
    if (value !== null && !isCalendarDate(value)) this.report(column, `"${value}" is not a date written YYYY-MM-DD`);
    return value;
  }

  choice<T extends string>(column: string, allowed: readonly T[]): T {
    const value = this.required(column);
    if (value && !(allowed as readonly string[]).includes(value)) this.report(column, `"${value}" is not one of ${allowed.join(', ')}`);
    return value as T;
  }

  integer(column: string, min: number, max: number): number {
    const value = this.required(column);
    const number = Number(value);
    if (value && (!/^-?\d+$/.test(value) || number < min || number > max))
      this.report(column, `"${value}" is not a whole number from ${min} to ${max}`);
    return number;
  }

  /** A whole number, or null when the cell is empty (a confidence the source does not state). */
  optionalInteger(column: string, min: number, max: number): number | null {
    return this.text(column) === null ? null : this.integer(column, min, max);
  }

  /** A STIX timestamp (2024-01-31T12:00:00.000Z), or null when empty. */
  timestamp(column: string): string | null {
    const value = this.text(column);
    if (
      value !== null &&
      !(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)))
    ) {
      this.report(column, `"${value}" is not a timestamp written like 2024-01-31T12:00:00.000Z`);
    }
    return value;
  }

  /** true for "true", false for an empty cell; anything else is a problem. */
  flag(column: string): boolean {
    const value = this.text(column);
    if (value !== null && value !== 'true' && value !== 'false') this.report(column, `"${value}" is not true or false`);
    return value === 'true';
  }

  /** A `|`-separated list cell. */
  list(column: string): string[] {
    return (this.text(column) ?? '')
      .split('|')
      .map((item) => item.trim())
      .filter(Boolean);
  }
}

/** Where a record starts: csv-parse counts the line it ends on, so step back over newlines inside quoted cells. */
function startLine(endLine: number, record: string[]): number {
  return endLine - record.reduce((count, cell) => count + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
}

/**
 * Where text that was not UTF-8 shows: U+FFFD, the replacement character a decoder puts for bytes it could not
 * read (a cp1252 "Durrës" read as UTF-8 becomes "Durr\uFFFDs"). Such a file would be stored corrupted, so it is
 * refused with the first line that shows it: save the file as UTF-8, or give the CLI its encoding.
 */
export function notUtf8Problem(content: string, fileName: string): ImportProblem | null {
  const at = content.indexOf('\uFFFD');
  if (at < 0) return null;
  const line = content.slice(0, at).split(/\r\n|\r|\n/).length;
  return {
    location: `${fileName}:${line}`,
    message:
      'holds text that is not UTF-8 (a character could not be read); save the file as UTF-8, or import it with the CLI and --encoding',
  };
}

/**
 * Reads a CSV file (UTF-8, RFC 4180 quoting, a header row) into rows with their line numbers, reporting
 * syntax errors, unknown, duplicate and missing columns. Blank lines are skipped but still counted.
 */
export function readCsvTable(
  content: string,
  fileName: string,
  columns: { required: readonly string[]; optional: readonly string[] },
): { rows: CsvRow[]; columns: string[]; problems: ImportProblem[] } {
  const notUtf8 = notUtf8Problem(content, fileName);
  if (notUtf8) return { rows: [], columns: [], problems: [notUtf8] };
  const problems: ImportProblem[] = [];
  const records = parse(content, {
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error?: CsvError) => {
      const location = `${fileName}:${error?.lines}`;
      // One syntax problem per line: after a bad quote the parser often reports the same line again.
      if (!error || problems.some((problem) => problem.location === location)) return;
      const message =
        error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? 'has a different number of cells than the header has columns'
          : error.message;
      problems.push({ location, message });
    },
  }) as unknown as { info: { lines: number }; record: string[] }[];
  const [header, ...data] = records;
  if (!header) return { rows: [], columns: [], problems: [...problems, { location: `${fileName}:1`, message: 'has no header row' }] };

  const names = header.record;
  const headerAt = `${fileName}:${startLine(header.info.lines, names)}`;
  const known = new Set([...columns.required, ...columns.optional]);
  names.forEach((name, index) => {
    if (!name) problems.push({ location: headerAt, message: `column ${index + 1} has no name` });
    else if (!known.has(name))
      problems.push({ location: headerAt, message: `unknown column "${name}" (known columns: ${[...known].join(', ')})` });
    else if (names.indexOf(name) !== index) problems.push({ location: headerAt, message: `column "${name}" appears twice` });
  });
  for (const name of columns.required) {
    if (!names.includes(name)) problems.push({ location: headerAt, message: `the required column "${name}" is missing` });
  }
  // With a broken header every row would repeat the same complaint, so rows wait until it is fixed.
  if (problems.some((problem) => problem.location === headerAt)) return { rows: [], columns: names, problems };
  const rows = data.map(({ info, record }) => {
    const cells = new Map(names.map((name, index) => [name, record[index] ?? '']));
    return new CsvRow(fileName, startLine(info.lines, record), cells, problems);
  });
  return { rows, columns: names, problems };
}
