import { BadUserInputError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { ImportValidationError, type ImportDocument } from '../import/document.js';
import { importDocument, type ImportOptions } from '../import/run-import.js';

/** An import's problems as one BAD_USER_INPUT error that lists them all, with their locations. */
export function toUserError(error: ImportValidationError): BadUserInputError {
  const listed = error.problems.map((problem) => `${problem.location}: ${problem.message}`).join('; ');
  return new BadUserInputError(`${error.message} ${listed}`, { problems: error.problems });
}

/** Writes an edit through the one import pipeline, audited per element; validation problems become BAD_USER_INPUT. */
export async function writeEdit(graph: Graph, document: ImportDocument, audit: NonNullable<ImportOptions['audit']>): Promise<void> {
  try {
    await importDocument(graph, document, { audit });
  } catch (error) {
    throw error instanceof ImportValidationError ? toUserError(error) : error;
  }
}
