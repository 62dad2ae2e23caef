import { describe, expect, it } from 'vitest';
import { chainLinks } from '../../../../../server/domain/paths/chosen-path.js';
import type { RelationshipTypeName } from '../../../../../server/domain/model.js';

const names: Record<string, string> = { hj: 'Homeland Justice', iran: 'Iran', mois: 'MOIS', sanction: 'US sanctions' };
const nodes: Record<string, number> = { hj: 1, iran: 2, mois: 3, sanction: 4 };
const link = (id: string, type: RelationshipTypeName, from: string, to: string) => ({
  id,
  internalId: 100 + Object.keys(names).indexOf(from) * 10 + Object.keys(names).indexOf(to),
  type,
  from,
  to,
  fromName: names[from],
  toName: names[to],
  fromNode: nodes[from],
  toNode: nodes[to],
});

describe('a chosen path rebuilt from its links', () => {
  it('reads the entities in path order and each step with its direction, parallel links as one step', () => {
    const path = chainLinks([
      link('a', 'AFFILIATED_WITH', 'hj', 'iran'),
      link('b', 'PART_OF', 'mois', 'iran'),
      link('b2', 'PART_OF', 'mois', 'iran'),
      link('c', 'SANCTIONS', 'sanction', 'mois'),
    ]);
    expect(path.entities.map((entity) => entity.id)).toEqual(['hj', 'iran', 'mois', 'sanction']);
    expect(path.steps).toEqual([
      { type: 'AFFILIATED_WITH', forward: true },
      { type: 'PART_OF', forward: false },
      { type: 'SANCTIONS', forward: false },
    ]);
  });

  it('reads a one-step path as its link runs', () => {
    expect(chainLinks([link('b', 'PART_OF', 'mois', 'iran')]).entities.map((entity) => entity.id)).toEqual(['mois', 'iran']);
  });

  it('refuses links that do not chain, that loop back, or that mix types within a step', () => {
    expect(() => chainLinks([link('a', 'AFFILIATED_WITH', 'hj', 'iran'), link('c', 'SANCTIONS', 'sanction', 'mois')])).toThrow(
      /do not make a simple path/,
    );
    expect(() =>
      chainLinks([link('a', 'AFFILIATED_WITH', 'hj', 'iran'), link('b', 'PART_OF', 'mois', 'iran'), link('x', 'RELATED_TO', 'mois', 'hj')]),
    ).toThrow(/do not make a simple path/);
    expect(() => chainLinks([link('b', 'PART_OF', 'mois', 'iran'), link('x', 'RELATED_TO', 'iran', 'mois')])).toThrow(
      /not of one type and direction/,
    );
  });
});
