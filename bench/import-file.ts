/**
 * A generated graph as a file `npm run import` reads: the project's JSON format (docs/import-formats.md),
 * written one element per line as a stream, so the medium and large scales never sit in memory as one string.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { projectEntityJson } from '../server/domain/export/export-json.js';
import type { ImportDocument, ImportEntity, ImportRelationship } from '../server/domain/import/document.js';

function entityJson(entity: ImportEntity): unknown {
  return projectEntityJson(entity, entity.sources, entity.extra);
}

function relationshipJson(relationship: ImportRelationship): unknown {
  const { extra, ...rest } = relationship;
  return { ...rest, ...(extra ? { extra } : {}) };
}

/** Writes the document to `out` as project JSON, honouring back-pressure; resolves once everything is handed over. */
export async function writeImportFile(document: ImportDocument, out: Writable): Promise<void> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const section = async <T>(name: string, items: readonly T[], toJson: (item: T) => unknown, last = false) => {
    await write(`  "${name}": [\n`);
    for (let i = 0; i < items.length; i += 1) await write(`    ${JSON.stringify(toJson(items[i]))}${i + 1 < items.length ? ',' : ''}\n`);
    await write(`  ]${last ? '' : ','}\n`);
  };
  await write('{\n  "format": "attribution-explorer",\n  "version": 1,\n');
  await section('sources', document.sources, (source) => source);
  await section('entities', document.entities, entityJson);
  await section('relationships', document.relationships, relationshipJson, true);
  await write('}\n');
}
