import { forceCollide, forceManyBody, forceSimulation, type SimulationNodeDatum } from 'd3-force';
import { describe, expect, it } from 'vitest';
import { collideForce } from '../../../../../client/src/graph/collide-force';
import { manyBodyForce } from '../../../../../client/src/graph/many-body-force';
import { seededRandom } from '../../../../../shared/seeded-random';

/** Scattered nodes, some exactly on top of others and some on a shared x or y, as a spiral start or pins give. */
function scatter(count: number, seed: number, spread: number): SimulationNodeDatum[] {
  const random = seededRandom(seed);
  const nodes: SimulationNodeDatum[] = [];
  for (let i = 0; i < count; i += 1) {
    const shape = random();
    if (shape < 0.05 && nodes.length > 0) {
      const other = nodes[Math.floor(random() * nodes.length)];
      nodes.push({ x: other.x, y: other.y });
    } else if (shape < 0.1 && nodes.length > 0) {
      nodes.push({ x: nodes[Math.floor(random() * nodes.length)].x, y: (random() - 0.5) * spread });
    } else {
      nodes.push({ x: (random() - 0.5) * spread, y: (random() - 0.5) * spread });
    }
  }
  return nodes;
}

/** Runs `steps` steps of a simulation with only a many-body force; returns the positions. */
function run(
  nodes: SimulationNodeDatum[],
  charge: 'd3' | 'typed',
  settings: { strength: number; theta: number; distanceMax: number },
  steps: number,
) {
  const copy = nodes.map((node) => ({ x: node.x, y: node.y }));
  const force =
    charge === 'd3'
      ? forceManyBody().strength(settings.strength).theta(settings.theta).distanceMax(settings.distanceMax)
      : manyBodyForce(settings);
  const simulation = forceSimulation(copy).stop().force('charge', force);
  for (let step = 0; step < steps; step += 1) simulation.tick();
  return copy.map((node) => [node.x!, node.y!]);
}

describe('the typed-array many-body force', () => {
  it.each([
    { count: 2_000, seed: 1, spread: 3_000, settings: { strength: -400, theta: 0.9, distanceMax: 1_500 } },
    { count: 500, seed: 2, spread: 50, settings: { strength: -30, theta: 0.9, distanceMax: Infinity } },
    { count: 1_000, seed: 3, spread: 10_000, settings: { strength: -400, theta: 0.5, distanceMax: 800 } },
    { count: 300, seed: 4, spread: 400, settings: { strength: 20, theta: 1.2, distanceMax: Infinity } },
  ])('moves $count nodes exactly as d3-force does (seed $seed)', ({ count, seed, spread, settings }) => {
    const nodes = scatter(count, seed, spread);
    const expected = run(nodes, 'd3', settings, 40);
    const actual = run(nodes, 'typed', settings, 40);
    expect(actual).toEqual(expected);
  });

  it('handles one node, and every node on one spot (spread apart by the jiggle, as d3 does)', () => {
    const settings = { strength: -30, theta: 0.9, distanceMax: Infinity };
    expect(run([{ x: 5.5, y: -2 }], 'typed', settings, 5)).toEqual(run([{ x: 5.5, y: -2 }], 'd3', settings, 5));
    const stacked = Array.from({ length: 20 }, () => ({ x: 10, y: 10 }));
    const actual = run(stacked, 'typed', settings, 10);
    expect(actual).toEqual(run(stacked, 'd3', settings, 10));
    expect(new Set(actual.map(([x, y]) => `${x},${y}`)).size).toBe(20);
  });
});

describe('the typed-array collision force', () => {
  /** Charge for spread, collisions from the first step, radii of several sizes: d3's pair of forces against ours. */
  function collide(nodes: SimulationNodeDatum[], kind: 'd3' | 'typed', steps: number) {
    const copy = nodes.map((node, i) => ({ x: node.x, y: node.y, radius: 10 + (i % 7) * 6 }));
    const simulation = forceSimulation(copy).stop();
    if (kind === 'd3') {
      simulation.force('charge', forceManyBody().strength(-50)).force(
        'collide',
        forceCollide<(typeof copy)[number]>((node) => node.radius),
      );
    } else {
      simulation.force('charge', manyBodyForce({ strength: -50 })).force(
        'collide',
        collideForce<(typeof copy)[number]>((node) => node.radius),
      );
    }
    for (let step = 0; step < steps; step += 1) simulation.tick();
    return copy.map((node) => [node.x!, node.y!]);
  }

  it.each([
    { count: 1_500, seed: 5, spread: 800 },
    { count: 400, seed: 6, spread: 60 },
  ])('pushes $count overlapping bodies apart exactly as d3-force does (seed $seed)', ({ count, seed, spread }) => {
    const nodes = scatter(count, seed, spread);
    const pushed = collide(nodes, 'typed', 30);
    expect(pushed).toEqual(collide(nodes, 'd3', 30));
    // The collisions did move the bodies: without them the charge alone ends elsewhere.
    expect(pushed).not.toEqual(run(nodes, 'typed', { strength: -50, theta: 0.9, distanceMax: Infinity }, 30));
  });
});
