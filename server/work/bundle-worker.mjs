// Bundles a worker thread's TypeScript module into one ES module file, for worker-bundle.ts, which runs this in a
// child process: esbuild's synchronous API allows no plugins, and each module must keep its own import.meta.url.
// Arguments: the entry's path and the folder to write into; prints the written file's path.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const [entryFile, outDir] = process.argv.slice(2);
const result = await esbuild.build({
  entryPoints: [entryFile],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages stay imports, resolved from the project's node_modules: the file is written inside the project.
  packages: 'external',
  write: false,
  logLevel: 'silent',
  plugins: [
    {
      // config.ts finds the project root from its own URL, the Cypher catalog its files from the root.
      name: 'each-module-keeps-its-url',
      setup(build) {
        build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => ({
          contents: fs.readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js',
        }));
      },
    },
  ],
});
const code = result.outputFiles[0].contents;
const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
const file = path.join(outDir, `${path.basename(entryFile).replace(/\.[cm]?[jt]s$/, '')}-${hash}.mjs`);
if (!fs.existsSync(file)) {
  fs.mkdirSync(outDir, { recursive: true });
  // Written whole under another name first: a server starting at the same time never loads half a file.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, file);
}
process.stdout.write(file);
