import fs from 'node:fs';
import { listCypherFiles } from '../../server/graph/cypher.js';

/**
 * The error codes a client may ever see; INTERNAL_SERVER_ERROR means a bug reached the user. The last two
 * are Apollo's own request errors that errors.ts passes through (several operations and no operationName;
 * an unknown persisted-query hash).
 */
export const allowedErrorCodes = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPH_UNAVAILABLE',
  'QUERY_TOO_EXPENSIVE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/** Every statement line of our Cypher files long enough to be unmistakable (Neo4j errors quote them). */
const cypherLines: string[] = [
  ...new Set(
    listCypherFiles()
      .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'))
      .map((line) => line.trim())
      .filter((line) => line.length >= 16 && !line.startsWith('//')),
  ),
];

const leakPatterns: [string, RegExp][] = [
  ['a stack trace', /\bat (async )?[\w$.<>[\] ]*\(?(file:\/\/|node:|\/)[^\s)]*:\d+:\d+/],
  ['a stack trace', /"stacktrace"/i],
  ['a Neo4j error', /Neo4jError|Neo\.(ClientError|DatabaseError|TransientError)|org\.neo4j|java\.\w/],
  ['a JavaScript error', /\b(TypeError|ReferenceError|RangeError)\b|Cannot read propert/],
  ['a file path', /\/work\/|node_modules|\.ts:\d|\.ts:/],
  ['Cypher', /\b(MATCH|MERGE|UNWIND|OPTIONAL MATCH|DETACH DELETE)\s*\(|\bCALL\s+(db|dbms|apoc)\.|\$\(row\.|COLLECT \{/],
];

/** Every string inside a value (variables, documents), to discount the caller's own input echoed back. */
function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, found));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([key, item]) => (found.push(key), stringsIn(item, found)));
  return found;
}

/**
 * What in a response body looks like an internal detail: a stack trace, a Neo4j error, a Cypher
 * statement of ours, a file path. Echoes of the request's own text (an unknown id quoted in NOT_FOUND,
 * a bad value quoted in BAD_USER_INPUT) are removed first: repeating the caller's words leaks nothing.
 */
export function findLeaks(body: string, echoes: unknown = []): string[] {
  let text = body;
  const forms = new Set<string>();
  for (const echo of stringsIn(echoes)) {
    if (echo.length < 4) continue; // shorter ones would blank out ordinary words of the answer
    const escaped = JSON.stringify(echo).slice(1, -1);
    // Also the first 80 characters: problem locations cut long ids there.
    for (const form of [
      echo,
      escaped,
      JSON.stringify(escaped).slice(1, -1),
      echo.toLowerCase(),
      echo.trim(),
      escaped.toLowerCase(),
      echo.slice(0, 80),
      escaped.slice(0, 80),
      // ...and those 80 as the JSON body spells them (an escaped lone surrogate, "\\ud804", escaped again).
      JSON.stringify(escaped.slice(0, 80)).slice(1, -1),
    ]) {
      if (form.length >= 4) forms.add(form);
    }
  }
  // V8's JSON.parse quotes ten characters of the caller's text ('Unexpected token 'C', "CALL db.la"... is not valid JSON').
  text = text.replace(/Unexpected token .{0,80}? is not valid JSON/g, '');
  for (const form of [...forms].sort((a, b) => b.length - a.length)) text = text.split(form).join('');
  const leaks: string[] = [];
  for (const [what, pattern] of leakPatterns) {
    const match = pattern.exec(text);
    if (match) leaks.push(`${what}: ${JSON.stringify(text.slice(Math.max(0, match.index - 60), match.index + 80))}`);
  }
  for (const line of cypherLines) if (text.includes(line)) leaks.push(`a line of our Cypher: ${line}`);
  return leaks;
}
