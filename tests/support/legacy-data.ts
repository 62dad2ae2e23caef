import type { ImportDocument } from '../../server/domain/import/document.js';
import { planWrites } from '../../server/domain/import/write-document.js';
import type { Graph } from '../../server/graph/run.js';

/**
 * Writes a document through the import pipeline's writer without its validation, the way data written before
 * the text and URL policies existed (or by another tool straight into Neo4j) may sit in the graph: the
 * exporters and the client must stay safe with it.
 */
export async function writeUnchecked(graph: Graph, document: ImportDocument): Promise<void> {
  await graph.writeTransaction(async (tx) => (await planWrites(tx, document)).write(tx));
}
