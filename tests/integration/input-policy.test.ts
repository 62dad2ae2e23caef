import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';

// One text policy and one URL policy for every way in (the edit API, CSV, project JSON, STIX): refused with
// BAD_USER_INPUT naming where, before anything is written.

let server: TestServer;
const prefix = uniquePrefix('input-policy');
const source = { title: 'Analyst notebook', url: 'https://example.org/notes', excerpt: 'Seen in the logs.' };
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
});

const upsert = /* GraphQL */ `
  mutation ($input: EntityInput!) {
    upsertEntity(input: $input) {
      id
    }
  }
`;
const importData = /* GraphQL */ `
  mutation ($format: ImportFormat!, $content: String!) {
    importData(format: $format, content: $content) {
      entities {
        created
      }
    }
  }
`;

type Answer = Awaited<ReturnType<TestServer['graphql']>>;

function refusal(answer: Answer): string {
  expect(answer.errors, JSON.stringify(answer.data)).toBeDefined();
  expect(answer.errors![0].extensions?.code, answer.errors![0].message).toBe('BAD_USER_INPUT');
  return answer.errors![0].message;
}

/** Whether an entity with this id exists, and how many audit events name it. */
async function traces(id: string): Promise<{ exists: boolean; events: number }> {
  const answer = await server.graphql<{ history: unknown[] }>(
    /* GraphQL */ `
      query ($id: ID!) {
        entity(id: $id) {
          id
        }
        history(subjectId: $id) {
          action
        }
      }
    `,
    { id },
  );
  return { exists: answer.errors?.[0]?.extensions?.code !== 'NOT_FOUND', events: answer.data?.history.length ?? 0 };
}

describe('text that is not well-formed Unicode, or holds control characters (finding 6)', () => {
  it('upsertEntity with a lone surrogate in the id is refused, and nothing is written under either spelling', async () => {
    const id = `${prefix}x-\ud800`;
    const message = refusal(await server.graphql(upsert, { input: { id, kind: 'GROUP', name: 'X', sources: [source] } }, editorToken));
    expect(message).toMatch(/id holds an unpaired surrogate \(U\+D800/);
    // The driver would have stored U+FFFD in place of the surrogate.
    for (const spelling of [id, `${prefix}x-\ufffd`]) expect(await traces(spelling)).toEqual({ exists: false, events: 0 });
  });

  it('refuses NUL and other control characters in names, aliases and descriptions, naming the field', async () => {
    for (const [field, value, expected] of [
      ['name', 'Bad\u0000name', /name holds the control character U\+0000/],
      ['aliases', ['ok', 'bell\u0007'], /aliases\[1\] holds the control character U\+0007/],
      ['description', 'escape \u001b[31m red', /description holds the control character U\+001B/],
    ] as const) {
      const id = `${prefix}ctl-${field}`;
      const input = { id, kind: 'GROUP', name: 'Fine', sources: [source], [field]: value };
      expect(refusal(await server.graphql(upsert, { input }, editorToken))).toMatch(expected);
      expect(await traces(id)).toEqual({ exists: false, events: 0 });
    }
  });

  it('keeps tabs and line breaks in free text', async () => {
    const id = `${prefix}multiline`;
    const answer = await server.graphql(
      upsert,
      { input: { id, kind: 'GROUP', name: 'Fine', description: 'Line one\r\nLine\ttwo', sources: [source] } },
      editorToken,
    );
    expect(answer.errors).toBeUndefined();
  });

  it('recordStatement with a lone surrogate in its statement is refused and writes nothing', async () => {
    const setup = await server.graphql(
      /* GraphQL */ `
        mutation ($a: EntityInput!, $b: EntityInput!, $link: RelationshipInput!) {
          a: upsertEntity(input: $a) {
            id
          }
          b: upsertEntity(input: $b) {
            id
          }
          link: assertRelationship(input: $link) {
            id
          }
        }
      `,
      {
        a: { id: `${prefix}a`, kind: 'STATE', name: 'A', sources: [source] },
        b: { id: `${prefix}b`, kind: 'STATE', name: 'B', sources: [source] },
        link: {
          id: `${prefix}a-b`,
          type: 'RELATED_TO',
          from: `${prefix}a`,
          to: `${prefix}b`,
          stance: 'ASSERTED',
          confidence: 50,
          sources: [source],
        },
      },
      editorToken,
    );
    expect(setup.errors).toBeUndefined();
    const id = `${prefix}denial`;
    const answer = await server.graphql(
      /* GraphQL */ `
        mutation ($input: StatementInput!) {
          recordStatement(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          id,
          kind: 'DENIAL',
          relationshipId: `${prefix}a-b`,
          author: `${prefix}b`,
          statement: 'We deny \udc00 it',
          sources: [source],
        },
      },
      editorToken,
    );
    expect(refusal(answer)).toMatch(/statement holds an unpaired surrogate \(U\+DC00/);
    expect(await traces(id)).toEqual({ exists: false, events: 0 });

    const retract = await server.graphql(
      /* GraphQL */ `
        mutation ($id: ID!, $reason: String!) {
          retractRelationship(id: $id, reason: $reason) {
            id
          }
        }
      `,
      { id: `${prefix}a-b`, reason: 'wrong\u0000' },
      editorToken,
    );
    expect(refusal(retract)).toMatch(/reason holds the control character U\+0000/);
    expect((await traces(`${prefix}a-b`)).events).toBe(1); // its CREATE, no RETRACT
  });

  it('an import with a lone surrogate in an id is refused each time, never counted as created', async () => {
    const content = JSON.stringify({
      format: 'attribution-explorer',
      version: 1,
      sources: [{ id: `${prefix}src`, title: 'S' }],
      entities: [{ id: `${prefix}imp-\ud83d`, kind: 'GROUP', name: 'Imported', sources: [{ source: `${prefix}src` }] }],
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const message = refusal(await server.graphql(importData, { format: 'JSON', content }, editorToken));
      expect(message).toContain(`entity ${prefix}imp-\\ud83d: id holds an unpaired surrogate`);
    }
    expect(await traces(`${prefix}imp-\ufffd`)).toEqual({ exists: false, events: 0 });
  });
});

const hostileUrls = [
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.example/"><script>alert(1)</script>',
  "https://evil.example/'onmouseover='alert(1)",
  'https://evil.example/a b',
  'https://evil.example/<b>',
  '//evil.example/no-scheme',
];

describe('one URL policy for every way in (finding 2)', () => {
  it.each(hostileUrls)('the edit API refuses %j, naming the field', async (url) => {
    const id = `${prefix}url-edit`;
    const message = refusal(
      await server.graphql(upsert, { input: { id, kind: 'GROUP', name: 'X', sources: [{ ...source, url }] } }, editorToken),
    );
    expect(message).toMatch(/^input\.sources\[0\]\.url /);
    expect(await traces(id)).toEqual({ exists: false, events: 0 });
  });

  it.each(hostileUrls)('project JSON refuses %j, naming the source and field', async (url) => {
    const content = JSON.stringify({
      format: 'attribution-explorer',
      version: 1,
      sources: [{ id: `${prefix}json-src`, title: 'S', url }],
      entities: [{ id: `${prefix}json-e`, kind: 'GROUP', name: 'E', sources: [{ source: `${prefix}json-src` }] }],
    });
    expect(refusal(await server.graphql(importData, { format: 'JSON', content }, editorToken))).toContain(
      `sources[0] (${prefix}json-src).url:`,
    );
    expect(await traces(`${prefix}json-e`)).toEqual({ exists: false, events: 0 });
  });

  it.each(hostileUrls)('CSV refuses %j, naming the line and column', async (url) => {
    const cell = `"${url.replaceAll('"', '""')}"`;
    const content = `id,kind,name,source_title,source_url\n${prefix}csv-e,GROUP,E,Some report,${cell}\n`;
    expect(refusal(await server.graphql(importData, { format: 'CSV_ENTITIES', content }, editorToken))).toContain(
      'entities.csv:2: source_url:',
    );
    expect(await traces(`${prefix}csv-e`)).toEqual({ exists: false, events: 0 });
  });

  it.each(hostileUrls)('STIX refuses %j in external_references and in x_ae_sources, naming the object', async (url) => {
    for (const where of ['external_references', 'x_ae_sources'] as const) {
      const id = `intrusion-set--${randomUUID()}`;
      const reference =
        where === 'external_references'
          ? { external_references: [{ source_name: 'vendor', url }] }
          : { x_ae_sources: [{ id: `${prefix}stix-src`, title: 'S', url, excerpt: null }] };
      const content = JSON.stringify({
        type: 'bundle',
        id: `bundle--${randomUUID()}`,
        objects: [
          {
            type: 'intrusion-set',
            spec_version: '2.1',
            id,
            created: '2024-01-01T00:00:00Z',
            modified: '2024-01-01T00:00:00Z',
            name: 'Hostile',
            x_ae_id: `${prefix}stix-${where}`,
            ...reference,
          },
        ],
      });
      const message = refusal(await server.graphql(importData, { format: 'STIX', content }, editorToken));
      expect(message).toContain(`${id}: ${where}.0.url`);
      expect(await traces(`${prefix}stix-${where}`)).toEqual({ exists: false, events: 0 });
    }
  });

  it('accepts ordinary http and https URLs, with percent-encoded quotes and spaces', async () => {
    const url = 'https://example.org/report%20one?q=%22quoted%22&x=1#section-2';
    const answer = await server.graphql(
      upsert,
      {
        input: {
          id: `${prefix}url-ok`,
          kind: 'GROUP',
          name: 'OK',
          sources: [
            { ...source, url },
            { title: 'Plain', url: 'http://example.com' },
          ],
        },
      },
      editorToken,
    );
    expect(answer.errors).toBeUndefined();
  });
});
