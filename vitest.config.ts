import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** Tests that talk to a real Neo4j: the global setup starts one embedded Neo4j (or uses NEO4J_URI); see tests/support/. */
function withNeo4j(name: string): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: [`tests/${name}/**/*.test.ts`],
      globalSetup: ['tests/support/global-setup.ts'],
      hookTimeout: 240_000,
      sequence: { groupOrder: 0 },
    },
  };
}

// Three projects: `unit` (pure, no database, seconds), `integration` and `browser` (a real Neo4j, shared by both
// when they run together). `vitest run` runs all three; `--project <name>` one of them.
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
    ],
  },
});
