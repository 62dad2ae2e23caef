import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument, indexDocuments } from '../../../../client/src/api/documents.js';
import { asksOnly, fieldSelectionOf, selectedPaths, summaryFields } from '../../../../server/resolvers/selection.js';

const folder = path.join(__dirname, '../../../../client/src/api/operations');
const documents = indexDocuments(
  fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => fs.readFileSync(path.join(folder, file), 'utf8')),
);

describe('summary projection choice', () => {
  it("answers the client's own neighbourhood operation from the summary projection", () => {
    expect(asksOnly(fieldSelectionOf(buildDocument(documents, 'Neighbourhood'), 'neighbourhood'), summaryFields.subgraph)).toBe(true);
  });

  it("asks, in the client's search, only for what tells same-named entities apart beyond the summary", () => {
    // Issue 15: a search answer shows how many sources cite an entity and its description. That takes the full
    // projection for the dozen answers a search returns; nothing heavier (excerpts, kind fields) may creep in.
    const asked = selectedPaths(fieldSelectionOf(buildDocument(documents, 'SearchEntities'), 'search'));
    expect([...asked].filter((path) => !summaryFields.entity.has(path)).sort()).toEqual(['description', 'sources', 'sources.id']);
  });

  it('fetches everything when a query asks for more: descriptions, sources, disputes or kind-specific fields', () => {
    const asks = (selection: string) =>
      asksOnly(fieldSelectionOf(`{ neighbourhood(ids: ["a"]) { ${selection} } }`, 'neighbourhood'), summaryFields.subgraph);
    expect(asks('entities { id name } relationships { id from { id } to { id } } truncated')).toBe(true);
    expect(asks('entities { id description }')).toBe(false);
    expect(asks('relationships { id sources { title } }')).toBe(false);
    expect(asks('relationships { id disputedBy { id } }')).toBe(false);
    expect(asks('relationships { id from { id description } }')).toBe(false);
    expect(asks('entities { id ... on Incident { attributionHypotheses { id } } }')).toBe(false);
    const viaFragment = '{ neighbourhood(ids: ["a"]) { ...F } } fragment F on Subgraph { entities { id sources { url } } }';
    expect(asksOnly(fieldSelectionOf(viaFragment, 'neighbourhood'), summaryFields.subgraph)).toBe(false);
    const search = (selection: string) =>
      asksOnly(fieldSelectionOf(`{ search(text: "x") { ${selection} } }`, 'search'), summaryFields.entity);
    expect(search('id kind name aliases date __typename')).toBe(true);
    expect(search('id ... on Claim { author { id } }')).toBe(false);
    expect(search('id extra')).toBe(false);
  });

  it('follows fragments, including nested and repeated ones', () => {
    const paths = selectedPaths(
      fieldSelectionOf(
        '{ neighbourhood(ids: ["a"]) { ...S ...S } } fragment S on Subgraph { entities { ...E } } fragment E on Entity { id name }',
        'neighbourhood',
      ),
    );
    expect([...paths].sort()).toEqual(['entities', 'entities.id', 'entities.name']);
  });
});
