import { describe, expect, it } from 'vitest';
import type { ImportEntity, ImportRelationship } from '../../../../../server/domain/import/document.js';
import { entityRow, relationshipRow, sourceRow } from '../../../../../server/domain/import/write-document.js';

/** The same object with its keys in reverse order (nested maps too), as another parser might build it. */
function reversed<T>(value: T): T {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversed(inner)]),
  ) as T;
}

const entity: ImportEntity = {
  id: 'homeland-justice',
  kind: 'THREAT_ACTOR',
  name: 'Homeland Justice',
  aliases: ['HomeLand Justice'],
  description: 'Persona that claimed the attacks on Albania.',
  date: null,
  properties: { firstSeen: '2022-07-15', lastSeen: '2023-12-25' },
  sources: [{ source: 'src-cisa', excerpt: 'identifying as "HomeLand Justice"' }],
  extra: null,
};

const relationship: ImportRelationship = {
  id: 'rel-hj-uses-zerocleare',
  type: 'USES',
  from: 'homeland-justice',
  to: 'zerocleare',
  stance: 'ASSERTED',
  confidence: null,
  since: '2022-07-15',
  until: null,
  description: null,
  sources: [{ source: 'src-cisa', excerpt: null }],
  disputedBy: [],
  extra: null,
};

describe('write fingerprints', () => {
  it('do not depend on the order a parser wrote the keys in (JSON, STIX and CSV build their objects differently)', () => {
    expect(entityRow(reversed(entity)).fingerprint).toBe(entityRow(entity).fingerprint);
    expect(relationshipRow(reversed(relationship)).fingerprint).toBe(relationshipRow(relationship).fingerprint);
    const source = { id: 'src-cisa', title: 'AA22-264A', publisher: 'CISA', url: 'https://www.cisa.gov/', published: '2022-09-21' };
    expect(sourceRow(reversed(source) as typeof source).fingerprint).toBe(sourceRow(source).fingerprint);
  });

  it('change with what the element says, and not with when it was written', () => {
    const base = entityRow(entity).fingerprint;
    expect(entityRow({ ...entity, description: 'Another description.' }).fingerprint).not.toBe(base);
    expect(entityRow({ ...entity, properties: { ...entity.properties, lastSeen: '2023-12-26' } }).fingerprint).not.toBe(base);
    expect(entityRow({ ...entity, sources: [...entity.sources].reverse().concat(entity.sources) }).fingerprint).not.toBe(base);
    expect(entityRow({ ...entity, created: '2024-01-01T00:00:00.000Z', modified: '2024-02-01T00:00:00.000Z' }).fingerprint).toBe(base);
    expect(relationshipRow({ ...relationship, confidence: 50 }).fingerprint).not.toBe(relationshipRow(relationship).fingerprint);
  });
});
