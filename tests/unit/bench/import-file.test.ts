import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateGraph } from '../../../bench/generate-graph.js';
import { writeImportFile } from '../../../bench/import-file.js';
import { parseImport } from '../../../server/domain/import/run-import.js';
import { validateDocument } from '../../../server/domain/import/validate-document.js';

async function written(size: { entities: number; relationships: number }, seed: number): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeImportFile(generateGraph(size, seed).document, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('the generated graph as an import file (npm run generate)', () => {
  it('parses and validates as project JSON, with every element citing a source marked synthetic', async () => {
    const size = { entities: 600, relationships: 3_000 };
    const content = await written(size, 7);
    const { document, problems } = parseImport('JSON', content);
    expect(problems).toEqual([]);
    expect(document!.entities).toHaveLength(size.entities);
    expect(document!.relationships).toHaveLength(size.relationships);
    expect(validateDocument(document!, { entityIds: new Set(), sourceIds: new Set() })).toEqual([]);
    for (const element of [...document!.entities, ...document!.relationships]) expect(element.sources.length).toBeGreaterThan(0);
    for (const source of document!.sources) {
      expect(source.title).toMatch(/^Synthetic benchmark source: /);
      if (source.url) expect(source.url).toMatch(/^https:\/\/example\.org\/synthetic\//);
    }
  });

  it('is the same file for the same seed', async () => {
    const size = { entities: 300, relationships: 1_000 };
    expect(await written(size, 3)).toBe(await written(size, 3));
  });
});
