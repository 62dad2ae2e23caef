import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../../../../client/src/graph/filters';
import { parseUrlState, serializeUrlState } from '../../../../../client/src/state/url-state';

describe('URL state', () => {
  it('reads focus, path ends, layout and filters', () => {
    const state = parseUrlState(
      '?from=homeland-justice&to=sanc-us-mois-2022&layout=dagre&hideStances=SUSPECTED,DENIED&hideKinds=CLAIM&minConfidence=40&asOf=2022-09-10',
    );
    expect(state).toMatchObject({ from: 'homeland-justice', to: 'sanc-us-mois-2022', focus: null, layout: 'dagre' });
    expect(state.filters).toMatchObject({
      hiddenStances: ['SUSPECTED', 'DENIED'],
      hiddenKinds: ['CLAIM'],
      minConfidence: 40,
      asOf: '2022-09-10',
    });
  });

  it('drops values it cannot trust instead of failing', () => {
    const state = parseUrlState('?layout=spiral&hideStances=MAYBE,CLAIMED&minConfidence=abc&start=yesterday');
    expect(state.layout).toBeNull();
    expect(state.filters.hiddenStances).toEqual(['CLAIMED']);
    expect(state.filters.minConfidence).toBe(0);
    expect(state.filters.start).toBeNull();
    expect(parseUrlState('?minConfidence=250').filters.minConfidence).toBe(100);
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    expect(serializeUrlState({ focus: null, from: null, to: null, layout: null, filters: emptyFilters() })).toBe('');
    const state = {
      focus: 'iran',
      from: null,
      to: null,
      layout: 'concentric' as const,
      filters: { ...emptyFilters(), hiddenTypes: ['USES', 'HOSTS'], start: '2022-07-01', end: '2022-12-31', hideOrphans: true },
    };
    const query = serializeUrlState(state);
    expect(query.startsWith('?focus=iran')).toBe(true);
    expect(parseUrlState(query)).toEqual(state);
  });
});
