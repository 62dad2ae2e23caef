/**
 * GraphQL documents live in `operations/*.graphql` (codegen reads them for types). A request must
 * carry exactly the fragments it spreads, no more (unused fragments fail validation), so this
 * module indexes every fragment and operation once and assembles each request document.
 */

export interface DocumentIndex {
  operations: Map<string, string>;
  fragments: Map<string, string>;
}

const definitionStart = /^(query|mutation|subscription|fragment)\s+(\w+)/gm;

/** Splits GraphQL source into named top-level definitions by matching braces. */
export function indexDocuments(sources: readonly string[]): DocumentIndex {
  const index: DocumentIndex = { operations: new Map(), fragments: new Map() };
  for (const source of sources) {
    for (const match of source.matchAll(definitionStart)) {
      const start = match.index ?? 0;
      const text = source.slice(start, closingBrace(source, start) + 1);
      (match[1] === 'fragment' ? index.fragments : index.operations).set(match[2], text);
    }
  }
  return index;
}

function closingBrace(source: string, from: number): number {
  let depth = 0;
  for (let i = source.indexOf('{', from); i < source.length; i += 1) {
    if (source[i] === '{') depth += 1;
    else if (source[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`Unbalanced braces in GraphQL definition at ${from}`);
}

/** The operation's text followed by every fragment it uses, directly or through other fragments. */
export function buildDocument(index: DocumentIndex, operationName: string): string {
  const operation = index.operations.get(operationName);
  if (!operation) throw new Error(`Unknown GraphQL operation ${operationName}`);
  const needed = new Set<string>();
  const queue = [operation];
  while (queue.length > 0) {
    for (const spread of (queue.pop() ?? '').matchAll(/\.\.\.\s*(\w+)/g)) {
      const name = spread[1];
      if (name === 'on' || needed.has(name)) continue;
      const fragment = index.fragments.get(name);
      if (!fragment) throw new Error(`Unknown GraphQL fragment ${name}`);
      needed.add(name);
      queue.push(fragment);
    }
  }
  return [operation, ...[...needed].map((name) => index.fragments.get(name))].join('\n\n');
}
