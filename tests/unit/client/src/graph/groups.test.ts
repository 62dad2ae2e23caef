import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import {
  collapsedLinks,
  groupSize,
  hubGroupElements,
  hubGroupLabel,
  kindPlural,
  manualGroupData,
  shrinkHubGroup,
  hubGroupData,
  neighboursReachedBy,
} from '../../../../../client/src/graph/groups';
import { buildStylesheet } from '../../../../../client/src/graph/style';

describe('group nodes', () => {
  it('names a hub group the way an analyst reads it', () => {
    expect(hubGroupLabel(312, 'TARGETED', 'IN', 'INCIDENT')).toBe('312 incidents targeted');
    expect(hubGroupLabel(1, 'TARGETED', 'IN', 'INCIDENT')).toBe('1 incident targeted');
    expect(hubGroupLabel(1147, 'AFFILIATED_WITH', 'OUT', 'STATE')).toBe('affiliated with 1,147 states');
    expect(kindPlural('PERSON', 2)).toBe('people');
    expect(kindPlural('VULNERABILITY', 3)).toBe('vulnerabilities');
    expect(kindPlural('MALWARE', 3)).toBe('malware');
    expect(groupSize(1000)).toBeGreaterThan(groupSize(10));
  });

  it('rings a hub with its groups, each tied to it in the group direction, and draws them with the stylesheet', () => {
    const elements = hubGroupElements(
      'iran',
      [
        { type: 'TARGETED', direction: 'IN', kind: 'INCIDENT', count: 312 },
        { type: 'AFFILIATED_WITH', direction: 'OUT', kind: 'STATE', count: 3 },
      ],
      { x: 100, y: 50 },
    );
    expect(elements).toHaveLength(4);
    const [incidents, incidentsLink, , statesLink] = elements;
    expect(incidents.data.id).toBe('group:iran:TARGETED:IN:INCIDENT');
    expect(incidentsLink.data).toMatchObject({ source: 'group:iran:TARGETED:IN:INCIDENT', target: 'iran' });
    expect(statesLink.data).toMatchObject({ source: 'iran', target: 'group:iran:AFFILIATED_WITH:OUT:STATE' });
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: buildStylesheet(),
      elements: [{ group: 'nodes', data: { id: 'iran', kind: 'STATE', label: 'Iran' } }, ...elements],
    });
    expect(cy.$id(incidents.data.id!).style('label')).toBe('312 incidents targeted');
    expect(cy.$id(incidents.data.id!).style('border-style')).toBe('dashed');
    cy.destroy();
  });

  it('shrinks a group as its pages arrive', () => {
    const data = hubGroupData('iran', { type: 'TARGETED', direction: 'IN', kind: 'INCIDENT', count: 30 });
    const after = shrinkHubGroup(data, 5);
    expect(after).toMatchObject({ id: data.id, count: 5, label: '5 incidents targeted' });
  });

  it('collapses a selection into one node that keeps one link per outside neighbour', () => {
    const group = manualGroupData('group:manual:1', [
      { id: 'a', kind: 'INCIDENT' },
      { id: 'b', kind: 'INCIDENT' },
    ]);
    expect(group.label).toBe('2 incidents');
    expect(
      manualGroupData('g', [
        { id: 'a', kind: 'INCIDENT' },
        { id: 'x', kind: 'STATE' },
      ]).label,
    ).toBe('2 entities');
    const links = collapsedLinks('g', new Set(['a', 'b']), [
      { source: 'a', target: 'iran' },
      { source: 'b', target: 'iran' },
      { source: 'albania', target: 'b' },
      { source: 'a', target: 'b' },
    ]);
    expect(links.map((link) => link.data)).toEqual([
      { id: 'g:to:iran', source: 'g', target: 'iran', label: '2 links' },
      { id: 'g:to:albania', source: 'albania', target: 'g', label: '1 link' },
    ]);
  });

  it('counts a neighbour linked in several chosen ways once, and counts nobody reached only in ways left out', () => {
    const targeted = { type: 'TARGETED', direction: 'IN' };
    const located = { type: 'LOCATED_IN', direction: 'IN' };
    const sanctions = { type: 'SANCTIONS', direction: 'OUT' };
    const overlaps = [
      { ways: [located, targeted], count: 75 },
      { ways: [targeted], count: 900 },
      { ways: [located], count: 112 },
      { ways: [sanctions], count: 3 },
    ];
    const same = (a: { type: string; direction: string }) => (b: { type: string; direction: string }) =>
      a.type === b.type && a.direction === b.direction;
    expect(neighboursReachedBy(overlaps, () => true)).toBe(1_090);
    expect(neighboursReachedBy(overlaps, (way) => same(targeted)(way) || same(located)(way))).toBe(1_087);
    expect(neighboursReachedBy(overlaps, same(targeted))).toBe(975);
    expect(neighboursReachedBy(overlaps, same(located))).toBe(187);
    expect(neighboursReachedBy(overlaps, () => false)).toBe(0);
    expect(neighboursReachedBy([], () => true)).toBe(0);
  });
});
