import { describe, expect, it } from 'vitest';
import { mergedEntity, planLinks } from '../../../../../server/domain/merge/merge-entities.js';
import type { EntityRecord } from '../../../../../server/domain/types.js';
import type { LinkWithMergeIds } from '../../../../../server/graph/statements.js';
import { citation, entityRecord } from '../../../../support/records.js';

const tlpRed = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
const tlpClear = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';

const entity = (id: string, name: string, extra: Partial<EntityRecord> = {}): EntityRecord =>
  entityRecord({
    id,
    kind: 'GROUP',
    name,
    sources: [
      citation({ id: `src-${id}`, title: 't', publisher: null, url: null, published: null, excerpt: `said of ${name}`, credibility: 2 }),
    ],
    ...extra,
  });

const link = (id: string, type: string, from: string, to: string, extra: Partial<LinkWithMergeIds> = {}): LinkWithMergeIds => ({
  id,
  type: type as LinkWithMergeIds['type'],
  from,
  to,
  stance: 'ASSERTED',
  confidence: 70,
  sourceIds: [`src-${id}`],
  excerpts: [`excerpt ${id}`],
  credibilities: [3],
  ...extra,
});

describe('mergedEntity', () => {
  it('unites markings, catalogue ids, aliases and citations (with their credibility) of every entity merged', () => {
    const keep = entity('a', 'Homeland Justice', { markings: [tlpClear], externalIds: ['G1001'] });
    const other = entity('b', 'Homeland Justice group', { markings: [tlpRed], externalIds: ['G1002'], aliases: ['HJ'] });
    const survivor = mergedEntity(keep, [other]);
    expect(survivor.markings).toEqual([tlpClear, tlpRed]);
    expect(survivor.externalIds).toEqual(['G1001', 'G1002']);
    expect(survivor.aliases).toEqual(['Homeland Justice group', 'HJ']);
    expect(survivor.sources).toEqual([
      { source: 'src-a', excerpt: 'said of Homeland Justice', credibility: 2 },
      { source: 'src-b', excerpt: 'said of Homeland Justice group', credibility: 2 },
    ]);
  });
});

describe('planLinks', () => {
  it('folds a parallel link into the survivor with all its sources and every marking', () => {
    const plan = planLinks(
      'a',
      ['b'],
      [link('rb', 'TARGETED', 'b', 'x', { markingRefs: [tlpRed] })],
      [link('ra', 'TARGETED', 'a', 'x', { markingRefs: [tlpClear] })],
      [],
    );
    expect(plan.deleted.map((deleted) => deleted.id)).toEqual(['rb']);
    expect(plan.evidence).toEqual([
      expect.objectContaining({
        id: 'ra',
        sourceIds: ['src-ra', 'src-rb'],
        credibilities: [3, 3],
        markingRefs: [tlpClear, tlpRed],
        absorbedIds: ['rb'],
      }),
    ]);
  });

  it('consumes a DUPLICATE_OF link between the two, and refuses a link that says they are two', () => {
    const consumed = planLinks('a', ['b'], [link('d', 'DUPLICATE_OF', 'b', 'a')], [], []);
    expect(consumed.deleted.map((deleted) => deleted.id)).toEqual(['d']);
    expect(consumed.repointed).toEqual([]);
    expect(() => planLinks('a', ['b'], [link('p', 'PART_OF', 'b', 'a')], [], [])).toThrow(/a link says they are two/);
  });
});
