import type { ImportFormatName } from './run-import.js';

const aliases: Record<string, ImportFormatName | 'CSV'> = {
  stix: 'STIX',
  json: 'JSON',
  csv: 'CSV',
  'csv-entities': 'CSV_ENTITIES',
  'csv-relationships': 'CSV_RELATIONSHIPS',
};

/**
 * The format of a file: as named (`stix`, `json`, `csv`, `csv-entities`, `csv-relationships`), else guessed
 * from its content. A CSV with `from` and `to` columns holds relationships, otherwise entities.
 */
export function detectImportFormat(fileName: string, content: string, named?: string): ImportFormatName {
  const chosen = named ? aliases[named.toLowerCase()] : undefined;
  if (named && !chosen) throw new Error(`--format takes ${Object.keys(aliases).join(', ')}; got "${named}".`);
  if (chosen && chosen !== 'CSV') return chosen;
  const looksCsv = chosen === 'CSV' || /\.csv$/i.test(fileName);
  if (looksCsv) {
    const header = content
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0]
      .toLowerCase()
      .split(',')
      .map((cell) => cell.trim().replace(/^"|"$/g, ''));
    return header.includes('from') && header.includes('to') ? 'CSV_RELATIONSHIPS' : 'CSV_ENTITIES';
  }
  // STIX bundles say so at the top level; everything else JSON is the project's own format.
  return /"type"\s*:\s*"bundle"/.test(content.slice(0, 2_000)) ? 'STIX' : 'JSON';
}
