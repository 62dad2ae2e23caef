/**
 * npm run export -- --ids homeland-justice,iran --format html [--depth 1] [--tlp-ceiling amber] [--out report.html]
 * npm run export -- --view <id> --format png [--theme dark] [--title "..."] [--no-legend] [--source "..."]
 * Writes the export to --out ("-" for standard output), or to its suggested filename here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { tlpLevelOf, tlpLevels, type TlpLevel } from '../shared/markings.js';
import { loadConfigOrExit } from '../server/config.js';
import { openDatabaseForCli } from '../server/database-for-cli.js';
import { exportFormats, exportSubgraph, parseExportFormat, type ExportFormatName } from '../server/domain/export/index.js';
import { AppError } from '../server/errors.js';
import { createLogger } from '../server/logger.js';

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number.');
  return Number(value);
}

function tlpLevel(value: string): TlpLevel {
  const level = tlpLevelOf(value);
  if (!level) throw new InvalidArgumentError(`must be one of ${tlpLevels.map((name) => name.toLowerCase().replace('_', '+')).join(', ')}.`);
  return level;
}

const program = new Command()
  .name('npm run export --')
  .description('Export entities (and their neighbourhood) from the knowledge graph as a file.')
  .option('--ids <ids>', 'comma-separated entity ids, e.g. homeland-justice,iran')
  .option('--view <id>', 'a saved view (its entities, links, filters and arrangement) instead of --ids')
  .requiredOption('--format <format>', `one of ${exportFormats.map((format) => format.toLowerCase().replace(/_/g, '-')).join(', ')}`)
  .option('--depth <n>', 'neighbours to include: 0 (only the ids) to 3', wholeNumber, 0)
  .option('--min-confidence <n>', 'leave out links below this confidence', wholeNumber)
  .option('--stances <list>', 'keep links with these stances, e.g. asserted,suspected')
  .option('--types <list>', 'follow these relationship types only, e.g. ATTRIBUTED_TO,AFFILIATED_WITH')
  .option('--as-of <date>', 'the graph as it stood on this date (YYYY-MM-DD)')
  .option('--theme <theme>', 'pictures (svg, png): light (default) or dark')
  .option('--title <text>', "pictures: a heading (a view's title by default)")
  .option('--source <text>', 'pictures: a source line at the foot')
  .option('--no-legend', 'pictures: leave the legend out')
  .option('--no-date', 'pictures: leave the date line out')
  .option('--tlp-ceiling <level>', 'withhold what is marked above this TLP level (clear, green, amber, amber+strict, red)', tlpLevel)
  .option('--out <file>', 'where to write; "-" for standard output; default: the suggested filename')
  .parse();

const options = program.opts<{
  ids?: string;
  view?: string;
  theme?: string;
  title?: string;
  source?: string;
  legend: boolean;
  date: boolean;
  format: string;
  depth: number;
  minConfidence?: number;
  stances?: string;
  types?: string;
  asOf?: string;
  tlpCeiling?: TlpLevel;
  out?: string;
}>();
const split = (value?: string) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const config = loadConfigOrExit();
// Logs go to standard error (so `--out -` stays clean); start-up chatter is left out unless asked for.
const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });

function formatOrExit(text: string): ExportFormatName {
  try {
    return parseExportFormat(text);
  } catch (error) {
    return program.error((error as Error).message);
  }
}
const format = formatOrExit(options.format);
if (!options.ids === !options.view) program.error('Give --ids or --view (one of them).');
if (options.theme && options.theme !== 'light' && options.theme !== 'dark') program.error('--theme must be light or dark.');

let exitCode = 0;
const database = await openDatabaseForCli(config, logger);
try {
  const file = await exportSubgraph(database.graph, {
    ids: split(options.ids) ?? [],
    view: options.view ?? null,
    picture: {
      theme: (options.theme as 'light' | 'dark' | undefined) ?? null,
      title: options.title ?? null,
      source: options.source ?? null,
      legend: options.legend,
      date: options.date,
    },
    format,
    depth: options.depth,
    filter: {
      minConfidence: options.minConfidence ?? null,
      stances: (split(options.stances)?.map((stance) => stance.toUpperCase()) as never) ?? null,
      types: split(options.types)?.map((type) => type.toUpperCase()) ?? null,
      asOf: options.asOf ?? null,
    },
    tlpCeiling: options.tlpCeiling ?? null,
  });
  const bytes = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8');
  if (options.out === '-') process.stdout.write(bytes);
  else {
    // npm runs scripts in the project folder; INIT_CWD is where the analyst typed the command.
    const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), options.out ?? file.filename);
    fs.writeFileSync(target, bytes);
    process.stderr.write(`Wrote ${target} (${file.mimeType}, ${bytes.length} bytes)\n`);
  }
} catch (error) {
  exitCode = 1;
  process.stderr.write(`${error instanceof AppError ? error.message : ((error as Error).stack ?? String(error))}\n`);
} finally {
  await database.close();
}
process.exit(exitCode);
