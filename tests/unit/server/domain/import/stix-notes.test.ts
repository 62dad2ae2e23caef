import { describe, expect, it } from 'vitest';
import { parseStixBundle } from '../../../../../server/domain/import/parse-stix.js';

const bundleId = 'bundle--00000000-0000-4000-8000-000000000000';
const actor = {
  type: 'threat-actor',
  spec_version: '2.1',
  id: 'threat-actor--00000000-0000-4000-8000-000000000001',
  created: '2024-01-01T00:00:00Z',
  modified: '2024-01-01T00:00:00Z',
  name: 'Test crew',
  x_ae_id: 'test-crew',
};
const note = (fields: Record<string, unknown>) => ({
  type: 'note',
  spec_version: '2.1',
  id: 'note--00000000-0000-4000-8000-000000000002',
  created: '2024-03-04T05:06:07.890Z',
  modified: '2024-03-04T05:06:07.890Z',
  content: 'Same loader as in 2021.',
  authors: ['ana'],
  object_refs: [actor.id],
  ...fields,
});
const parse = (...objects: unknown[]) => parseStixBundle(JSON.stringify({ type: 'bundle', id: bundleId, objects }));

describe('STIX notes', () => {
  it('reads a note from our export as an analyst note on its subject, with author, time and no invented source', () => {
    const { document, problems } = parse(actor, note({ x_ae_id: 'note-1', x_ae_note_subject: 'test-crew' }));
    expect(problems).toEqual([]);
    expect(document!.notes).toEqual([
      {
        id: 'note-1',
        subject: 'test-crew',
        text: 'Same loader as in 2021.',
        author: 'ana',
        createdAt: '2024-03-04T05:06:07.890Z',
        sources: [],
      },
    ]);
    expect(document!.entities.map((entity) => entity.id)).toEqual(['test-crew']);
  });

  it('keeps reading a note from elsewhere as a claim about its objects, as before', () => {
    const { document } = parse(actor, note({}));
    expect(document!.notes).toEqual([]);
    expect(document!.entities.map((entity) => entity.kind).sort()).toEqual(['CLAIM', 'THREAT_ACTOR']);
  });
});
