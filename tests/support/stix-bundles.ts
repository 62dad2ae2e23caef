import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { ImportDocument } from '../../server/domain/import/document.js';
import { parseStixBundle } from '../../server/domain/import/parse-stix.js';
import type { Graph } from '../../server/graph/run.js';

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A fixture bundle (tests/fixtures/stix/<name>) with fresh UUIDs: a realistic bundle (no x_ae_ ids) that no other
 * run has imported, and the document it parses to, which names everything an import of it may write.
 */
export function freshBundle(name: string): { content: string; document: ImportDocument; renamed: (id: string) => string } {
  const template = fs.readFileSync(new URL(`../fixtures/stix/${name}`, import.meta.url), 'utf8');
  const fresh = new Map<string, string>();
  const renamed = (text: string) => text.replace(uuidPattern, (uuid) => fresh.get(uuid) ?? fresh.set(uuid, randomUUID()).get(uuid)!);
  const content = renamed(template);
  return { content, document: parseStixBundle(content).document!, renamed };
}

/** Deletes the entities (with their links), sources and audit events that importing these documents wrote. */
export async function removeImported(graph: Graph, documents: ImportDocument[]): Promise<void> {
  const ids = new Set(documents.flatMap((document) => [...document.entities, ...document.sources].map((item) => item.id)));
  for (const prefix of ids) await graph.write('admin/delete-by-id-prefix', { prefix });
}
