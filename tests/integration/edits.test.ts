import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteTransaction } from '../../server/graph/run.js';
import { editorToken, readerToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';

let server: TestServer;
const prefix = uniquePrefix('edits');
// Edits link only entities this file creates, so tests reading the founding case never see them.
beforeAll(async () => {
  server = await startTestServer();
  const create = /* GraphQL */ `
    mutation ($input: EntityInput!) {
      upsertEntity(input: $input) {
        id
      }
    }
  `;
  for (const input of [
    { id: `${prefix}state`, kind: 'STATE', name: 'Teststan', sources: [source] },
    { id: `${prefix}mfa`, kind: 'ORGANIZATION', name: 'Teststan foreign ministry', sources: [source] },
  ]) {
    const made = await server.graphql(create, { input }, editorToken);
    if (made.errors) throw new Error(made.errors[0].message);
  }
});
afterAll(async () => {
  await server.graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
});

const source = {
  title: 'Analyst notebook',
  publisher: 'Test desk',
  url: 'https://example.org/notes',
  published: '2024-05-01',
  excerpt: 'Seen in the logs.',
};

const mutations: Record<string, [string, Record<string, unknown>]> = {
  upsertEntity: [
    /* GraphQL */ `
      mutation ($input: EntityInput!) {
        upsertEntity(input: $input) {
          id
        }
      }
    `,
    { input: { id: `${prefix}x`, kind: 'GROUP', name: 'X', sources: [source] } },
  ],
  assertRelationship: [
    /* GraphQL */ `
      mutation ($input: RelationshipInput!) {
        assertRelationship(input: $input) {
          id
        }
      }
    `,
    { input: { type: 'RELATED_TO', from: 'iran', to: 'albania', stance: 'ASSERTED', confidence: 50, sources: [source] } },
  ],
  recordStatement: [
    /* GraphQL */ `
      mutation ($input: StatementInput!) {
        recordStatement(input: $input) {
          id
        }
      }
    `,
    { input: { kind: 'DENIAL', relationshipId: 'rel-hj-affiliated-iran', author: 'iran', sources: [source] } },
  ],
  updateSource: [
    /* GraphQL */ `
      mutation {
        updateSource(input: { id: "src-seed-article", reliability: A }) {
          id
        }
      }
    `,
    {},
  ],
  retractRelationship: [
    /* GraphQL */ `
      mutation {
        retractRelationship(id: "rel-hj-affiliated-iran", reason: "test") {
          id
        }
      }
    `,
    {},
  ],
  importData: [
    /* GraphQL */ `
      mutation {
        importData(format: JSON, content: "{}") {
          dryRun
        }
      }
    `,
    {},
  ],
};

describe('roles', () => {
  it.each(Object.keys(mutations))('refuses %s without a token (UNAUTHENTICATED) and with a reader token (FORBIDDEN)', async (name) => {
    const [query, variables] = mutations[name];
    const anonymous = await server.graphql(query, variables);
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const reader = await server.graphql(query, variables, readerToken);
    expect(reader.errors![0].extensions!.code).toBe('FORBIDDEN');
    const wrong = await server.graphql(query, variables, 'not-a-real-token-at-all');
    expect(wrong.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lets anyone read on a loopback server and tells the viewer its role', async () => {
    const anonymous = await server.graphql<{ viewer: { role: string | null } }>(/* GraphQL */ `
      {
        viewer {
          role
        }
      }
    `);
    expect(anonymous.data!.viewer.role).toBeNull();
    const editor = await server.graphql<{ viewer: { role: string | null } }>(
      /* GraphQL */ `
        {
          viewer {
            role
          }
        }
      `,
      {},
      editorToken,
    );
    expect(editor.data!.viewer.role).toBe('EDITOR');
  });
});

describe('edits with provenance', () => {
  const upsert = /* GraphQL */ `
    mutation Upsert($input: EntityInput!) {
      upsertEntity(input: $input) {
        id
        kind
        name
        aliases
        description
        sources {
          title
          excerpt
        }
        ... on ThreatActor {
          firstSeen
        }
      }
    }
  `;
  const history = /* GraphQL */ `
    query History($id: ID!) {
      history(subjectId: $id) {
        action
        actor
        reason
        before
        after
        subjectType
      }
    }
  `;

  it('creates and updates an entity, keeping earlier values in the audit history', async () => {
    const created = await server.graphql<{ upsertEntity: { id: string; firstSeen: string; sources: unknown[] } }>(
      upsert,
      {
        input: {
          id: `${prefix}actor`,
          kind: 'THREAT_ACTOR',
          name: 'Test Kitten',
          aliases: ['TK'],
          firstSeen: '2021-03-04',
          sources: [source],
        },
      },
      editorToken,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertEntity).toMatchObject({ id: `${prefix}actor`, firstSeen: '2021-03-04' });
    const updated = await server.graphql<{ upsertEntity: { name: string; aliases: string[]; firstSeen: string; description: string } }>(
      upsert,
      {
        input: { id: `${prefix}actor`, kind: 'THREAT_ACTOR', name: 'Test Kitten', description: 'Now described.' },
      },
      editorToken,
    );
    expect(updated.data!.upsertEntity).toMatchObject({ aliases: ['TK'], firstSeen: '2021-03-04', description: 'Now described.' });
    const events = await server.graphql<{ history: { action: string; actor: string; before: string | null }[] }>(history, {
      id: `${prefix}actor`,
    });
    expect(events.data!.history.map((event) => event.action)).toEqual(['UPDATE', 'CREATE']);
    expect(events.data!.history[0].actor).toBe('tester');
    const before = JSON.parse(events.data!.history[0].before!);
    expect(before).toMatchObject({ id: `${prefix}actor`, name: 'Test Kitten', aliases: ['TK'] });
    expect(before.description ?? null).toBeNull();
  });

  it('refuses a new entity without a source and a field of another kind', async () => {
    const noSource = await server.graphql(upsert, { input: { id: `${prefix}nosrc`, kind: 'GROUP', name: 'Nobody' } }, editorToken);
    expect(noSource.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const wrongField = await server.graphql(
      upsert,
      { input: { id: `${prefix}wrong`, kind: 'GROUP', name: 'G', aim: 'x', sources: [source] } },
      editorToken,
    );
    expect(wrongField.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(wrongField.errors![0].message).toContain('aim');
  });

  const assert = /* GraphQL */ `
    mutation Assert($input: RelationshipInput!) {
      assertRelationship(input: $input) {
        id
        type
        stance
        confidence
        since
        from {
          id
        }
        to {
          id
        }
        sources {
          title
          excerpt
        }
        disputedBy {
          id
        }
      }
    }
  `;

  it('asserts a relationship with stance, confidence, dates and a source, and refuses one without a source', async () => {
    const input = {
      id: `${prefix}rel`,
      type: 'AFFILIATED_WITH',
      from: `${prefix}actor`,
      to: `${prefix}state`,
      stance: 'SUSPECTED',
      confidence: 45,
      since: '2022-01-01',
      sources: [source],
    };
    const made = await server.graphql<{
      assertRelationship: { stance: string; confidence: number; since: string; sources: { excerpt: string }[] };
    }>(assert, { input }, editorToken);
    expect(made.errors).toBeUndefined();
    expect(made.data!.assertRelationship).toMatchObject({ stance: 'SUSPECTED', confidence: 45, since: '2022-01-01' });
    expect(made.data!.assertRelationship.sources[0].excerpt).toBe('Seen in the logs.');
    const without = await server.graphql(assert, { input: { ...input, id: `${prefix}rel2`, sources: [] } }, editorToken);
    expect(without.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(without.errors![0].message).toContain('source');
    const unknownEnd = await server.graphql(assert, { input: { ...input, id: `${prefix}rel3`, to: `${prefix}ghost` } }, editorToken);
    expect(unknownEnd.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(unknownEnd.errors![0].message).toContain(`${prefix}ghost`);
  });

  it("adds evidence and never drops it: a link asserted again keeps its earlier sources, and edits at once keep each other's", async () => {
    const link = { id: `${prefix}rel-evidence`, type: 'PART_OF', from: `${prefix}mfa`, to: `${prefix}state`, stance: 'ASSERTED' };
    const cite = (excerpt: string) => ({ ...source, excerpt });
    type Cited = { sources: { excerpt: string }[] };
    const excerptsOf = (cited: Cited) => cited.sources.map((s) => s.excerpt).sort();
    const first = await server.graphql(
      assert,
      { input: { ...link, confidence: 60, sources: [cite('The ministry answers to the state.')] } },
      editorToken,
    );
    expect(first.errors).toBeUndefined();
    const again = await server.graphql<{ assertRelationship: Cited & { confidence: number } }>(
      assert,
      { input: { ...link, confidence: 70, sources: [cite('Its statute names the state.')] } },
      editorToken,
    );
    expect(again.errors).toBeUndefined();
    expect(again.data!.assertRelationship.confidence).toBe(70);
    expect(excerptsOf(again.data!.assertRelationship)).toEqual(['Its statute names the state.', 'The ministry answers to the state.']);

    // Six editors cite the same link, and the same entity, at the same moment: every citation lands. Read before
    // the others committed and written back, each copy would have dropped what the others added.
    const sightings = Array.from({ length: 6 }, (_, i) => `Concurrent sighting ${i + 1}.`);
    // Denials rewrite the link too (they join its disputedBy): three of them at the same moment as well.
    const denials = [1, 2, 3].map((n) => `${prefix}denial-at-once-${n}`);
    const deny = /* GraphQL */ `
      mutation ($input: StatementInput!) {
        recordStatement(input: $input) {
          id
        }
      }
    `;
    const edits = await Promise.all([
      ...denials.map((id) =>
        server.graphql(
          deny,
          { input: { id, kind: 'DENIAL', relationshipId: link.id, author: `${prefix}state`, sources: [source] } },
          editorToken,
        ),
      ),
      ...sightings.map((excerpt) => server.graphql(assert, { input: { ...link, confidence: 70, sources: [cite(excerpt)] } }, editorToken)),
      ...sightings.map((excerpt) =>
        server.graphql(upsert, { input: { id: `${prefix}state`, kind: 'STATE', name: 'Teststan', sources: [cite(excerpt)] } }, editorToken),
      ),
    ]);
    for (const edit of edits) expect(edit.errors).toBeUndefined();
    const { data } = await server.graphql<{ relationship: Cited & { disputedBy: { id: string }[] }; entity: Cited }>(
      /* GraphQL */ `
        query ($link: ID!, $entity: ID!) {
          relationship(id: $link) {
            sources {
              excerpt
            }
            disputedBy {
              id
            }
          }
          entity(id: $entity) {
            sources {
              excerpt
            }
          }
        }
      `,
      { link: link.id, entity: `${prefix}state` },
    );
    expect(excerptsOf(data!.relationship)).toEqual(
      expect.arrayContaining([...sightings, 'Its statute names the state.', 'The ministry answers to the state.']),
    );
    expect(excerptsOf(data!.entity)).toEqual(expect.arrayContaining([...sightings, source.excerpt]));
    expect(data!.relationship.disputedBy.map((entity) => entity.id)).toEqual(expect.arrayContaining(denials));
  });

  it('creates an entity that several editors add at the same moment once, with every citation', async () => {
    // None of them finds it when it reads, so each writes it as new: none may fail on the unique id, or drop another's citation.
    const id = `${prefix}created-at-once`;
    const sightings = Array.from({ length: 6 }, (_, i) => `Created at once ${i + 1}.`);
    const edits = await Promise.all(
      sightings.map((excerpt) =>
        server.graphql(
          upsert,
          { input: { id, kind: 'ORGANIZATION', name: 'Created at once', sources: [{ ...source, excerpt }] } },
          editorToken,
        ),
      ),
    );
    expect(edits.flatMap((edit) => edit.errors ?? [])).toEqual([]);
    const { data } = await server.graphql<{ entity: { sources: { excerpt: string }[] } }>(
      /* GraphQL */ `
        query ($id: ID!) {
          entity(id: $id) {
            sources {
              excerpt
            }
          }
        }
      `,
      { id },
    );
    expect(data!.entity.sources.map((cited) => cited.excerpt).sort()).toEqual(sightings);
  });

  /**
   * Runs an edit that locks `first`, then `second`. Before its first attempt, and after each deadlock while `again`
   * says so, an older writer takes `second` and then waits for `first` once the edit holds it: the edit, younger, is
   * the one Neo4j fails with a deadlock. On a busy machine, edits of the same elements meet each other's locks like
   * this (the concurrent edits above failed so in CI).
   */
  async function editDeadlockedWhile(
    again: (deadlocks: number) => boolean,
    timeoutMs?: number,
  ): Promise<{ attempts: number; deadlocks: string[] }> {
    const [first, second] = [`${prefix}state`, `${prefix}mfa`];
    const lock = (tx: WriteTransaction, id: string) => tx.run('edit/lock-entities', { ids: [id] });
    const signal = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      return { promise, resolve };
    };
    const writers: Promise<unknown>[] = [];
    let editHoldsFirst = signal();
    /** An older writer: holds `second` from now, and asks for `first` once the edit holds it. */
    const startOlderWriter = async () => {
      const holdsSecond = signal();
      const waitFor = editHoldsFirst;
      writers.push(
        server.graph.writeTransaction(
          async (tx) => {
            await lock(tx, second);
            holdsSecond.resolve();
            await waitFor.promise;
            await lock(tx, first);
          },
          undefined,
          { retry: false },
        ),
      );
      await holdsSecond.promise;
    };
    let attempts = 0;
    const deadlocks: string[] = [];
    await startOlderWriter();
    await server.graph.writeTransaction(
      async (tx) => {
        attempts += 1;
        await lock(tx, first);
        const asked = editHoldsFirst;
        editHoldsFirst = signal();
        asked.resolve();
        try {
          await lock(tx, second);
        } catch (error) {
          deadlocks.push(String((error as { code?: string }).code));
          if (again(deadlocks.length)) await startOlderWriter();
          throw error;
        }
      },
      timeoutMs,
      { retry: true },
    );
    await Promise.all(writers);
    return { attempts, deadlocks };
  }

  it("commits an edit that deadlocks with other writers three times in a row, past the driver's own retry window", async () => {
    // The driver alone retries for 2 s after the first failure and gives up on the third.
    const { attempts, deadlocks } = await editDeadlockedWhile((count) => count < 3);
    expect(deadlocks).toEqual(Array(3).fill('Neo.TransientError.Transaction.DeadlockDetected'));
    expect(attempts).toBe(4);
  });

  it("commits an edit that keeps deadlocking for longer than its statement's deadline (timeout + 5 s): each deadlock shows the database answers", async () => {
    // A 2 s transaction timeout gives a 7 s deadline, which is there for a frozen database; deadlocks go on for 8 s.
    // (2 s, not less: each attempt must still finish within its own timeout on a loaded machine.)
    const started = Date.now();
    const { attempts, deadlocks } = await editDeadlockedWhile(() => Date.now() - started < 8_000, 2_000);
    expect(Date.now() - started).toBeGreaterThan(8_000);
    expect(new Set(deadlocks)).toEqual(new Set(['Neo.TransientError.Transaction.DeadlockDetected']));
    expect(attempts).toBe(deadlocks.length + 1);
  });

  it('grades a source and a citation: reliability, origin and derived-from on new sources, credibility on citations, updateSource later', async () => {
    const sourceFields = /* GraphQL */ `
      fragment Graded on Source {
        id
        reliability
        origin
        credibility
        derivedFrom {
          id
          origin
        }
      }
    `;
    type Graded = {
      id: string;
      reliability: string;
      origin: string;
      credibility: number | null;
      derivedFrom: { id: string; origin: string }[];
    };
    const graded = await server.graphql<{ assertRelationship: { sources: Graded[] } }>(
      /* GraphQL */ `
        mutation ($input: RelationshipInput!) {
          assertRelationship(input: $input) {
            sources {
              ...Graded
            }
          }
        }
        ${sourceFields}
      `,
      {
        input: {
          id: `${prefix}rel-graded`,
          type: 'PART_OF',
          from: `${prefix}mfa`,
          to: `${prefix}state`,
          stance: 'ASSERTED',
          confidence: 90,
          sources: [
            {
              sourceId: `${prefix}src-agency`,
              title: 'Agency advisory',
              publisher: 'Agency press office',
              reliability: 'B',
              origin: 'Test agency',
              excerpt: 'It is part of it.',
              credibility: 2,
            },
            {
              sourceId: `${prefix}src-retelling`,
              title: 'A news story',
              publisher: 'Daily',
              derivedFrom: [`${prefix}src-agency`],
              excerpt: 'Part of it, the agency says.',
            },
          ],
        },
      },
      editorToken,
    );
    expect(graded.errors).toBeUndefined();
    const [agency, retelling] = graded.data!.assertRelationship.sources;
    expect(agency).toMatchObject({ reliability: 'B', origin: 'Test agency', credibility: 2, derivedFrom: [] });
    // Not graded: F; no origin stated: its publisher; no credibility judged: 6.
    expect(retelling).toMatchObject({
      reliability: 'F',
      origin: 'Daily',
      credibility: 6,
      derivedFrom: [{ id: `${prefix}src-agency`, origin: 'Test agency' }],
    });

    const update = /* GraphQL */ `
      mutation ($input: SourceInput!, $reason: String) {
        updateSource(input: $input, reason: $reason) {
          ...Graded
        }
      }
      ${sourceFields}
    `;
    const regraded = await server.graphql<{ updateSource: Graded }>(
      update,
      { input: { id: `${prefix}src-agency`, reliability: 'A', origin: null }, reason: 'Official record checked' },
      editorToken,
    );
    expect(regraded.errors).toBeUndefined();
    // Outside a citation a source has no credibility; its origin falls back to the publisher once cleared.
    expect(regraded.data!.updateSource).toMatchObject({ reliability: 'A', origin: 'Agency press office', credibility: null });
    const history = await server.graphql<{
      history: { action: string; subjectType: string; reason: string; before: string; after: string }[];
    }>(
      /* GraphQL */ `
        query ($id: ID!) {
          history(subjectId: $id) {
            action
            subjectType
            reason
            before
            after
          }
        }
      `,
      { id: `${prefix}src-agency` },
    );
    expect(history.data!.history[0]).toMatchObject({ action: 'UPDATE', subjectType: 'SOURCE', reason: 'Official record checked' });
    expect(JSON.parse(history.data!.history[0].before)).toMatchObject({ reliability: 'B', origin: 'Test agency' });
    expect(JSON.parse(history.data!.history[0].after)).toMatchObject({ reliability: 'A', origin: null });

    for (const [input, code, message] of [
      [{ id: `${prefix}src-nowhere`, reliability: 'C' }, 'NOT_FOUND', 'No source'],
      [{ id: `${prefix}src-agency`, derivedFrom: [`${prefix}src-agency`] }, 'BAD_USER_INPUT', 'derived from itself'],
      [{ id: `${prefix}src-agency`, derivedFrom: [`${prefix}src-ghost`] }, 'BAD_USER_INPUT', 'unknown source'],
    ] as const) {
      const refused = await server.graphql(update, { input }, editorToken);
      expect(refused.errors![0].extensions!.code).toBe(code);
      expect(refused.errors![0].message).toContain(message);
    }
    const badCredibility = await server.graphql(
      assert,
      {
        input: {
          type: 'PART_OF',
          from: `${prefix}mfa`,
          to: `${prefix}state`,
          stance: 'ASSERTED',
          confidence: 90,
          sources: [{ sourceId: `${prefix}src-agency`, credibility: 7 }],
        },
      },
      editorToken,
    );
    expect(badCredibility.errors![0].message).toContain('credibility must be a whole number from 1 to 6');
  });

  it('records a denial against the link, which then lists it in disputedBy', async () => {
    const denial = await server.graphql<{ recordStatement: { id: string; kind: string } }>(
      /* GraphQL */ `
        mutation ($input: StatementInput!) {
          recordStatement(input: $input) {
            id
            kind
            ... on Denial {
              author {
                id
              }
              subjects {
                id
              }
            }
          }
        }
      `,
      {
        input: {
          id: `${prefix}denial`,
          kind: 'DENIAL',
          relationshipId: `${prefix}rel`,
          author: `${prefix}mfa`,
          statement: 'Baseless.',
          date: '2024-06-01',
          sources: [source],
        },
      },
      editorToken,
    );
    expect(denial.errors).toBeUndefined();
    expect(denial.data!.recordStatement).toMatchObject({ id: `${prefix}denial`, kind: 'DENIAL', author: { id: `${prefix}mfa` } });
    const link = await server.graphql<{ relationship: { disputedBy: { id: string }[] } }>(
      /* GraphQL */ `{ relationship(id: "${prefix}rel") { disputedBy { id } } }`,
    );
    expect(link.data!.relationship.disputedBy.map((entity) => entity.id)).toContain(`${prefix}denial`);
  });

  it('retracts a relationship with a reason; it leaves the graph and stays in the history', async () => {
    const retracted = await server.graphql<{ retractRelationship: { action: string; reason: string; before: string } }>(
      /* GraphQL */ `
      mutation { retractRelationship(id: "${prefix}rel", reason: "Source withdrew the report") { action reason before } }
    `,
      {},
      editorToken,
    );
    expect(retracted.errors).toBeUndefined();
    expect(retracted.data!.retractRelationship).toMatchObject({ action: 'RETRACT', reason: 'Source withdrew the report' });
    expect(JSON.parse(retracted.data!.retractRelationship.before)).toMatchObject({
      id: `${prefix}rel`,
      type: 'AFFILIATED_WITH',
      confidence: 45,
    });
    const gone = await server.graphql(/* GraphQL */ `{ relationship(id: "${prefix}rel") { id } }`);
    expect(gone.errors![0].extensions!.code).toBe('NOT_FOUND');
    const events = await server.graphql<{ history: { action: string; reason: string }[] }>(history, { id: `${prefix}rel` });
    expect(events.data!.history[0]).toMatchObject({ action: 'RETRACT', reason: 'Source withdrew the report' });
    expect(events.data!.history.map((event) => event.action)).toContain('CREATE');
    const again = await server.graphql(
      /* GraphQL */ `mutation { retractRelationship(id: "${prefix}rel", reason: "again") { id } }`,
      {},
      editorToken,
    );
    expect(again.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('imports through the API with a dry run first, and reports every problem of a bad file', async () => {
    const content = JSON.stringify({
      format: 'attribution-explorer',
      version: 1,
      sources: [{ id: `${prefix}s`, title: 'T' }],
      entities: [{ id: `${prefix}imported`, kind: 'GROUP', name: 'Imported', sources: [{ source: `${prefix}s`, excerpt: 'e' }] }],
      relationships: [],
    });
    const importQuery = /* GraphQL */ `
      mutation ($content: String!, $dryRun: Boolean) {
        importData(format: JSON, content: $content, dryRun: $dryRun) {
          dryRun
          entities {
            created
            updated
            unchanged
          }
          warnings
        }
      }
    `;
    const dry = await server.graphql<{ importData: { dryRun: boolean; entities: { created: number } } }>(
      importQuery,
      { content, dryRun: true },
      editorToken,
    );
    expect(dry.data!.importData).toMatchObject({ dryRun: true, entities: { created: 1 } });
    const real = await server.graphql<{ importData: { entities: { created: number } } }>(importQuery, { content }, editorToken);
    expect(real.data!.importData.entities.created).toBe(1);
    const bad = await server.graphql(
      importQuery,
      { content: '{"format":"attribution-explorer","version":1,"entities":[{"id":"x","kind":"NOPE"}]}' },
      editorToken,
    );
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].message).toContain('entities[0] (x).kind');
  });
});
