import { describe, expect, it } from 'vitest';
import { edgePasses, emptyFilters, isFiltering, nodePasses, toRelationshipFilter } from '../../../../../client/src/graph/filters';

const edge = { type: 'ATTRIBUTED_TO', stance: 'SUSPECTED', confidence: 70, since: '2022-09-07', until: null };

describe('filters', () => {
  it('lets everything through by default', () => {
    expect(isFiltering(emptyFilters())).toBe(false);
    expect(nodePasses({ kind: 'STATE', date: null }, emptyFilters())).toBe(true);
    expect(edgePasses(edge, emptyFilters())).toBe(true);
  });

  it('hides kinds, types and stances, and weak links', () => {
    expect(nodePasses({ kind: 'CLAIM', date: null }, { ...emptyFilters(), hiddenKinds: ['CLAIM'] })).toBe(false);
    expect(edgePasses(edge, { ...emptyFilters(), hiddenStances: ['SUSPECTED'] })).toBe(false);
    expect(edgePasses(edge, { ...emptyFilters(), hiddenTypes: ['ATTRIBUTED_TO'] })).toBe(false);
    expect(edgePasses(edge, { ...emptyFilters(), minConfidence: 71 })).toBe(false);
    expect(edgePasses(edge, { ...emptyFilters(), minConfidence: 70 })).toBe(true);
    // A confidence the source does not state promises no minimum: it passes only 0.
    expect(edgePasses({ ...edge, confidence: null }, emptyFilters())).toBe(true);
    expect(edgePasses({ ...edge, confidence: null }, { ...emptyFilters(), minConfidence: 1 })).toBe(false);
  });

  it('keeps dated entities in the range and undated ones always', () => {
    const f = { ...emptyFilters(), start: '2022-07-01', end: '2022-07-31' };
    expect(nodePasses({ kind: 'INCIDENT', date: '2022-07-15' }, f)).toBe(true);
    expect(nodePasses({ kind: 'INCIDENT', date: '2023-12-25' }, f)).toBe(false);
    expect(nodePasses({ kind: 'STATE', date: null }, f)).toBe(true);
  });

  it('keeps links whose validity overlaps the range', () => {
    const f = { ...emptyFilters(), start: '2022-08-01', end: '2022-08-31' };
    expect(edgePasses({ ...edge, since: '2022-09-07' }, f)).toBe(false);
    expect(edgePasses({ ...edge, since: '2022-01-01', until: '2022-07-01' }, f)).toBe(false);
    expect(edgePasses({ ...edge, since: '2022-01-01', until: null }, f)).toBe(true);
  });

  it('replays the world as of a date', () => {
    const f = { ...emptyFilters(), asOf: '2022-08-01' };
    expect(nodePasses({ kind: 'INCIDENT', date: '2022-07-15' }, f)).toBe(true);
    expect(nodePasses({ kind: 'SANCTION', date: '2022-09-09' }, f)).toBe(false);
    expect(edgePasses(edge, f)).toBe(false);
    expect(edgePasses(edge, { ...emptyFilters(), asOf: '2022-10-01' })).toBe(true);
    expect(edgePasses({ ...edge, until: '2022-09-30' }, { ...emptyFilters(), asOf: '2022-10-01' })).toBe(false);
  });

  it('becomes a server filter listing what to keep', () => {
    const f = { ...emptyFilters(), hiddenTypes: ['TARGETED'], hiddenStances: ['DENIED' as const], minConfidence: 40, asOf: '2022-10-01' };
    expect(toRelationshipFilter(f, ['ATTRIBUTED_TO', 'TARGETED', 'USES'])).toEqual({
      types: ['ATTRIBUTED_TO', 'USES'],
      stances: ['ASSERTED', 'CLAIMED', 'SUSPECTED'],
      minConfidence: 40,
      asOf: '2022-10-01',
    });
    expect(toRelationshipFilter(emptyFilters(), ['ATTRIBUTED_TO'])).toEqual({});
  });
});
