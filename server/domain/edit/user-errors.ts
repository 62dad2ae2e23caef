import { BadUserInputError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { ImportValidationError } from '../import/document.js';
import { importDocument, type DocumentSource, type ImportOptions } from '../import/run-import.js';

/** An import's problems as one BAD_USER_INPUT error that lists them all, with their locations. */
export function toUserError(error: ImportValidationError): BadUserInputError {
  const listed = error.problems.map((problem) => `${problem.location}: ${problem.message}`).join('; ');
  return new BadUserInputError(`${error.message} ${listed}`, { problems: error.problems });
}

/**
 * Writes an edit through the one import pipeline, audited per element; validation problems become BAD_USER_INPUT.
 * An edit that adds to what is stored passes a builder, run in the writing transaction (see DocumentSource), and
 * the existing entities it writes to (a link's ends too), locked before it reads, in sorted order (see
 * ImportOptions.lockEntities).
 */
export async function writeEdit(
  graph: Graph,
  document: DocumentSource,
  audit: NonNullable<ImportOptions['audit']>,
  lockEntities: string[] = [],
): Promise<void> {
  try {
    await importDocument(graph, document, { audit, lockEntities: [...new Set(lockEntities)].sort(), retryConflicts: true });
  } catch (error) {
    throw error instanceof ImportValidationError ? toUserError(error) : error;
  }
}
