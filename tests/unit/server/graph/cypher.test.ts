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

/** Slots of the path expansion that keep every test of the filter. */
const everyPathTest = {
  throughTypes: ['ATTRIBUTED_TO'],
  endTypes: ['TARGETED'],
  types: true,
  asOf: true,
  excludedSources: true,
  knownAsOf: true,
};

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
      'graph/count-neighbour-totals',
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
    expect(text).toContain('((($types IS NULL OR type(r) IN $types) AND\n  coalesce(r.confidence, 0) >= $minConfidence');
    // A statement that does not know of the filter's sections keeps them all, markers gone.
    expect(text).toContain('$asOf IS NULL');
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).toContain('AND ($stances IS NULL OR r.stance IN $stances))');
    expect(text).not.toContain('Included as');
    const paths = new CypherCatalog().text('graph/expand-for-paths', everyPathTest);
    expect(paths).toContain('WHERE (($types IS NULL OR type(r) IN $types) AND');
    expect(paths).toContain('AND (r.confidence IS NULL OR r.confidence > 0)');
    expect(code(paths).match(/\$stances/g)).toHaveLength(1);
  });

  it('leave out, for the path search, the tests its patterns make and those whose parameter is null, and only those', () => {
    const catalog = new CypherCatalog();
    const all = everyPathTest;
    const full = catalog.text('graph/expand-for-paths', all);
    const lean = catalog.text('graph/expand-for-paths', { ...all, types: false, asOf: false, excludedSources: false, knownAsOf: false });
    for (const parameter of ['$types', '$asOf', '$excludedSources', '$knownAsOf']) {
      expect(code(full)).toContain(parameter);
      expect(code(lean)).not.toContain(parameter);
    }
    for (const kept of ['coalesce(r.confidence, 0) >= $minConfidence', '$includeRetired OR', 'NOT m:Report', '$stances'])
      expect(lean).toContain(kept);
    expect(lean).toContain('MATCH (n)-[r:ATTRIBUTED_TO]-(m:Entity)');
    expect(lean).toContain('MATCH (n)-[r:TARGETED]-(m)');
    expect(lean).not.toMatch(/\{\{|\}\}/);
    // The fewest-hop fallback does not know of the sections: it keeps every test.
    const fallback = catalog.text('graph/find-fewest-hop-paths', { maxHops: 4 });
    for (const parameter of ['$types', '$asOf', '$excludedSources', '$knownAsOf']) expect(code(fallback)).toContain(parameter);
  });
});

describe('slots', () => {
  let root: string | null = null;
  afterEach(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
    root = null;
  });
  const catalogOf = (text: string) => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-cypher-'));
    // An area of its own, so the catalog test's scan of names in code does not take these for real statements.
    fs.mkdirSync(path.join(root, 'lab'));
    fs.writeFileSync(path.join(root, 'lab', 'find-things.cypher'), text);
    return new CypherCatalog(root);
  };

  it('splice whitelisted relationship types as a type expression, and an empty list as the types no link has', () => {
    const catalog = catalogOf('// Params: none.\nMATCH (a)-[r:{{types followed}}]-(b) RETURN r');
    expect(catalog.text('lab/find-things', { followed: ['ATTRIBUTED_TO', 'USES'] })).toBe(
      '// Params: none.\nMATCH (a)-[r:ATTRIBUTED_TO|USES]-(b) RETURN r',
    );
    expect(catalog.text('lab/find-things', { followed: [] })).toBe('// Params: none.\nMATCH (a)-[r:!%]-(b) RETURN r');
    expect(catalog.slotsOf('lab/find-things')).toEqual([{ name: 'followed', kind: 'types' }]);
  });

  it('refuse a type outside the vocabulary, and anything but a list where types go', () => {
    const catalog = catalogOf('// Params: none.\nMATCH (a)-[r:{{types followed}}]-(b) RETURN r');
    expect(() => catalog.text('lab/find-things', { followed: ['USES]-() DETACH DELETE (a) //'] })).toThrow(/not a relationship type/);
    expect(() => catalog.text('lab/find-things', { followed: ['uses'] })).toThrow(/not a relationship type/);
    expect(() => catalog.text('lab/find-things', { followed: 3 })).toThrow(/needs a list of relationship types/);
    expect(() => catalog.text('lab/find-things', {})).toThrow(/needs a list of relationship types/);
  });

  it('keep a section unless told false, and refuse a flag that is not a boolean', () => {
    const catalog = catalogOf('// Params: none.\nMATCH (r) WHERE r.x > 0 {{#since}}AND r.since > $since{{/since}} RETURN r');
    expect(catalog.text('lab/find-things')).toContain('AND r.since > $since');
    expect(catalog.text('lab/find-things', { since: true })).toContain('AND r.since > $since');
    expect(catalog.text('lab/find-things', { since: false })).toBe('// Params: none.\nMATCH (r) WHERE r.x > 0  RETURN r');
    expect(() => catalog.text('lab/find-things', { since: 1 })).toThrow(/needs true or false/);
    expect(catalog.slotsOf('lab/find-things')).toEqual([{ name: 'since', kind: 'section' }]);
  });

  it('take only whole numbers in range where a number goes', () => {
    const catalog = catalogOf('// Params: none.\nMATCH p = (a)-[*1..{{maxHops}}]-(b) RETURN p');
    expect(catalog.text('lab/find-things', { maxHops: 4 })).toContain('[*1..4]');
    for (const bad of [4.5, -1, 17, '4'] as never[])
      expect(() => catalog.text('lab/find-things', { maxHops: bad })).toThrow(/whole number/);
    expect(() => catalog.text('lab/find-things', { maxHops: ['USES'] })).toThrow(/whole number/);
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
