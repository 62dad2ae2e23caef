// Starts a worker thread on a TypeScript module when its bundle (worker-bundle.ts) could not be built or written. The server runs under `node --import tsx`, which a worker
// inherits, but test runners and other hosts may not: registering tsx here makes the worker load the same
// way wherever the pool was created. `workerData.entry` is the module's file URL.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
