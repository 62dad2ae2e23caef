// ESLint flat config: typescript-eslint's recommended rules, and the layering of CONTRIBUTING.md as import
// boundaries, so a wrong import fails `npm run lint` (and CI), not a review.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * What a layer may not import: a regular expression on the import path as written (relative, as the code base
 * writes every import of its own files), and why. `graph/` means server/graph, not client/src/graph.
 */
const forbid = {
  client: { regex: '(^|/)client/', message: 'The server never imports the browser client; shared code lives in shared/.' },
  server: { regex: '(^|/)server/', message: 'The client never imports the server; shared code lives in shared/.' },
  graph: { regex: '(^|\\.\\./|server/)graph/', message: 'Resolvers call domain functions; only the domain talks to server/graph.' },
  resolvers: { regex: '(^|\\.\\./|server/)resolvers/', message: 'The domain knows nothing of GraphQL resolvers.' },
  domain: { regex: '(^|\\.\\./|server/)domain/', message: 'server/graph is the bottom layer: it runs statements and knows no domain.' },
  outsideShared: { regex: '^\\.\\./', message: 'shared/ is imported by server and client alike, so it imports nothing outside itself.' },
};
/** The start of a Cypher statement: a clause that opens a pattern, a subquery or a procedure call. */
const inlineCypher =
  '/^\\s*(EXPLAIN\\s+|PROFILE\\s+)?((OPTIONAL\\s+)?MATCH\\s*\\(|MERGE\\s*\\(|CREATE\\s*\\(|CALL\\s*[a-z{]|UNWIND\\s+\\$)/';
const neo4jDriver = { name: 'neo4j-driver', message: 'Only server/graph talks to Neo4j; use Graph and the named statements.' };

/** One `no-restricted-imports` setting per layer (ESLint does not merge a rule's options across config blocks). */
function boundaries(files, forbidden, { driver = false } = {}) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: driver ? [] : [neo4jDriver], patterns: forbidden.map(({ regex, message }) => ({ regex, message })) },
      ],
    },
  };
}

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'server/generated/', 'client/src/gql/', 'neo4j/', 'tests/artifacts/', 'bench/results/', '.probe/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // TypeScript checks names and globals itself (browser and Node alike).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Type-only imports say so; `import('x').T` stays allowed inside browser-evaluated test code, which cannot import.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  boundaries(['shared/**'], [forbid.outsideShared, forbid.server, forbid.client]),
  boundaries(['client/**'], [forbid.server]),
  boundaries(['server/**'], [forbid.client]),
  boundaries(['server/resolvers/**'], [forbid.client, forbid.graph]),
  boundaries(['server/domain/**'], [forbid.client, forbid.resolvers]),
  boundaries(['server/graph/**'], [forbid.client, forbid.domain, forbid.resolvers], { driver: true }),
  boundaries(['scripts/**'], [forbid.client]),
  {
    // Cypher lives in cypher/<area>/<verb-noun>.cypher and is run by name; a statement in a string is a bug.
    files: ['server/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Literal', 'TemplateElement'].map((node) => ({
          selector: `${node}[${node === 'Literal' ? 'value' : 'value.raw'}=${inlineCypher}]`,
          message: 'Inline Cypher: put the statement in cypher/<area>/<verb-noun>.cypher and run it by name.',
        })),
      ],
    },
  },
);
