import type { Graph } from '../../graph/run.js';
import { ImportValidationError, type ImportDocument, type ImportProblem, type ImportReport } from './document.js';
import { parseProjectJson } from './parse-json.js';
import { externalReferences, validateDocument } from './validate-document.js';
import { planWrites } from './write-document.js';

export const importFormats = ['JSON'] as const;
export type ImportFormatName = (typeof importFormats)[number];

export interface ImportOptions {
  dryRun?: boolean;
  /** Called as batches are written, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

/** Turns file content of any supported format into a normalized document, or every problem found. */
export function parseImport(format: ImportFormatName, content: string): { document?: ImportDocument; problems: ImportProblem[] } {
  switch (format) {
    case 'JSON':
      return parseProjectJson(content);
  }
}

/**
 * The one import pipeline (API, CLI, founding case): parse, validate completely against the file and the
 * graph, then write every change in a single write transaction, so an import lands whole or not at all.
 */
export async function importDocument(graph: Graph, document: ImportDocument, options: ImportOptions = {}): Promise<ImportReport> {
  const references = externalReferences(document);
  const [found] = await graph.read('import/find-existing-ids', references);
  const problems = validateDocument(document, {
    entityIds: new Set(found.entityIds as string[]),
    sourceIds: new Set(found.sourceIds as string[]),
  });
  if (problems.length > 0) throw new ImportValidationError(problems);

  const plan = await planWrites(graph, document);
  const report: ImportReport = { dryRun: Boolean(options.dryRun), warnings: document.warnings ?? [], ...plan.counts };
  if (!options.dryRun) {
    // Large imports get a long timeout of their own: validation has already passed, so this is pure writing.
    await graph.writeTransaction((tx) => plan.write(tx, options.onProgress), 30 * 60_000);
  }
  return report;
}

/** Parses and imports content of the given format; throws ImportValidationError listing every problem. */
export async function importContent(graph: Graph, format: ImportFormatName, content: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { document, problems } = parseImport(format, content);
  if (!document) throw new ImportValidationError(problems);
  return importDocument(graph, document, options);
}
