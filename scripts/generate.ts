import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { generateGraph, scales, type ScaleName } from '../bench/generate-graph.js';
import { writeImportFile } from '../bench/import-file.js';

// npm run generate -- --scale small|medium|large --out <file> [--seed N]
const program = new Command()
  .name('npm run generate --')
  .description(
    "Write the benchmark's synthetic attribution graph as a file `npm run import` reads (the project's JSON; every element cites a source, all of them marked synthetic).",
  )
  .addOption(
    new Option('--scale <scale>', 'small 10k/50k, medium 100k/500k, large 1M/5M entities/relationships')
      .choices(Object.keys(scales))
      .default('small'),
  )
  .requiredOption('--out <file>', 'where to write the JSON file')
  .option('--seed <n>', 'seed of the generated graph (the benchmark uses 1)', '1')
  .showHelpAfterError();
program.parse();
const options = program.opts<{ scale: ScaleName; out: string; seed: string }>();

async function main(): Promise<void> {
  const seed = Number(options.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${options.seed}"`);
  const started = performance.now();
  const graph = generateGraph(scales[options.scale], seed);
  const out = fs.createWriteStream(options.out);
  await writeImportFile(graph.document, out);
  out.end();
  await finished(out);
  const { stats } = graph;
  process.stderr.write(
    `Wrote ${options.out} (${(fs.statSync(options.out).size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${stats.entities} entities, ${stats.relationships} relationships, ${stats.sources} sources (max degree ${stats.maxDegree}).\n` +
      `Import it with: npm run import -- ${options.out}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`generate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
