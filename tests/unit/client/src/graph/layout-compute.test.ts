import { describe, expect, it } from 'vitest';
import { computeLayout, labelRoom, type LayoutJob } from '../../../../../client/src/graph/layout-compute';
import { layoutNames } from '../../../../../client/src/graph/layouts';

const chainJob = (name: LayoutJob['name'], fast: boolean): LayoutJob => ({
  name,
  fast,
  incremental: false,
  nodes: ['incident', 'actor', 'ministry', 'state'].map((id, i) => ({ id, x: i, y: 0, width: 40, height: 60 })),
  edges: [
    { source: 'incident', target: 'actor' },
    { source: 'actor', target: 'ministry' },
    { source: 'ministry', target: 'state' },
  ],
});

const positionsOf = (job: LayoutJob) => {
  const result = computeLayout(job);
  return new Map(result.ids.map((id, i) => [id, { x: result.xs[i], y: result.ys[i] }]));
};

describe('computeLayout (what the layout worker runs)', () => {
  it('runs every layout, small and large, on plain data and places the nodes apart', () => {
    for (const name of layoutNames) {
      for (const fast of [false, true]) {
        const positions = positionsOf(chainJob(name, fast));
        expect(positions.size).toBe(4);
        const distinct = new Set([...positions.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
        expect(distinct.size, `${name}, fast ${fast}`).toBe(4);
      }
    }
  });

  it('keeps fixed nodes exactly where they are', () => {
    for (const fast of [false, true]) {
      const job = chainJob('fcose', fast);
      job.incremental = true;
      job.nodes[1] = { ...job.nodes[1], x: 123.5, y: -77.25, fixed: true };
      expect(positionsOf(job).get('actor')).toEqual({ x: 123.5, y: -77.25 });
    }
  });

  it('reads the chain top-down with dagre', () => {
    const positions = positionsOf(chainJob('dagre', false));
    expect(positions.get('incident')!.y).toBeLessThan(positions.get('actor')!.y);
  });

  it('returns nothing for an empty view and ignores links to nodes outside the job', () => {
    expect(computeLayout({ ...chainJob('fcose', true), nodes: [], edges: [] }).ids).toEqual([]);
    const job = chainJob('fcose', true);
    job.edges.push({ source: 'actor', target: 'somewhere-else' });
    expect(positionsOf(job).size).toBe(4);
  });

  it('reserves room for a label under its node, wrapped at the canvas width', () => {
    expect(labelRoom(30, 'Iran', false)).toEqual({ width: 30, height: 30 });
    const short = labelRoom(30, 'Iran', true);
    const long = labelRoom(30, 'Ministry of Intelligence and Security of the Islamic Republic of Iran', true);
    expect(short.width).toBeGreaterThanOrEqual(30);
    expect(long.width).toBe(130);
    expect(long.height).toBeGreaterThan(short.height);
  });
});
