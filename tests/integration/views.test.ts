import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorToken, readerToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';

// Shared views: stored in Neo4j, readable by anyone who may read, changed only by their author or an editor, audited.
let server: TestServer;
const prefix = uniquePrefix('views');
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
});

const save = /* GraphQL */ `
  mutation Save($input: ViewInput!) {
    saveView(input: $input) {
      id
      title
      note
      url
      state
      author
      updatedAt
    }
  }
`;
const read = /* GraphQL */ `
  query Read($id: ID!) {
    view(id: $id) {
      id
      title
      url
      state
      author
    }
  }
`;
const state = {
  positions: [
    { id: 'iran', x: 12.345678901234, y: -98.7654321 },
    { id: 'albania', x: 300.5, y: 0.1 },
  ],
  edges: ['rel-x'],
  hidden: ['albania'],
  pinned: ['iran'],
  selection: ['iran'],
  filters: { hiddenStances: ['DENIED'], minConfidence: 40 },
  layout: 'dagre',
};
type View = { id: string; title: string; note: string | null; url: string; state: typeof state; author: string | null; updatedAt: string };

describe('saved views', () => {
  it('saves a view with the exact state, gives it /v/<id>, and anyone may read it', async () => {
    const saved = await server.graphql<{ saveView: View }>(
      save,
      { input: { title: 'Iran and Albania', note: 'For the brief', state } },
      readerToken,
    );
    expect(saved.errors).toBeUndefined();
    const view = saved.data!.saveView;
    expect(view.url).toBe(`/v/${view.id}`);
    expect(view.author).toBe('reader');
    expect(view.state).toEqual(state);
    expect(Date.parse(view.updatedAt)).not.toBeNaN();
    for (const token of [undefined, readerToken, editorToken]) {
      const opened = await server.graphql<{ view: View }>(read, { id: view.id }, token);
      expect(opened.data!.view.state).toEqual(state);
      expect(opened.data!.view.state.positions[0].x).toBe(12.345678901234);
    }
    const listed = await server.graphql<{ views: { id: string }[] }>(/* GraphQL */ `
      {
        views(limit: 200) {
          id
        }
      }
    `);
    expect(listed.data!.views.map((v) => v.id)).toContain(view.id);
    // It goes away with the test's own data.
    await server.graphql(
      /* GraphQL */ `
        mutation ($id: ID!) {
          deleteView(id: $id)
        }
      `,
      { id: view.id },
      editorToken,
    );
  });

  it('lets its author and editors change it, and nobody else; needs a token to save at all', async () => {
    const id = `${prefix}team`;
    const created = await server.graphql<{ saveView: View }>(save, { input: { id, title: 'Team view', state } }, editorToken);
    expect(created.data!.saveView.author).toBe('tester');
    const byReader = await server.graphql(save, { input: { id, title: 'Taken over', state } }, readerToken);
    expect(byReader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.graphql(save, { input: { title: 'No token', state } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const deletedByReader = await server.graphql(
      /* GraphQL */ `
        mutation ($id: ID!) {
          deleteView(id: $id)
        }
      `,
      { id },
      readerToken,
    );
    expect(deletedByReader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const renamed = await server.graphql<{ saveView: View }>(save, { input: { id, title: 'Team view, revised', state } }, editorToken);
    expect(renamed.data!.saveView.title).toBe('Team view, revised');
    expect(renamed.data!.saveView.author).toBe('tester');
    const unchanged = await server.graphql<{ view: View }>(read, { id });
    expect(unchanged.data!.view.title).toBe('Team view, revised');
  });

  it('keeps every save and the deletion in the audit history', async () => {
    const id = `${prefix}audited`;
    await server.graphql(save, { input: { id, title: 'First', state } }, readerToken);
    await server.graphql(save, { input: { id, title: 'Second', state: { ...state, hidden: [] } } }, readerToken);
    const deleted = await server.graphql<{ deleteView: boolean }>(
      /* GraphQL */ `
        mutation ($id: ID!) {
          deleteView(id: $id)
        }
      `,
      { id },
      readerToken,
    );
    expect(deleted.data!.deleteView).toBe(true);
    expect((await server.graphql<{ view: View | null }>(read, { id })).data!.view).toBeNull();
    const history = await server.graphql<{
      history: { action: string; actor: string; subjectType: string; before: string | null; after: string | null }[];
    }>(
      /* GraphQL */ `
        query ($id: ID!) {
          history(subjectId: $id) {
            action
            actor
            subjectType
            before
            after
          }
        }
      `,
      { id },
    );
    const events = history.data!.history;
    expect(events.map((e) => e.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);
    expect(events.every((e) => e.subjectType === 'VIEW' && e.actor === 'reader')).toBe(true);
    expect(JSON.parse(events[1].before!).title).toBe('First');
    expect(JSON.parse(events[1].after!).state.hidden).toEqual([]);
  });

  it('refuses a state that is not a view, and bad ids, and says why', async () => {
    const missing = await server.graphql(
      save,
      { input: { title: 'Broken', state: { positions: [{ id: 'iran', x: 'left', y: 0 }] } } },
      editorToken,
    );
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/positions\.0\.x/);
    const notObject = await server.graphql(save, { input: { title: 'Broken', state: [1, 2] } }, editorToken);
    expect(notObject.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badId = await server.graphql(save, { input: { id: '../etc', title: 'x', state } }, editorToken);
    expect(badId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await server.graphql<{ view: View | null }>(read, { id: 'no-such-view' })).data!.view).toBeNull();
  });

  it('serves the explorer at /v/<id>, so the link opens the app', async () => {
    const response = await fetch(`${server.url}/v/some-view-id`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<div id="app"/);
  });
});
