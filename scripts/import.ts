import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../server/config.js';
import { openDatabaseForCli } from '../server/database-for-cli.js';
import { applySchema } from '../server/domain/bootstrap.js';
import { ImportValidationError, type ImportCounts } from '../server/domain/import/document.js';
import { detectImportFormat } from '../server/domain/import/detect-format.js';
import { importDocument, parseImport } from '../server/domain/import/run-import.js';
import { createLogger } from '../server/logger.js';

// npm run import -- <file> [--format stix|csv|json] [--dry-run] [--matching none|suggest|auto]
const program = new Command()
  .name('npm run import --')
  .description("Import a STIX 2.1 bundle, a CSV file or the project's JSON into the graph: validated whole, written all or nothing.")
  .argument('<file>', 'the file to import')
  .option('-f, --format <format>', 'stix, json, csv, csv-entities or csv-relationships (default: guessed from the file)')
  .option('-n, --dry-run', 'report what would be created, updated and left alone; write nothing')
  .addOption(
    new Option('-m, --matching <mode>', 'new entities that may already exist: none, suggest (list them) or auto (merge from score 0.9)')
      .choices(['none', 'suggest', 'auto'])
      .default('suggest'),
  )
  .showHelpAfterError();
program.parse();
const [file] = program.args;
const options = program.opts<{ format?: string; dryRun?: boolean; matching: 'none' | 'suggest' | 'auto' }>();

const describe = (label: string, counts: ImportCounts) =>
  `${label.padEnd(14)} ${String(counts.created).padStart(7)} ${String(counts.updated).padStart(7)} ${String(counts.unchanged).padStart(9)}`;

function reportProblems(error: ImportValidationError): number {
  process.stderr.write(`${error.message}\n${error.problems.map((problem) => `  ${problem.location}: ${problem.message}`).join('\n')}\n`);
  return 1;
}

async function main(): Promise<number> {
  const config = loadConfig();
  if (!fs.existsSync(file)) {
    process.stderr.write(`No such file: ${file}\n`);
    return 2;
  }
  const content = fs.readFileSync(file, 'utf8');
  const format = detectImportFormat(file, content, options.format);
  // Check the file itself before starting a database for it: a bad file costs no JVM start.
  const parsed = parseImport(format, content);
  if (!parsed.document) return reportProblems(new ImportValidationError(parsed.problems));
  const document = parsed.document;
  const logger = createLogger({ logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const database = await openDatabaseForCli(config, logger);
  const bar = new cliProgress.SingleBar(
    {
      format: 'writing {bar} {percentage}% | {value}/{total} elements | {eta_formatted} left',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 1_000,
    },
    cliProgress.Presets.shades_classic,
  );
  let barStarted = false;
  try {
    await applySchema(database.graph, database.catalog);
    process.stderr.write(`Validating ${path.basename(file)} as ${format}${options.dryRun ? ' (dry run)' : ''}...\n`);
    const report = await importDocument(database.graph, document, {
      dryRun: options.dryRun,
      keepCuration: true,
      matching: options.matching.toUpperCase() as 'NONE' | 'SUGGEST' | 'AUTO',
      audit: { actor: `cli:${os.userInfo().username}`, perElement: false, reason: `npm run import ${path.basename(file)}` },
      onProgress: (done, total) => {
        if (!barStarted) {
          bar.start(total, 0);
          barStarted = true;
        }
        bar.update(done);
      },
    });
    if (barStarted) bar.stop();
    const lines = [
      options.dryRun ? 'Dry run: nothing was written. It would change:' : 'Imported:',
      `${''.padEnd(14)} ${'created'.padStart(7)} ${'updated'.padStart(7)} ${'unchanged'.padStart(9)}`,
      describe('sources', report.sources),
      describe('entities', report.entities),
      describe('relationships', report.relationships),
      ...report.warnings.map((warning) => `warning: ${warning}`),
      ...report.conflicts.map((conflict) => `kept curated value: ${conflict}`),
      ...report.matches.map(
        (match) => `${match.merged ? 'merged' : 'possible duplicate'}: ${match.entityId} ~ ${match.existingId} (${match.score}): ${match.reasons.join('; ')}`,
      ),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    if (barStarted) bar.stop();
    if (error instanceof ImportValidationError) return reportProblems(error);
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `Import failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
