import { describe, expect, it } from 'vitest';
import { changesHeadline } from '../../../../../client/src/ui/changes-view';

describe('the headline of what changed', () => {
  it('counts each kind of change in words, in a fixed order', () => {
    const changes = [
      { kind: 'APPEARED' as const },
      { kind: 'SOURCE_PUBLISHED' as const },
      { kind: 'APPEARED' as const },
      { kind: 'RANKING_CHANGED' as const },
      { kind: 'CONFIDENCE_CHANGED' as const },
    ];
    expect(changesHeadline('2022-08-01', '2022-09-30', changes)).toBe(
      'Between 2022-08-01 and 2022-09-30: 2 links became known, 1 source published, 1 link re-graded, 1 ranking of hypotheses changed.',
    );
  });

  it('says when nothing changed', () => {
    expect(changesHeadline('2022-08-01', '2022-08-02', [])).toBe(
      'Between 2022-08-01 and 2022-08-02: nothing about the entities on the canvas became known.',
    );
  });

  it("does not count a chosen path's band as a change of its own (it has its own line)", () => {
    expect(changesHeadline('2022-08-01', '2022-08-02', [{ kind: 'PATH_BAND' as const }])).toBe(
      'Between 2022-08-01 and 2022-08-02: nothing about the entities on the canvas became known.',
    );
    expect(changesHeadline('2022-08-01', '2022-09-30', [{ kind: 'PATH_BAND' as const }, { kind: 'APPEARED' as const }])).toBe(
      'Between 2022-08-01 and 2022-09-30: 1 link became known.',
    );
  });
});
