import { defineConfig } from 'vitest/config';

// One embedded Neo4j for the whole run (or NEO4J_URI), started by the global setup; see tests/support/.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
