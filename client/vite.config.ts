import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The server serves dist/client at `/` and GraphQL at `/graphql` on the same origin, so the
// client always calls relative URLs; in `vite dev` the proxy stands in for that origin.
const apiOrigin = 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    // The GraphQL console (CodeMirror + graphql-js) is split into its own lazy chunk; it is big by nature.
    chunkSizeWarningLimit: 1200,
    // `npm start` prints one ready line; Rolldown's advice on slow plugins (a PLUGIN_TIMINGS block, which
    // shows on a loaded machine) is for whoever tunes the build, not for the analyst starting the app.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/graphql': apiOrigin,
      '/healthz': apiOrigin,
      '/login': apiOrigin,
    },
  },
  preview: { host: '127.0.0.1' },
  // The layout worker (src/graph/layout-worker.ts) is a module worker, bundled like the page.
  worker: { format: 'es' },
});
