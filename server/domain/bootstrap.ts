import fs from 'node:fs';
import path from 'node:path';
import { cypherRoot, type CypherCatalog } from '../graph/cypher.js';
import type { Graph } from '../graph/run.js';
import type { Logger } from '../logger.js';
import { importContent } from './import/run-import.js';

export const foundingCaseFile = path.join(cypherRoot, 'seed', 'founding-case.json');

/** Applies every statement of cypher/schema/*.cypher (the last waits for the indexes); each is idempotent, so this runs at every start. */
export async function applySchema(graph: Graph, catalog: CypherCatalog): Promise<void> {
  for (const name of catalog.names().filter((entry) => entry.startsWith('schema/'))) {
    for (const statement of catalog.statementsOf(name)) await graph.runText(statement, 'WRITE');
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
