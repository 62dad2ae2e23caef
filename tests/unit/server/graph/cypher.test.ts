import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CypherCatalog, cypherRoot, fragmentFolder, listCypherFiles } from '../../../../server/graph/cypher.js';

const include = '{{> fragments/relationship-filter}}';
const files = listCypherFiles().map((file) => ({
  name: path
    .relative(cypherRoot, file)
    .replace(/\\/g, '/')
    .replace(/\.cypher$/, ''),
  text: fs.readFileSync(file, 'utf8'),
}));
const statementFiles = files.filter((file) => !file.name.startsWith(fragmentFolder));
const filterPredicate = files.find((file) => file.name === 'fragments/relationship-filter')!.text;
const code = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');

describe('the relationship filter fragment', () => {
  it('is included by every statement that filters links, and spelt out by none', () => {
    const including = statementFiles.filter((file) => code(file.text).includes(include)).map((file) => file.name);
    expect(including.sort()).toEqual([
      'export/find-subgraph',
      'graph/count-neighbour-groups',
      'graph/count-neighbours',
      'graph/expand-for-paths',
      'graph/find-fewest-hop-paths',
      'graph/find-neighbour-page',
      'graph/find-neighbourhood',
    ]);
    for (const file of statementFiles) expect(code(file.text), file.name).not.toMatch(/\$minConfidence|\$stances|\$asOf|\$types/);
    expect(code(filterPredicate)).toMatch(/\$types[\s\S]*\$minConfidence[\s\S]*\$stances[\s\S]*\$asOf/);
  });

  it('is spliced in parentheses, without its comments, into the statement text', () => {
    const text = new CypherCatalog().text('graph/expand-for-paths');
    expect(text).not.toContain('{{>');
    expect(text).toContain('WHERE (($types IS NULL OR type(r) IN $types)\n  AND r.confidence >= $minConfidence');
    expect(text).toContain(') AND r.confidence > 0');
    expect(text.match(/\$stances IS NULL/g)).toHaveLength(1);
    expect(text).not.toContain('included as');
  });

  it('is not a statement of its own', () => {
    expect(new CypherCatalog().names().some((name) => name.startsWith(fragmentFolder))).toBe(false);
  });
});

describe('fragments', () => {
  let root: string | null = null;
  afterEach(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
    root = null;
  });

  it('refuse an include that names no fragment', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-cypher-'));
    fs.mkdirSync(path.join(root, 'graph'));
    fs.writeFileSync(path.join(root, 'graph', 'find-things.cypher'), '// Params: none.\nMATCH (r) WHERE {{> fragments/missing}} RETURN r');
    expect(() => new CypherCatalog(root!)).toThrow(/No Cypher fragment named fragments\/missing/);
  });
});
