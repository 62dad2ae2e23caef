/**
 * The real server (server/index.ts: config -> database -> schema -> HTTP) in a child process of its own,
 * as in production: its event loop is not shared with the load generator. The parent passes the
 * environment (NEO4J_URI of the benchmark's Neo4j, PORT=0) and holds our stdin: when the parent goes
 * away, even killed, stdin ends and this process exits too.
 */
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

await import('../server/index.js');

export {};
