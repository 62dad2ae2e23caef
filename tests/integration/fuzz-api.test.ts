import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFormats } from '../../server/domain/export/index.js';
import { importFormats } from '../../server/domain/import/run-import.js';
import {
  auditEventsBy,
  existingIds,
  foundingFingerprint,
  foundingIds,
  prefixSnapshot,
  type Fingerprint,
} from '../support/graph-fingerprint.js';
import { editorToken, readerToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';
import { postJson } from '../support/configured-server.js';
import {
  enumOrHostile,
  fuzzSeed,
  hostileFilter,
  hostileId,
  hostileInt,
  hostileKinds,
  hostileText,
  maybeWrong,
  wrongType,
} from '../support/hostile-input.js';
import { entityInput, importContent, plausibleInputs, relationshipInput, statementInput } from '../support/mutation-inputs.js';
import { allowedErrorCodes, findLeaks } from '../support/response-leaks.js';
import { neighbourTotalsFields } from '../support/canvas-queries.js';

// Random arguments for every query and mutation, sent over HTTP to the real server on the test database.
// Properties: never a 5xx, only the app's error codes, no internal detail in any response, the server stays
// up, nobody without an editor token changes anything, and an editor's failed change writes nothing.

const runs = Number(process.env.FUZZ_RUNS ?? 150);
/** Editor changes each write and read back several times; fewer runs keep the file within CI's time budget. */
const writeRuns = Math.ceil((runs * 2) / 3);
const seed = fuzzSeed();
const prefix = uniquePrefix('fuzz-api');
let server: TestServer;
let fingerprintBefore: Fingerprint;
let nonEditorWritesBefore = 0;
/** Every id a caller without an editor token tried to write; none may exist afterwards. */
const attemptedIds = new Set<string>();

const source = {
  sourceId: `${prefix}src`,
  title: 'Fuzz notebook',
  publisher: 'Fuzz desk',
  url: 'https://example.org/fuzz',
  excerpt: 'Seen.',
};
const fixtureEntities = [`${prefix}a`, `${prefix}b`, `${prefix}c`];
const fixtureRelationship = `${prefix}rel-ab`;

const upsertDocument = /* GraphQL */ `
  mutation Upsert($input: EntityInput!) {
    upsertEntity(input: $input) {
      id
      kind
      name
    }
  }
`;
const assertDocument = /* GraphQL */ `
  mutation Assert($input: RelationshipInput!) {
    assertRelationship(input: $input) {
      id
      type
      from {
        id
      }
      to {
        id
      }
    }
  }
`;

beforeAll(async () => {
  console.log(`fuzz-api: seed ${seed} (replay with FUZZ_SEED=${seed}), ${runs} runs per property (${writeRuns} for editor changes)`);
  server = await startTestServer();
  for (const [index, id] of fixtureEntities.entries()) {
    const made = await server.graphql(
      upsertDocument,
      { input: { id, kind: ['GROUP', 'STATE', 'THREAT_ACTOR'][index], name: `Fuzz fixture ${index}`, sources: [source] } },
      editorToken,
    );
    if (made.errors) throw new Error(made.errors[0].message);
  }
  const linked = await server.graphql(
    assertDocument,
    {
      input: {
        id: fixtureRelationship,
        type: 'RELATED_TO',
        from: fixtureEntities[0],
        to: fixtureEntities[1],
        stance: 'ASSERTED',
        confidence: 50,
        sources: [{ sourceId: `${prefix}src` }],
      },
    },
    editorToken,
  );
  if (linked.errors) throw new Error(linked.errors[0].message);
  fingerprintBefore = await foundingFingerprint(server.graph);
  nonEditorWritesBefore = await auditEventsBy(server.graph, ['anonymous', 'invalid-token', 'reader']);
});

afterAll(async () => {
  await server.graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
});

type Sent = Awaited<ReturnType<typeof postJson>>;

const post = (body: unknown, authorization?: string, contentType = 'application/json'): Promise<Sent> =>
  postJson(server.url, body, { 'content-type': contentType, ...(authorization !== undefined ? { authorization } : {}) });

/** The request's own text, including what sits inside JSON sent as a string (import content). */
function echoesOf(variables: unknown): unknown[] {
  const inner = typeof variables === 'object' && variables !== null ? Object.values(variables) : [];
  const parsed = inner.flatMap((value) => {
    if (typeof value !== 'string') return [];
    try {
      return [JSON.parse(value)];
    } catch {
      return [];
    }
  });
  return [variables, parsed];
}

/** The properties every response must have, whoever sent what. */
function expectClean(response: Sent, variables: unknown, allowed: Set<string> = allowedErrorCodes) {
  expect(response.status, response.text.slice(0, 500)).toBeLessThan(500);
  expect(response.json, `a JSON body: ${response.text.slice(0, 200)}`).not.toBeNull();
  for (const error of response.json?.errors ?? []) {
    expect(allowed.has(String(error.extensions?.code)), `code ${error.extensions?.code}: ${error.message.slice(0, 300)}`).toBe(true);
  }
  expect(findLeaks(response.text, echoesOf(variables))).toEqual([]);
}

// ------------------------------------------------------------------------------------------------
// Who asks: nobody, a reader, an editor, or someone with a broken or guessed Authorization header.

const headerText = fc.string({ unit: 'binary-ascii', maxLength: 60 }).filter((text) => /^[\x20-\x7e]*$/.test(text));
const nonEditorHeader = fc.oneof(
  fc.constant(undefined),
  fc.constant(`Bearer ${readerToken}`),
  fc.constant(`bearer   ${readerToken}  `),
  fc.constantFrom(
    `Bearer ${editorToken}x`,
    `Bearer ${editorToken.slice(0, -1)}`,
    `Bearer ${editorToken.toUpperCase()}`,
    `Bearer  x${editorToken}`,
    `Basic ${editorToken}`,
    editorToken,
    'Bearer',
    'Bearer ',
    '',
  ),
  headerText,
  headerText.map((text) => `Bearer ${text}`),
);
const anyHeader = fc.oneof(nonEditorHeader, fc.constant(`Bearer ${editorToken}`));

// ------------------------------------------------------------------------------------------------
// Reads: every query with hostile arguments.

const subgraphFields = 'entities { id kind name } relationships { id type stance confidence from { id } to { id } } truncated';
const reads: Record<string, { document: string; variables: fc.Arbitrary<Record<string, unknown>> }> = {
  search: {
    document: /* GraphQL */ `
      query Search($text: String!, $kinds: [EntityKind!], $limit: Int) {
        search(text: $text, kinds: $kinds, limit: $limit) {
          id
          kind
          name
          aliases
        }
      }
    `,
    variables: fc.record({ text: maybeWrong(hostileText), kinds: hostileKinds, limit: maybeWrong(hostileInt) }, { requiredKeys: ['text'] }),
  },
  entity: {
    document: /* GraphQL */ `
      query Entity($id: ID!) {
        entity(id: $id) {
          id
          kind
          name
          aliases
          date
          sources {
            id
            title
          }
          ... on Incident {
            attributionHypotheses {
              stance
              confidence
              actor {
                id
              }
              disputedBy {
                id
              }
            }
          }
          ... on Claim {
            author {
              id
            }
            subjects {
              id
            }
          }
          ... on Sanction {
            authority {
              id
            }
            targets {
              id
            }
          }
        }
      }
    `,
    variables: fc.record({ id: maybeWrong(hostileId) }, { requiredKeys: [] }),
  },
  relationship: {
    document: /* GraphQL */ `
      query Relationship($id: ID!) {
        relationship(id: $id) {
          id
          type
          stance
          confidence
          since
          until
          from {
            id
          }
          to {
            id
          }
          sources {
            id
            excerpt
          }
          disputedBy {
            id
          }
        }
      }
    `,
    variables: fc.record({ id: maybeWrong(hostileId) }),
  },
  neighbourhood: {
    document: /* GraphQL */ `query Around($ids: [ID!]!, $depth: Int, $filter: RelationshipFilter, $limit: Int) { neighbourhood(ids: $ids, depth: $depth, filter: $filter, limit: $limit) { ${subgraphFields} } }`,
    variables: fc.record(
      {
        ids: maybeWrong(fc.array(hostileId, { maxLength: 4 })),
        depth: maybeWrong(hostileInt),
        filter: maybeWrong(hostileFilter),
        limit: maybeWrong(hostileInt),
      },
      { requiredKeys: ['ids'] },
    ),
  },
  neighbourCounts: {
    document: /* GraphQL */ `
      query Counts($id: ID!, $filter: RelationshipFilter) {
        neighbourCounts(id: $id, filter: $filter) {
          type
          direction
          count
          maxConfidence
        }
      }
    `,
    variables: fc.record({ id: maybeWrong(hostileId), filter: maybeWrong(hostileFilter) }, { requiredKeys: ['id'] }),
  },
  neighbourTotals: {
    document: /* GraphQL */ `
      query Totals($id: ID!, $filter: RelationshipFilter, $exclude: [ID!]) {
        neighbourTotals(id: $id, filter: $filter, exclude: $exclude) { ${neighbourTotalsFields} }
      }
    `,
    variables: fc.record(
      { id: maybeWrong(hostileId), filter: maybeWrong(hostileFilter), exclude: maybeWrong(fc.array(hostileId, { maxLength: 4 })) },
      { requiredKeys: ['id'] },
    ),
  },
  paths: {
    document: /* GraphQL */ `
      query Paths($from: ID!, $to: ID!, $maxHops: Int, $limit: Int, $filter: RelationshipFilter) {
        paths(from: $from, to: $to, maxHops: $maxHops, limit: $limit, filter: $filter) {
          hops
          score
          entities {
            id
          }
          relationships {
            id
            type
          }
          weakestLink {
            id
          }
        }
      }
    `,
    variables: fc.record(
      {
        from: maybeWrong(hostileId),
        to: maybeWrong(hostileId),
        maxHops: maybeWrong(hostileInt),
        limit: maybeWrong(hostileInt),
        filter: maybeWrong(hostileFilter),
      },
      { requiredKeys: ['from', 'to'] },
    ),
  },
  stats: {
    document: /* GraphQL */ `
      query Stats {
        stats {
          entities
          relationships
          byKind {
            kind
            count
          }
          byType {
            type
            count
          }
        }
        relationshipTypes
        viewer {
          role
        }
      }
    `,
    variables: fc.dictionary(fc.string({ maxLength: 8 }), wrongType, { maxKeys: 3 }),
  },
  history: {
    document: /* GraphQL */ `
      query History($subjectId: ID!, $limit: Int) {
        history(subjectId: $subjectId, limit: $limit) {
          id
          at
          actor
          action
          subjectId
          subjectType
          reason
        }
      }
    `,
    variables: fc.record({ subjectId: maybeWrong(hostileId), limit: maybeWrong(hostileInt) }, { requiredKeys: ['subjectId'] }),
  },
  export: {
    document: /* GraphQL */ `
      query Export($ids: [ID!]!, $format: ExportFormat!, $depth: Int, $filter: RelationshipFilter) {
        export(ids: $ids, format: $format, depth: $depth, filter: $filter) {
          filename
          mimeType
          content
        }
      }
    `,
    variables: fc.record(
      {
        ids: maybeWrong(fc.array(hostileId, { maxLength: 4 })),
        format: maybeWrong(enumOrHostile(exportFormats)),
        depth: maybeWrong(hostileInt),
        filter: maybeWrong(hostileFilter),
      },
      { requiredKeys: ['ids', 'format'] },
    ),
  },
};

describe('queries with random arguments', () => {
  it.each(Object.keys(reads))(
    '%s: never a 5xx, only known error codes, no internal detail',
    async (name) => {
      const { document, variables } = reads[name];
      await fc.assert(
        fc.asyncProperty(variables, anyHeader, async (vars, authorization) => {
          expectClean(await post({ query: document, variables: vars }, authorization), vars);
        }),
        { numRuns: runs, seed },
      );
    },
    240_000,
  );

  it('the export download URL: never a 5xx, a JSON error or a file', async () => {
    const parameter = fc.oneof(
      hostileText,
      hostileId,
      fc.array(hostileId, { maxLength: 3 }).map((ids) => ids.join(',')),
      fc.constantFrom(...exportFormats),
    );
    const query = fc.dictionary(
      fc.constantFrom('ids', 'format', 'depth', 'types', 'minConfidence', 'stances', 'asOf', 'other'),
      parameter,
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(query, async (parameters) => {
        const search = new URLSearchParams(parameters as Record<string, string>).toString();
        const response = await fetch(`${server.url}/export?${search}`);
        const text = await response.text();
        expect(response.status, text.slice(0, 300)).toBeLessThan(500);
        // 431: Node's HTTP parser refuses a URL over its 16 KB header limit before the app sees it.
        if (response.status >= 400 && response.status !== 431) expect(() => JSON.parse(text)).not.toThrow();
        // The route splits list parameters at commas and trims each item, and NOT_FOUND quotes the item alone.
        const items = Object.values(parameters).flatMap((value) => value.split(',').map((item) => item.trim()));
        expect(findLeaks(text, [parameters, items])).toEqual([]);
      }),
      { numRuns: runs, seed },
    );
  }, 240_000);
});

// ------------------------------------------------------------------------------------------------
// Malformed requests: garbage documents, garbage bodies, the wrong shape of everything.

describe('malformed requests', () => {
  it('garbage documents and bodies answer 4xx with a known code, never a 5xx', async () => {
    const document = fc.oneof(
      hostileText,
      fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
      fc.constantFrom(
        '{',
        '}',
        '{ stats { }',
        'query { stats',
        'mutation',
        'subscription { stats }',
        '{ __schema { types { name } } }',
        '{ a: stats { entities } a: stats { relationships } }',
        'query A { stats { entities } } query B { stats { entities } }',
        '{ stats { nope } }',
        '{ entity }',
        'fragment F on Query { ...F } { ...F }',
        '{ stats @skip(if: true) @include(if: false) { entities } }',
      ),
    );
    const body = fc.oneof(
      document.map((query) => ({ query })),
      fc.record(
        { query: maybeWrong(document), variables: wrongType, operationName: maybeWrong(hostileText), extensions: wrongType },
        { requiredKeys: [] },
      ),
      fc.array(fc.record({ query: document }), { maxLength: 3 }),
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/graphql-response+json',
      'application/x-www-form-urlencoded',
    );
    await fc.assert(
      fc.asyncProperty(body, anyHeader, contentType, async (raw, authorization, type) => {
        const response = await post(typeof raw === 'string' ? raw : JSON.stringify(raw), authorization, type);
        expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
        for (const error of response.json?.errors ?? [])
          expect(allowedErrorCodes.has(String(error.extensions?.code)), error.message).toBe(true);
        expect(findLeaks(response.text, raw)).toEqual([]);
      }),
      { numRuns: runs, seed },
    );
  }, 240_000);
});

// ------------------------------------------------------------------------------------------------
// Mutations without an editor token: refused, whatever the input, and nothing written.

const mutationDocuments = {
  upsertEntity: upsertDocument,
  assertRelationship: assertDocument,
  recordStatement: /* GraphQL */ `
    mutation Statement($input: StatementInput!) {
      recordStatement(input: $input) {
        id
        kind
        name
      }
    }
  `,
  retractRelationship: /* GraphQL */ `
    mutation Retract($id: ID!, $reason: String!) {
      retractRelationship(id: $id, reason: $reason) {
        id
        action
        subjectId
      }
    }
  `,
  importData: /* GraphQL */ `
    mutation Import($format: ImportFormat!, $content: String!, $dryRun: Boolean) {
      importData(format: $format, content: $content, dryRun: $dryRun) {
        dryRun
        entities {
          created
          updated
          unchanged
        }
        relationships {
          created
          updated
          unchanged
        }
        warnings
      }
    }
  `,
} as const;
type MutationName = keyof typeof mutationDocuments;

function mutationVariables(
  name: MutationName,
  ids: { id: fc.Arbitrary<string>; entity: fc.Arbitrary<string>; relationship: fc.Arbitrary<string>; source: fc.Arbitrary<string> },
) {
  switch (name) {
    case 'upsertEntity':
      return fc.record({ input: maybeWrong(entityInput(ids.id, ids.source)) });
    case 'assertRelationship':
      return fc.record({ input: maybeWrong(relationshipInput(ids.id, ids.entity, ids.source)) });
    case 'recordStatement':
      return fc.record({ input: maybeWrong(statementInput(ids.id, ids.relationship, ids.entity, ids.source)) });
    case 'retractRelationship':
      return fc.record({ id: maybeWrong(ids.relationship), reason: maybeWrong(hostileText) }, { requiredKeys: [] });
    case 'importData':
      return fc.record(
        {
          format: maybeWrong(enumOrHostile(importFormats)),
          content: importContent(ids.id, ids.entity, ids.source),
          dryRun: maybeWrong(fc.boolean()),
        },
        { requiredKeys: ['format', 'content'] },
      );
  }
}

/** Ids found in mutation variables, wherever an id may sit. */
function idsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => idsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (['id', 'sourceId', 'from', 'to', 'author', 'relationshipId', 'source'].includes(key) && typeof item === 'string')
        found.push(item);
      else idsIn(item, found);
    }
  }
  return found;
}

describe('mutations without an editor token, with random input', () => {
  const hostileIds = {
    id: hostileId,
    entity: hostileId,
    relationship: hostileId,
    source: fc.oneof(hostileId, fc.constantFrom(...foundingIds.sources)),
  };
  it.each(Object.keys(mutationDocuments) as MutationName[])(
    '%s is refused and writes nothing',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(mutationVariables(name, hostileIds), nonEditorHeader, async (vars, authorization) => {
          const response = await post({ query: mutationDocuments[name], variables: vars }, authorization);
          expectClean(response, vars, new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']));
          expect(response.json?.data?.[name] ?? null).toBeNull();
          expect(response.json?.errors?.length).toBeGreaterThan(0);
          for (const id of idsIn(vars)) attemptedIds.add(id);
          const content = (vars as { content?: unknown }).content;
          if (typeof content === 'string') {
            for (const match of content.matchAll(/"(?:id|from|to|source)":"((?:[^"\\]|\\.)*)"/g))
              attemptedIds.add(JSON.parse(`"${match[1]}"`));
          }
        }),
        { numRuns: runs, seed },
      );
    },
    240_000,
  );
});

// ------------------------------------------------------------------------------------------------
// An editor with random input: the change is made, or refused with BAD_USER_INPUT / NOT_FOUND and nothing written.

describe('mutations by an editor, with random input under our prefix', () => {
  const assertedIds: string[] = [];
  const mine = (suffix: fc.Arbitrary<string>) => suffix.map((text) => `${prefix}${text}`);
  const suffix = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), hostileText);
  const editorIds = {
    id: mine(suffix),
    entity: fc.oneof(fc.constantFrom(...fixtureEntities), mine(suffix)),
    relationship: fc.oneof(fc.constant(fixtureRelationship), mine(suffix)),
    source: fc.oneof(fc.constant(`${prefix}src`), mine(suffix)),
  };
  const plausible = plausibleInputs({ prefix, fixtureEntities, fixtureRelationship, ids: editorIds });
  const sometimes = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });

  const variablesFor = (name: MutationName): fc.Arbitrary<Record<string, unknown>> => {
    // Ids are always given and always ours: a generated id would fall outside the prefix this file cleans up.
    const hostile = (input: fc.Arbitrary<unknown>) => fc.record({ input: maybeWrong(input) });
    switch (name) {
      case 'upsertEntity':
        return fc.oneof(
          { weight: 3, arbitrary: fc.record({ input: plausible.entity }) },
          { weight: 1, arbitrary: hostile(entityInput(editorIds.id, editorIds.source)) },
        );
      case 'assertRelationship':
        return fc.oneof(
          { weight: 3, arbitrary: fc.record({ input: plausible.relationship }) },
          { weight: 1, arbitrary: hostile(relationshipInput(editorIds.id, editorIds.entity, editorIds.source)) },
        );
      case 'recordStatement':
        return fc.oneof(
          { weight: 3, arbitrary: fc.record({ input: plausible.statement }) },
          { weight: 1, arbitrary: hostile(statementInput(editorIds.id, editorIds.relationship, editorIds.entity, editorIds.source)) },
        );
      case 'retractRelationship': {
        // Often one that the assertRelationship property made, so that retractions succeed too.
        const made = fc.nat().map((index) => assertedIds[index % assertedIds.length] ?? fixtureRelationship);
        return fc.record({ id: sometimes(fc.oneof(made, editorIds.relationship), wrongType), reason: sometimes(hostileText, wrongType) });
      }
      case 'importData':
        return fc.record({
          format: sometimes(fc.constant('JSON'), enumOrHostile(importFormats)),
          content: fc.oneof(
            { weight: 3, arbitrary: plausible.importContent },
            { weight: 1, arbitrary: importContent(editorIds.id, editorIds.entity, editorIds.source) },
          ),
          dryRun: fc.boolean(),
        });
    }
  };
  /** New citations without a sourceId would get a generated id outside our prefix; give them ours. */
  const withSourceIds = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withSourceIds);
    if (value && typeof value === 'object') {
      const copy = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withSourceIds(item)]));
      if ('title' in copy && !('sourceId' in copy)) copy.sourceId = `${prefix}src-new`;
      return copy;
    }
    return value;
  };

  it.each(Object.keys(mutationDocuments) as MutationName[])(
    '%s succeeds or fails cleanly, writing nothing when it fails',
    async (name) => {
      const outcomes = { succeeded: 0, refused: 0 };
      // What this file has written so far; taken again only after a change that succeeded.
      let snapshot = await prefixSnapshot(server.graph, prefix);
      await fc.assert(
        fc.asyncProperty(variablesFor(name), async (generated) => {
          const vars = withSourceIds(generated) as Record<string, unknown>;
          const before = snapshot;
          const response = await post({ query: mutationDocuments[name], variables: vars }, `Bearer ${editorToken}`);
          expectClean(response, vars, new Set(['BAD_USER_INPUT', 'NOT_FOUND']));
          if (response.json?.errors?.length) {
            outcomes.refused += 1;
            expect(response.json.data?.[name] ?? null).toBeNull();
            expect(await prefixSnapshot(server.graph, prefix), 'a refused change wrote nothing').toBe(before);
          } else {
            outcomes.succeeded += 1;
            snapshot = await prefixSnapshot(server.graph, prefix);
            const result = response.json?.data?.[name] as { id?: string } | undefined;
            expect(result).toBeTruthy();
            if (name === 'assertRelationship' && result?.id) assertedIds.push(result.id);
          }
        }),
        { numRuns: writeRuns, seed },
      );
      console.log(`fuzz-api: editor ${name}: ${outcomes.succeeded} succeeded, ${outcomes.refused} refused`);
    },
    240_000,
  );
});

// ------------------------------------------------------------------------------------------------
// What fuzzing found once (each was a 500 or an INTERNAL_SERVER_ERROR), kept as fixed cases.

describe('requests that fuzzing once turned into a 500 (kept as fixed cases)', () => {
  const cases: [string, unknown, number, string][] = [
    ['a syntax error', { query: '{' }, 400, 'GRAPHQL_PARSE_FAILED'],
    ['an empty document', { query: ' ' }, 400, 'GRAPHQL_PARSE_FAILED'],
    ['a required variable left out', { query: 'query($id: ID!) { entity(id: $id) { id } }', variables: {} }, 400, 'BAD_USER_INPUT'],
    [
      'a variable of the wrong type',
      { query: 'query($limit: Int) { search(text: "iran", limit: $limit) { id } }', variables: { limit: 0.5 } },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'an enum variable outside the enum',
      { query: 'query($kinds: [EntityKind!]) { search(text: "iran", kinds: $kinds) { id } }', variables: { kinds: ["' OR 1=1 //"] } },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'a date that rolls over (2023-02-30)',
      {
        query: 'query($filter: RelationshipFilter) { neighbourCounts(id: "iran", filter: $filter) { count } }',
        variables: { filter: { asOf: '2023-02-30' } },
      },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'a date Date.parse reads as 2000 (0001-01-00)',
      { query: '{ neighbourCounts(id: "iran", filter: { asOf: "0001-01-00" }) { count } }' },
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['a subscription', { query: 'subscription { stats { entities } }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'two operations and no operationName',
      { query: 'query A { stats { entities } } query B { stats { relationships } }' },
      400,
      'OPERATION_RESOLUTION_FAILURE',
    ],
  ];
  it.each(cases)('%s', async (_name, body, status, code) => {
    const response = await post(body, `Bearer ${readerToken}`);
    expect(response.status, response.text.slice(0, 300)).toBe(status);
    expect(response.json?.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  });

  it('an editor change with an id or name too long for the indexes', async () => {
    for (const input of [
      { id: `${prefix}${'😀'.repeat(3_000)}`, kind: 'TOOL', name: 'Long id', sources: [{ sourceId: `${prefix}src` }] },
      { id: `${prefix}long-name`, kind: 'TOOL', name: '😀'.repeat(20_000), sources: [{ sourceId: `${prefix}src` }] },
    ]) {
      const response = await post({ query: upsertDocument, variables: { input } }, `Bearer ${editorToken}`);
      expect(response.json?.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

// ------------------------------------------------------------------------------------------------

describe('after all of it', () => {
  it('the server is up, the founding case is unchanged, and no one without an editor token wrote anything', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const stats = await server.graphql<{ stats: { entities: number; relationships: number } }>(/* GraphQL */ `
      {
        stats {
          entities
          relationships
        }
      }
    `);
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.stats.entities).toBeGreaterThanOrEqual(fingerprintBefore.entities);
    expect(await foundingFingerprint(server.graph)).toEqual(fingerprintBefore);
    expect(await auditEventsBy(server.graph, ['anonymous', 'invalid-token', 'reader'])).toBe(nonEditorWritesBefore);
    const founding = new Set([
      ...foundingIds.entities,
      ...foundingIds.relationships,
      ...foundingIds.sources,
      ...fixtureEntities,
      fixtureRelationship,
      `${prefix}src`,
    ]);
    const attempted = [...attemptedIds].filter((id) => !founding.has(id) && id.length <= 1_000);
    expect(await existingIds(server.graph, attempted)).toEqual([]);
  });
});
