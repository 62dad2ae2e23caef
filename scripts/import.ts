import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../server/config.js';
import { openDatabaseForCli } from '../server/database-for-cli.js';
import { applySchema } from '../server/domain/bootstrap.js';
import { ImportValidationError, type ImportCounts } from '../server/domain/import/document.js';
import { detectImportFormat } from '../server/domain/import/detect-format.js';
import { importDocument, parseImport } from '../server/domain/import/run-import.js';
import { createLogger } from '../server/logger.js';

// npm run import -- <file> [--format stix|csv|json] [--dry-run] [--skip-missing-references] [--encoding windows-1252]
const program = new Command()
  .name('npm run import --')
  .description("Import a STIX 2.1 bundle, a CSV file or the project's JSON into the graph: validated whole, written all or nothing.")
  .argument('<file>', 'the file to import')
  .option('-f, --format <format>', 'stix, json, csv, csv-entities or csv-relationships (default: guessed from the file)')
  .option('-n, --dry-run', 'report what would be created, updated and left alone; write nothing')
  .option(
    '--skip-missing-references',
    'import the rest when an element refers to an entity or source in neither the file nor the graph, and list what was left out (default: import nothing)',
  )
  .option('-e, --encoding <label>', 'the text encoding of the file when it is not UTF-8, e.g. windows-1252 or iso-8859-1')
  .showHelpAfterError();
program.parse();
const [file] = program.args;
const options = program.opts<{ format?: string; dryRun?: boolean; skipMissingReferences?: boolean; encoding?: string }>();

/**
 * The file's text: UTF-8 unless --encoding names another. Bytes that are not valid in it are refused with the line
 * they are on, rather than read as replacement characters and stored corrupted.
 */
function readText(bytes: Buffer): string {
  const label = options.encoding ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new ImportValidationError([{ location: file, message: `--encoding "${label}" is not an encoding this runtime knows` }]);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    // Find the first line that does not decode, to name it.
    const lines = bytes.toString('latin1').split('\n');
    let offset = 0;
    for (const [index, line] of lines.entries()) {
      const lineBytes = bytes.subarray(offset, offset + line.length);
      offset += line.length + 1;
      try {
        new TextDecoder(label, { fatal: true }).decode(lineBytes);
      } catch {
        throw new ImportValidationError([
          {
            location: `${path.basename(file)}:${index + 1}`,
            message: `is not valid ${label} text; save the file as UTF-8, or give its encoding with --encoding (e.g. windows-1252)`,
          },
        ]);
      }
    }
    throw new ImportValidationError([{ location: path.basename(file), message: `is not valid ${label} text` }]);
  }
}

const describe = (label: string, counts: ImportCounts) =>
  `${label.padEnd(14)} ${String(counts.created).padStart(7)} ${String(counts.updated).padStart(7)} ${String(counts.unchanged).padStart(9)} ${String(counts.keptNewer).padStart(10)}`;

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
  let content: string;
  try {
    content = readText(fs.readFileSync(file));
  } catch (error) {
    if (error instanceof ImportValidationError) return reportProblems(error);
    throw error;
  }
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
      onMissingReference: options.skipMissingReferences ? 'SKIP' : 'FAIL',
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
      `${''.padEnd(14)} ${'created'.padStart(7)} ${'updated'.padStart(7)} ${'unchanged'.padStart(9)} ${'kept newer'.padStart(10)}`,
      describe('sources', report.sources),
      describe('entities', report.entities),
      describe('relationships', report.relationships),
      ...report.warnings.map((warning) => `warning: ${warning}`),
      ...(report.skipped.length > 0 ? [`left out ${report.skipped.length} element(s) or reference(s) (--skip-missing-references):`] : []),
      ...report.skipped.map((line) => `  skipped: ${line}`),
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
