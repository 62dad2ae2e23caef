import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSubgraph } from '../../server/domain/export/index.js';
import { importContent } from '../../server/domain/import/run-import.js';
import { readExtension } from '../../server/domain/stix/extension.js';
import { editorToken, readerToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';
import { checkExtensionSchema, validateStix } from '../support/stix-checks.js';
import { tlpMarkings } from '../../shared/markings.js';

let server: TestServer;
const prefix = uniquePrefix('notes');
const incident = `${prefix}incident`;
const actor = `${prefix}actor`;
const link = `${prefix}attributed`;
const sourceId = `${prefix}src-notebook`;
// One word no other data holds, so the search can only find these notes.
const marker = `wiperkey${prefix.replace(/[^a-z0-9]/g, '')}`;

const source = { title: 'Field notebook', publisher: 'Test desk', url: 'https://example.org/n', published: '2024-05-01', excerpt: 'Logs.' };

interface NoteShape {
  id: string;
  text: string;
  author: string;
  createdAt: string;
  subjectId: string;
  sources: { id: string; title: string; excerpt: string | null }[];
}
const noteFields = /* GraphQL */ `
  fragment NoteFields on Note {
    id
    text
    author
    createdAt
    subjectId
    sources {
      id
      title
      excerpt
    }
  }
`;
const addNote = /* GraphQL */ `
  mutation ($subjectId: ID!, $text: String!, $sources: [CitationInput!]) {
    addNote(subjectId: $subjectId, text: $text, sources: $sources) {
      ...NoteFields
    }
  }
  ${noteFields}
`;
const notesAround = /* GraphQL */ `
  query ($entity: ID!, $link: ID!) {
    entity(id: $entity) {
      notes {
        ...NoteFields
      }
    }
    relationship(id: $link) {
      notes {
        ...NoteFields
      }
    }
  }
  ${noteFields}
`;

async function must<T>(query: string, variables: Record<string, unknown>, token = editorToken): Promise<T> {
  const result = await server.graphql<T>(query, variables, token);
  if (result.errors) throw new Error(result.errors[0].message);
  return result.data!;
}

beforeAll(async () => {
  server = await startTestServer();
  const upsert = /* GraphQL */ `
    mutation ($input: EntityInput!) {
      upsertEntity(input: $input) {
        id
      }
    }
  `;
  await must(upsert, { input: { id: incident, kind: 'INCIDENT', name: 'Test wiper attack', date: '2024-04-30', sources: [source] } });
  await must(upsert, { input: { id: actor, kind: 'THREAT_ACTOR', name: 'Test crew', sources: [source] } });
  await must(
    /* GraphQL */ `
      mutation ($input: RelationshipInput!) {
        assertRelationship(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        id: link,
        type: 'ATTRIBUTED_TO',
        from: incident,
        to: actor,
        stance: 'SUSPECTED',
        confidence: 60,
        sources: [{ ...source, sourceId }],
      },
    },
  );
});
afterAll(async () => {
  await server.graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
});

describe('analysts’ notes', () => {
  let entityNote: NoteShape;
  let linkNote: NoteShape;

  it('are for editors, and refuse empty or control-character text and unknown subjects', async () => {
    const asReader = await server.graphql(addNote, { subjectId: actor, text: 'A reader’s thought' }, readerToken);
    expect(asReader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const control = await server.graphql(addNote, { subjectId: actor, text: 'hidden\u0000text' }, editorToken);
    expect(control.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(control.errors?.[0].message).toContain('control character U+0000');
    const empty = await server.graphql(addNote, { subjectId: actor, text: '   ' }, editorToken);
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const nowhere = await server.graphql(addNote, { subjectId: `${prefix}nothing`, text: 'About nothing' }, editorToken);
    expect(nowhere.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(nowhere.errors?.[0].message).toContain('no entity, relationship or hypothesis');
    const [stored] = await server.graph.runText('MATCH (n:Note) WHERE n.subjectId STARTS WITH $prefix RETURN count(n) AS count', 'READ', {
      prefix,
    });
    expect(stored.count).toBe(0);
  });

  it('are written with author, time and sources, shown on entities and links, and audited', async () => {
    const before = new Date().toISOString();
    entityNote = (
      await must<{ addNote: NoteShape }>(addNote, {
        subjectId: actor,
        text: `The ${marker} overlaps with <img src=x onerror=alert(1)> older tooling.`,
        sources: [{ ...source, sourceId, excerpt: 'Same loader as in 2021.' }],
      })
    ).addNote;
    expect(entityNote).toMatchObject({
      author: 'tester',
      subjectId: actor,
      sources: [{ id: sourceId, excerpt: 'Same loader as in 2021.' }],
    });
    expect(entityNote.createdAt >= before).toBe(true);
    linkNote = (await must<{ addNote: NoteShape }>(addNote, { subjectId: link, text: `Only one ${marker} source so far.` })).addNote;
    expect(linkNote.sources).toEqual([]);

    const read = await must<{ entity: { notes: NoteShape[] }; relationship: { notes: NoteShape[] } }>(notesAround, { entity: actor, link });
    expect(read.entity.notes).toEqual([entityNote]);
    expect(read.relationship.notes).toEqual([linkNote]);

    const history = await must<{ history: { action: string; subjectType: string; actor: string }[] }>(
      /* GraphQL */ `
        query ($id: ID!) {
          history(subjectId: $id) {
            action
            subjectType
            actor
          }
        }
      `,
      { id: entityNote.id },
    );
    expect(history.history).toEqual([{ action: 'CREATE', subjectType: 'NOTE', actor: 'tester' }]);
  });

  it('can be written about a hypothesis of the matrix and read there', async () => {
    const hypothesisId = `${incident}:hypothesis:${actor}`;
    await must(addNote, { subjectId: hypothesisId, text: 'Check the crew’s other victims first.' });
    const matrix = await must<{ hypothesisMatrix: { hypotheses: { id: string; notes: { text: string }[] }[] } }>(
      /* GraphQL */ `
        query ($incident: ID!) {
          hypothesisMatrix(incident: $incident) {
            hypotheses {
              id
              notes {
                text
              }
            }
          }
        }
      `,
      { incident },
    );
    expect(matrix.hypothesisMatrix.hypotheses.find((hypothesis) => hypothesis.id === hypothesisId)?.notes).toEqual([
      { text: 'Check the crew’s other victims first.' },
    ]);
  });

  it('are found by the notes search, by any word of their text', async () => {
    const found = await must<{ notes: { id: string }[] }>(
      /* GraphQL */ `
        query ($text: String!) {
          notes(text: $text) {
            id
          }
        }
      `,
      { text: marker },
      readerToken,
    );
    expect(found.notes.map((note) => note.id).sort()).toEqual([entityNote.id, linkNote.id].sort());
  });

  it('appear in the Markdown and HTML reports, escaped, with their citations', async () => {
    const markdown = (await exportSubgraph(server.graph, { ids: [incident, actor], format: 'MARKDOWN' })).content;
    expect(markdown).toContain("## Analysts' notes");
    expect(markdown).toContain(`- On Test crew, tester (${entityNote.createdAt.slice(0, 10)}): “The ${marker} overlaps with \\<img`);
    expect(markdown).toMatch(/“Same loader as in 2021\.” — Test desk, \*Field notebook\*/);
    const html = (await exportSubgraph(server.graph, { ids: [incident, actor], format: 'HTML' })).content;
    expect(html).toContain('<h2>Analysts’ notes</h2>');
    expect(html).toContain(`Only one ${marker} source so far.`);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('round-trip through a STIX bundle: note objects on their subjects, back on the same subjects after deleting', async () => {
    const bundle = (await exportSubgraph(server.graph, { ids: [incident, actor], format: 'STIX' })).content;
    const objects = (JSON.parse(bundle) as { objects: Record<string, unknown>[] }).objects;
    const localId = (object: Record<string, unknown>) => readExtension(object)?.local_id;
    const idOf = (ourId: string) => objects.find((object) => localId(object) === ourId)!.id;
    const notes = objects.filter((object) => object.type === 'note' && readExtension(object)?.note_subject);
    expect(notes).toHaveLength(2);
    const entityNoteObject = notes.find((object) => localId(object) === entityNote.id)!;
    expect(entityNoteObject).toMatchObject({
      object_refs: [idOf(actor)],
      authors: ['tester'],
      content: entityNote.text,
      created: entityNote.createdAt,
    });
    expect(readExtension(entityNoteObject)).toMatchObject({ rendered: true, note_subject: actor });
    expect(notes.find((object) => localId(object) === linkNote.id)).toMatchObject({ object_refs: [idOf(link)], content: linkNote.text });
    // Strict mode, nothing disabled: the notes add no custom top-level property (they ride in the project's extension).
    expect(await validateStix(bundle, true)).toEqual({ valid: true, errors: {} });
    expect((await checkExtensionSchema(bundle)).errors).toEqual({});

    await server.graph.write('admin/delete-by-id-prefix', { prefix });
    expect((await server.graphql<{ entity: null }>(notesAround, { entity: actor, link })).data?.entity).toBeNull();

    const report = await importContent(server.graph, 'STIX', bundle, { audit: { actor: 'tester', perElement: false } });
    expect(report.notes).toEqual({ created: 2, updated: 0, unchanged: 0, keptNewer: 0 });
    const back = await must<{ entity: { notes: NoteShape[] }; relationship: { notes: NoteShape[] } }>(notesAround, { entity: actor, link });
    expect(back.entity.notes).toEqual([
      { ...entityNote, sources: [{ id: sourceId, title: 'Field notebook', excerpt: 'Same loader as in 2021.' }] },
    ]);
    expect(back.relationship.notes).toEqual([linkNote]);

    const again = await importContent(server.graph, 'STIX', bundle);
    expect(again.notes).toEqual({ created: 0, updated: 0, unchanged: 2, keptNewer: 0 });

    // A bundle that changed a note's words updates it, and the history keeps the words it had.
    const edited = bundle.replace(`Only one ${marker} source so far.`, `Two ${marker} sources now.`);
    const update = await importContent(server.graph, 'STIX', edited, { audit: { actor: 'reviewer', perElement: false } });
    expect(update.notes).toEqual({ created: 0, updated: 1, unchanged: 1, keptNewer: 0 });
    const history = await must<{ history: { action: string; actor: string; before: string; after: string }[] }>(
      /* GraphQL */ `
        query ($id: ID!) {
          history(subjectId: $id) {
            action
            actor
            before
            after
          }
        }
      `,
      { id: linkNote.id },
    );
    expect(history.history[0]).toMatchObject({ action: 'UPDATE', actor: 'reviewer' });
    expect(JSON.parse(history.history[0].before)).toMatchObject({ text: `Only one ${marker} source so far.` });
    expect(JSON.parse(history.history[0].after)).toMatchObject({ text: `Two ${marker} sources now.` });
  });
  it('travel with their subject under a TLP ceiling: shared under its markings, withheld with it', async () => {
    const amber = tlpMarkings.find((marking) => marking.name === 'TLP:AMBER' && marking.version === '2.0')!;
    await must(
      /* GraphQL */ `
        mutation ($input: EntityInput!) {
          upsertEntity(input: $input) {
            id
          }
        }
      `,
      { input: { id: actor, kind: 'THREAT_ACTOR', name: 'Test crew', sources: [source], markings: ['TLP:AMBER'] } },
    );
    const open = JSON.parse((await exportSubgraph(server.graph, { ids: [incident, actor], format: 'STIX' })).content) as {
      objects: Record<string, unknown>[];
    };
    const entityNoteObject = open.objects.find((object) => readExtension(object)?.local_id === entityNote.id);
    expect(entityNoteObject?.object_marking_refs).toEqual([amber.id]);

    const ceiling = { ids: [incident, actor], tlpCeiling: 'GREEN' as const };
    const withheld = JSON.parse((await exportSubgraph(server.graph, { ...ceiling, format: 'STIX' })).content) as {
      objects: Record<string, unknown>[];
    };
    // The actor is above the ceiling, and with it the link that ends at it: neither's notes may travel.
    expect(withheld.objects.filter((object) => object.type === 'note')).toEqual([]);
    const markdown = (await exportSubgraph(server.graph, { ...ceiling, format: 'MARKDOWN' })).content;
    expect(markdown).not.toContain(marker);
    expect(markdown).not.toContain("## Analysts' notes");
  });
});
