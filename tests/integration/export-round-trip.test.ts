import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { applySchema } from '../../server/domain/bootstrap.js';
import { exportSubgraph } from '../../server/domain/export/index.js';
import { findNeighbourhood } from '../../server/domain/find-neighbourhood.js';
import { importContent } from '../../server/domain/import/run-import.js';
import { CypherCatalog } from '../../server/graph/cypher.js';
import { createDriver } from '../../server/graph/driver.js';
import { startEmbeddedNeo4j, type RunningNeo4j } from '../../server/graph/embedded-neo4j.js';
import { Graph } from '../../server/graph/run.js';
import { connectTestGraph, testLogger } from '../support/graph.js';

// The founding case lives in the shared test database; the copy goes into a second, empty Neo4j of our own.
const original = connectTestGraph();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-export-copy-'));
let embedded: RunningNeo4j;
let copy: Graph;
let ids: string[];
let originalJson: string;

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: dataDir, NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m' });
  if (config.neo4j.mode !== 'embedded') throw new Error('the round trip needs the embedded Neo4j (unset NEO4J_URI)');
  embedded = await startEmbeddedNeo4j({ ...config.neo4j.embedded, boltPort: 0 }, dataDir, testLogger);
  const catalog = new CypherCatalog();
  copy = new Graph(createDriver(embedded), catalog, testLogger);
  await applySchema(copy, catalog);
  const around = await findNeighbourhood(original, ['homeland-justice'], 2, null, 5_000);
  ids = around.entities.map((entity) => entity.id);
  originalJson = (await exportSubgraph(original, { ids, format: 'JSON', exportedOn: '2024-01-01' })).content;
});
afterAll(async () => {
  await copy?.close();
  await embedded?.stop();
  await original.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function emptyCopy(): Promise<void> {
  await copy.runText('MATCH (n) DETACH DELETE n', 'WRITE');
}

/** What the round trip must keep: entities, links with stances and confidences, sources with their excerpts. */
function comparable(json: string) {
  const document = JSON.parse(json) as Record<string, Record<string, unknown>[]>;
  const without = (object: Record<string, unknown>, key: string) =>
    Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
  return {
    sources: document.sources,
    entities: document.entities.map((entity) => without(entity, 'extra')),
    relationships: document.relationships,
  };
}

describe('export, import into an empty database, export again', () => {
  it('keeps the subgraph through the project JSON format', async () => {
    await emptyCopy();
    const report = await importContent(copy, 'JSON', originalJson);
    expect(report.entities.created).toBe(JSON.parse(originalJson).entities.length);
    const again = (await exportSubgraph(copy, { ids, format: 'JSON', exportedOn: '2024-01-01' })).content;
    expect(again).toBe(originalJson);
  });

  it('keeps the subgraph through a STIX 2.1 bundle', async () => {
    await emptyCopy();
    const stix = (await exportSubgraph(original, { ids, format: 'STIX' })).content;
    const report = await importContent(copy, 'STIX', stix);
    expect(report.relationships.created).toBe(JSON.parse(originalJson).relationships.length);
    const again = (await exportSubgraph(copy, { ids, format: 'JSON', exportedOn: '2024-01-01' })).content;
    expect(comparable(again)).toEqual(comparable(originalJson));
    // The bundle itself comes back the same, ids and timestamps included.
    expect((await exportSubgraph(copy, { ids, format: 'STIX' })).content).toBe(stix);
  });
});
