import { describe, expect, it } from 'vitest';
import { parseProjectJson } from '../../../../../server/domain/import/parse-json.js';

const document = (sources: unknown[], citation: Record<string, unknown>) =>
  JSON.stringify({
    format: 'attribution-explorer',
    version: 1,
    sources,
    entities: [{ id: 'iran', kind: 'STATE', name: 'Iran', sources: [citation] }],
  });

describe('parseProjectJson, evidence fields', () => {
  it('keeps reliability, origin and derivedFrom of sources and credibility of citations, and leaves out what is not stated', () => {
    const { document: parsed, problems } = parseProjectJson(
      document(
        [
          { id: 'src-a', title: 'A', reliability: 'B', origin: 'CISA/FBI', derivedFrom: ['src-b'] },
          { id: 'src-b', title: 'B', publisher: 'P', reliability: null, origin: null },
        ],
        { source: 'src-a', excerpt: 'Quoted.', credibility: 3 },
      ),
    );
    expect(problems).toEqual([]);
    expect(parsed!.sources).toEqual([
      {
        id: 'src-a',
        title: 'A',
        publisher: null,
        url: null,
        published: null,
        reliability: 'B',
        origin: 'CISA/FBI',
        derivedFrom: ['src-b'],
      },
      { id: 'src-b', title: 'B', publisher: 'P', url: null, published: null },
    ]);
    expect(parsed!.entities[0].sources).toEqual([{ source: 'src-a', excerpt: 'Quoted.', credibility: 3 }]);
  });

  it('names a bad grade or credibility with its location', () => {
    const { problems } = parseProjectJson(
      document([{ id: 'src-a', title: 'A', reliability: 'G' }], { source: 'src-a', excerpt: null, credibility: 9 }),
    );
    expect(problems.map((problem) => problem.location)).toEqual(
      expect.arrayContaining(['sources[0] (src-a).reliability', 'entities[0] (iran).sources.0.credibility']),
    );
  });
});
