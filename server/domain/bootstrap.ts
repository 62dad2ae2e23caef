import fs from 'node:fs';
import path from 'node:path';
import { cypherRoot, type CypherCatalog } from '../graph/cypher.js';
import type { Graph } from '../graph/run.js';
import type { Logger } from '../logger.js';
import { importContent } from './import/run-import.js';
import { relationshipTypes } from './model.js';

export const foundingCaseFile = path.join(cypherRoot, 'seed', 'founding-case.json');

/** The index or constraint a schema statement creates (`CREATE [TEXT|FULLTEXT] INDEX name IF NOT EXISTS ...`), if any. */
export function createdSchemaName(statement: string): string | null {
  return /^\s*CREATE\s+(?:\w+\s+)?(?:INDEX|CONSTRAINT)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/i.exec(statement)?.[1] ?? null;
}

/**
 * Applies the statements of cypher/schema/*.cypher whose index or constraint is missing (each is idempotent, but
 * a schema transaction apiece: a few seconds at every start and every CLI run), and every other statement (the
 * last waits for the indexes). A relationship-id index made for an older vocabulary is dropped first, to be made
 * again over every relationship type: otherwise links of a new type could not be found by id, and importing them
 * twice would fail on their uniqueness constraint.
 */
export async function applySchema(graph: Graph, catalog: CypherCatalog): Promise<void> {
  const [index] = await graph.read('admin/find-relationship-id-index', {});
  const [{ names }] = await graph.read('admin/find-index-names', {});
  const present = new Set(names);
  if (index && [...index.types].sort().join('|') !== [...relationshipTypes].sort().join('|')) {
    await graph.write('admin/drop-relationship-id-index', {});
    present.delete('relationship_id');
  }
  for (const name of catalog.names().filter((entry) => entry.startsWith('schema/'))) {
    for (const statement of catalog.statementsOf(name)) {
      const creates = createdSchemaName(statement);
      if (creates === null || !present.has(creates)) await graph.runText(statement, 'WRITE');
    }
  }
}

/** Loads the founding case through the import pipeline when the graph holds no entities yet. */
export async function loadFoundingCaseIfEmpty(graph: Graph, logger: Logger): Promise<boolean> {
  const [{ count }] = await graph.read('admin/count-entities', {});
  if (count > 0) return false;
  const report = await importContent(graph, 'JSON', fs.readFileSync(foundingCaseFile, 'utf8'));
  logger.info({ entities: report.entities.created, relationships: report.relationships.created }, 'founding case loaded');
  return true;
}
