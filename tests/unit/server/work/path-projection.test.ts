import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkProjectionData } from '../../../../server/domain/paths/link-projection.js';
import { createLogger } from '../../../../server/logger.js';
import type { ProjectOutput } from '../../../../server/work/graph-worker.js';
import { PathProjection } from '../../../../server/work/path-projection.js';

const logger = createLogger({ logLevel: 'silent' });

/** A projection of no entities at a revision (the holder only reads its revision and sizes). */
const projectionAt = (revision: number): LinkProjectionData =>
  ({
    revision,
    nodeIds: new Float64Array(0),
    degrees: new Int32Array(0),
    flags: new Uint8Array(0),
    offsets: new Int32Array(1),
    entries: new Int32Array(0),
    linkIds: new Float64Array(0),
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    types: new Int8Array(0),
    stances: new Int8Array(0),
    confidences: new Float64Array(0),
    citations: new Uint8Array(0),
    retired: new Uint8Array(0),
  }) as LinkProjectionData;

/** A holder over a graph whose revision the test sets, counting the builds it asks for. */
function holder(outputs: ((revision: number) => ProjectOutput)[] = []) {
  const graph = { revision: 1, builds: 0 };
  const projection = new PathProjection(
    async () => {
      graph.builds += 1;
      const next = outputs.shift();
      return next ? next(graph.revision) : projectionAt(graph.revision);
    },
    async () => graph.revision,
    logger,
  );
  return { graph, projection };
}

/** Lets the holder's promises and timers run. */
const settle = async (ms = 0) => {
  await vi.advanceTimersByTimeAsync(ms);
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the path search links held by the server (server/work/path-projection.ts)', () => {
  it('reads them at start, then once a second after a burst of writes, not once per write', async () => {
    const { graph, projection } = holder();
    expect(projection.describe().state).toBe('building');
    projection.start();
    await settle();
    expect(projection.describe()).toMatchObject({ state: 'ready', revision: 1 });
    expect(graph.builds).toBe(1);
    for (let write = 0; write < 5; write += 1) {
      graph.revision += 1;
      projection.changed();
      await settle(200);
    }
    expect(graph.builds).toBe(1);
    await settle(1_000);
    expect(graph.builds).toBe(2);
    expect(projection.current()?.revision).toBe(6);
  });

  it('notices a write by another process when a search asks, at most every 5 s, and reads again', async () => {
    const { graph, projection } = holder();
    projection.start();
    await settle();
    graph.revision = 7;
    await settle(6_000);
    // The search is given what is held (it checks the revision itself and reads Neo4j while it is behind).
    expect(projection.current()?.revision).toBe(1);
    await settle(1_100);
    expect(graph.builds).toBe(2);
    expect(projection.current()?.revision).toBe(7);
    // A second look within 5 s asks nothing.
    graph.revision = 8;
    projection.current();
    await settle(1_100);
    expect(graph.builds).toBe(2);
  });

  it('reads again when the graph changed while it was read, and stops for good when it is too large', async () => {
    const changing = holder([() => ({ notBuilt: 'the graph changed while it was read', retry: true })]);
    changing.projection.start();
    await settle();
    expect(changing.projection.current()).toBeNull();
    await settle(1_100);
    expect(changing.graph.builds).toBe(2);
    expect(changing.projection.describe().state).toBe('ready');

    const large = holder([() => ({ notBuilt: 'more than 10 links (PATH_PROJECTION_MAX_LINKS)', retry: false })]);
    large.projection.start();
    await settle();
    expect(large.projection.describe()).toMatchObject({ state: 'too-large', reason: expect.stringContaining('PATH_PROJECTION_MAX_LINKS') });
    large.projection.changed();
    await settle(5_000);
    expect(large.graph.builds).toBe(1);
    expect(large.projection.current()).toBeNull();
  });

  it('keeps searching Neo4j after a failed read, and tries again after the next write', async () => {
    const { graph, projection } = holder([
      () => {
        throw new Error('the database went away');
      },
    ]);
    projection.start();
    await settle();
    expect(projection.describe()).toMatchObject({ state: 'failed', reason: 'the database went away' });
    expect(projection.current()).toBeNull();
    projection.changed();
    await settle(1_100);
    expect(graph.builds).toBe(2);
    expect(projection.describe().state).toBe('ready');
  });
});
