import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** Tests that talk to a real Neo4j: the global setup starts one embedded Neo4j (or uses NEO4J_URI); see tests/support/. */
function withNeo4j(name: string): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: [`tests/${name}/**/*.test.ts`],
      exclude: alone,
      globalSetup: ['tests/support/global-setup.ts'],
      hookTimeout: 240_000,
      sequence: { groupOrder: 0 },
    },
  };
}

/**
 * Files that start their own server and Neo4j and put them under load, measuring that nothing is held up (a probe
 * answered within 500 ms during the heaviest export; 64 clients served for a minute without an error or a timeout)
 * or that the benchmark harness completes its requests. Beside
 * another file's server, Neo4j and Chromium on a 2-core machine they measured that contention instead (a 539 ms
 * first probe; a bench workload whose every request timed out), so they run last, one at a time, alone.
 */
const alone = ['tests/integration/large-graph.test.ts', 'tests/integration/load.test.ts', 'tests/integration/bench-smoke.test.ts'];

// Four projects: `unit` (pure, no database, seconds), `integration` and `browser` (a real Neo4j, shared by both
// when they run together), `integration-alone` (last, one file at a time: see `alone`). `vitest run` runs all
// four; `--project <name>` one of them.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // expect.poll waits for what a page does next: on a loaded 2-core machine that can take seconds.
    expect: { poll: { timeout: 15_000 } },
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      // In a full run the unit tests wait for the Neo4j projects (groupOrder 1 after 0): run beside Neo4j's start,
      // their CPU load let the embedded database's first transaction time out on a 2-core machine.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 1 } } },
      withNeo4j('integration'),
      withNeo4j('browser'),
      {
        extends: true,
        test: {
          name: 'integration-alone',
          include: alone,
          // load.test.ts serves the shared test database.
          globalSetup: ['tests/support/global-setup.ts'],
          hookTimeout: 240_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
