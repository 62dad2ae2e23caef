/**
 * npm run duplicates -- [--seconds 600] [--max-entities 100000] [--min-score 0.6] [--out pairs.csv]
 * The whole-graph duplicate scan as a bounded job: pages of entities, one read transaction each, stopped at the
 * time or entity budget (Ctrl+C stops it too, keeping what was found), progress on standard error. Writes the
 * candidate pairs, best first, as CSV (a, b, score, reasons) to --out ("-" for standard output). Nothing is
 * merged: an editor decides each pair in the explorer's Possible duplicates view.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfigOrExit } from '../server/config.js';
import { openDatabaseForCli } from '../server/database-for-cli.js';
import { scanDuplicates } from '../server/domain/duplicates/find-candidates.js';
import { exportTableCsv } from '../server/domain/export/export-csv.js';
import { AppError } from '../server/errors.js';
import { createLogger } from '../server/logger.js';

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('must be a number above 0.');
  return number;
}

function score(value: string): number {
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) throw new InvalidArgumentError('must be a number from 0 to 1.');
  return number;
}

const options = new Command()
  .name('npm run duplicates --')
  .description('Scan the whole graph for possible duplicates, within a time budget, and write the pairs as CSV.')
  .option('--seconds <s>', 'stop after this long, keeping what was found', positive, 600)
  .option('--max-entities <n>', 'stop after checking this many entities', positive)
  .option('--min-score <score>', 'leave out pairs scored below this (0 to 1)', score)
  .option('--out <file>', 'where to write the CSV; "-" for standard output', 'duplicate-candidates.csv')
  .parse()
  .opts<{ seconds: number; maxEntities?: number; minScore?: number; out: string }>();

const config = loadConfigOrExit();
const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
const stop = new AbortController();
const budget = setTimeout(() => stop.abort(), options.seconds * 1000);
process.once('SIGINT', () => stop.abort());

let exitCode = 0;
const database = await openDatabaseForCli(config, logger);
try {
  const started = performance.now();
  const result = await scanDuplicates(database.graph, {
    minScore: options.minScore,
    maxEntities: options.maxEntities,
    signal: stop.signal,
    onProgress: ({ entitiesChecked, pairsFound }) => {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(
        `\r${entitiesChecked} entities checked, ${pairsFound} pairs, ${Math.round(entitiesChecked / seconds)} entities/s   `,
      );
    },
  });
  // Names come from imported data: the CSV writer neutralises any that a spreadsheet would run as a formula.
  const csv = exportTableCsv(
    ['a', 'b', 'score', 'reasons'],
    result.pairs.map((pair) => ({ a: pair.a, b: pair.b, score: pair.score.toFixed(3), reasons: pair.reasons.join('; ') })),
  );
  if (options.out === '-') process.stdout.write(csv);
  else {
    // npm runs scripts in the project folder; INIT_CWD is where the analyst typed the command.
    const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), options.out);
    fs.writeFileSync(target, csv);
    process.stderr.write(`\nWrote ${target}\n`);
  }
  process.stderr.write(
    `${result.complete ? 'Scanned the whole graph' : 'Stopped at the budget'}: ${result.entitiesChecked} entities checked, ${result.pairs.length} candidate pairs.\n`,
  );
} catch (error) {
  exitCode = 1;
  process.stderr.write(`\n${error instanceof AppError ? error.message : ((error as Error).stack ?? String(error))}\n`);
} finally {
  clearTimeout(budget);
  await database.close();
}
process.exit(exitCode);
