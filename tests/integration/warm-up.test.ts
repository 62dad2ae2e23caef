import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { warmUpFirstView } from '../../server/domain/warm-up.js';
import { CypherCatalog } from '../../server/graph/cypher.js';
import { createDriver } from '../../server/graph/driver.js';
import { Graph } from '../../server/graph/run.js';
import { connectTestGraph, testLogger } from '../support/graph.js';

/** A logger whose lines the test reads back. */
function recordingLogger(): { logger: pino.Logger; lines: () => { level: number; msg: string; seconds?: number }[] } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => written.map((line) => JSON.parse(line)) };
}

const graph = connectTestGraph();
afterAll(async () => graph.close());

describe('warming up the first view before the server says it is ready', () => {
  it("runs the first view's reads on the founding case and says how long they took", async () => {
    const { logger, lines } = recordingLogger();
    await warmUpFirstView(graph, logger);
    expect(lines().map((line) => line.msg)).toEqual(["planned the first view's reads"]);
    expect(lines()[0].seconds).toBeGreaterThan(0);
  });

  it('never stops the start: a database it cannot read gives a warning and the start goes on', async () => {
    // Nothing listens on port 1.
    const unreachable = new Graph(
      createDriver({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'unused' }),
      new CypherCatalog(),
      testLogger,
    );
    const { logger, lines } = recordingLogger();
    await expect(warmUpFirstView(unreachable, logger)).resolves.toBeUndefined();
    await unreachable.close();
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ level: 40, msg: expect.stringMatching(/first requests will be slower/) });
  });
});
