import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CypherCatalog, cypherRoot, fragmentFolder, listCypherFiles } from '../../../../server/graph/cypher.js';

const relationshipFilter = '{{> fragments/relationship-filter}}';
const linkFilter = '{{> fragments/link-filter}}';
const files = listCypherFiles().map((file) => ({
  name: path
    .relative(cypherRoot, file)
    .replace(/\\/g, '/')
    .replace(/\.cypher$/, ''),
  text: fs.readFileSync(file, 'utf8'),
}));
const statementFiles = files.filter((file) => !file.name.startsWith(fragmentFolder));
const filterPredicate = files.find((file) => file.name === 'fragments/relationship-filter')!.text;
const linkFilterPredicate = files.find((file) => file.name === 'fragments/link-filter')!.text;
const code = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');

describe('the relationship filter fragments', () => {
  it('are included by every statement that filters links, and spelt out by none', () => {
    const including = (include: string) =>
      statementFiles
        .filter((file) => code(file.text).includes(include))
        .map((file) => file.name)
        .sort();
    expect(including(relationshipFilter)).toEqual([
      'export/find-subgraph',
      'graph/count-neighbour-groups',
      'graph/count-neighbours',
      'graph/find-neighbour-page',
      'graph/find-neighbourhood',
    ]);
    // Paths judge a link's stance by the claim or denial node it enters, so they take the link filter and their own stance rule.
    expect(including(linkFilter)).toEqual(['graph/expand-for-paths', 'graph/find-fewest-hop-paths']);
    // ($includeRetired is the filter's too, but search and the overview take it on their own.)
    for (const file of statementFiles) expect(code(file.text), file.name).not.toMatch(/\$minConfidence|\$asOf|\$types|\$excludedSources/);
    for (const file of statementFiles.filter((file) => !including(linkFilter).includes(file.name))) {
      expect(code(file.text), file.name).not.toMatch(/\$stances/);
    }
    expect(code(linkFilterPredicate)).toMatch(/\$types[\s\S]*\$minConfidence[\s\S]*\$asOf[\s\S]*\$excludedSources[\s\S]*\$includeRetired/);
    expect(code(filterPredicate)).toContain(linkFilter);
    expect(code(filterPredicate)).toMatch(/\$stances/);
  });

  it('are spliced in parentheses, without their comments, into the statement text, a fragment inside a fragment too', () => {
    const text = new CypherCatalog().text('graph/count-neighbours');
    expect(text).not.toContain('{{>');
    // A confidence that is not stated passes only minConfidence 0 (server/domain/confidence.ts).
    expect(text).toContain('((($types IS NULL OR type(r) IN $types)\n  AND coalesce(r.confidence, 0) >= $minConfidence');
    expect(text).toContain('AND ($stances IS NULL OR r.stance IN $stances))');
    expect(text).not.toContain('Included as');
    const paths = new CypherCatalog().text('graph/expand-for-paths');
    expect(paths).toContain('WHERE (($types IS NULL OR type(r) IN $types)');
    expect(paths).toContain('AND (r.confidence IS NULL OR r.confidence > 0)');
    expect(code(paths).match(/\$stances/g)).toHaveLength(1);
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

  it('refuse a fragment that includes itself', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-cypher-'));
    fs.mkdirSync(path.join(root, 'graph'));
    fs.mkdirSync(path.join(root, 'fragments'));
    fs.writeFileSync(path.join(root, 'fragments', 'loop.cypher'), '// A loop.\nr.x > 0 AND {{> fragments/loop}}');
    fs.writeFileSync(path.join(root, 'graph', 'find-things.cypher'), '// Params: none.\nMATCH (r) WHERE {{> fragments/loop}} RETURN r');
    expect(() => new CypherCatalog(root!)).toThrow(/includes itself/);
  });
});
