import fc from 'fast-check';
import { dateProperties, entityKinds, kindProperties, relationshipTypes, stances } from '../../server/domain/model.js';
import { enumOrHostile, hostileCitation, hostileDate, hostileInt, hostileText, maybeWrong } from './hostile-input.js';

/**
 * Inputs for every mutation, as fast-check arbitraries: hostile ones (any field wrong in any way) for callers
 * who must be refused whatever they send, and plausible ones for an editor, so that many changes are made.
 */

export interface IdArbitraries {
  id: fc.Arbitrary<string>;
  entity: fc.Arbitrary<string>;
  relationship: fc.Arbitrary<string>;
  source: fc.Arbitrary<string>;
}

export function entityInput(id: fc.Arbitrary<string>, sourceId: fc.Arbitrary<string>) {
  return fc.record(
    {
      id,
      kind: enumOrHostile(entityKinds),
      name: hostileText,
      aliases: maybeWrong(fc.array(hostileText, { maxLength: 3 })),
      description: hostileText,
      date: hostileDate,
      firstSeen: hostileDate,
      lastSeen: hostileDate,
      isoCode: hostileText,
      sector: hostileText,
      role: hostileText,
      countryCode: hostileText,
      aim: hostileText,
      outcome: hostileText,
      statement: hostileText,
      program: hostileText,
      action: hostileText,
      sources: maybeWrong(fc.array(hostileCitation(sourceId), { maxLength: 3 })),
    },
    { requiredKeys: ['id', 'kind', 'name'] },
  );
}

export function relationshipInput(id: fc.Arbitrary<string>, entityId: fc.Arbitrary<string>, sourceId: fc.Arbitrary<string>) {
  return fc.record(
    {
      id,
      type: enumOrHostile(relationshipTypes),
      from: entityId,
      to: entityId,
      stance: enumOrHostile(stances),
      confidence: maybeWrong(hostileInt),
      since: hostileDate,
      until: hostileDate,
      description: hostileText,
      sources: maybeWrong(fc.array(hostileCitation(sourceId), { maxLength: 3 })),
      disputedBy: maybeWrong(fc.array(entityId, { maxLength: 2 })),
    },
    { requiredKeys: ['type', 'from', 'to', 'stance', 'confidence', 'sources'] },
  );
}

export function statementInput(
  id: fc.Arbitrary<string>,
  relationshipId: fc.Arbitrary<string>,
  entityId: fc.Arbitrary<string>,
  sourceId: fc.Arbitrary<string>,
) {
  return fc.record(
    {
      id,
      kind: enumOrHostile(['CLAIM', 'DENIAL'] as const),
      relationshipId,
      author: entityId,
      name: hostileText,
      statement: hostileText,
      date: hostileDate,
      confidence: maybeWrong(hostileInt),
      sources: maybeWrong(fc.array(hostileCitation(sourceId), { maxLength: 3 })),
    },
    { requiredKeys: ['kind', 'relationshipId', 'author', 'sources'] },
  );
}

/** A project JSON document built from hostile values (or hostile text in place of a document). */
export function importContent(id: fc.Arbitrary<string>, entityId: fc.Arbitrary<string>, sourceId: fc.Arbitrary<string>) {
  const document = fc
    .record({
      sources: fc.array(
        fc.record(
          { id: sourceId, title: hostileText, publisher: hostileText, url: fc.oneof(fc.webUrl(), hostileText), published: hostileDate },
          { requiredKeys: ['id', 'title'] },
        ),
        { maxLength: 2 },
      ),
      entities: fc.array(
        fc.record(
          {
            id: entityId,
            kind: enumOrHostile(entityKinds),
            name: hostileText,
            aliases: fc.array(hostileText, { maxLength: 2 }),
            description: hostileText,
            date: hostileDate,
            properties: fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
            sources: fc.array(fc.record({ source: sourceId, excerpt: hostileText }), { maxLength: 2 }),
            extra: fc.dictionary(hostileText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
          },
          { requiredKeys: ['id', 'kind', 'name', 'sources'] },
        ),
        { maxLength: 3 },
      ),
      relationships: fc.array(
        fc.record(
          {
            id,
            type: enumOrHostile(relationshipTypes),
            from: entityId,
            to: entityId,
            stance: enumOrHostile(stances),
            confidence: maybeWrong(hostileInt),
            since: hostileDate,
            until: hostileDate,
            sources: fc.array(fc.record({ source: sourceId, excerpt: hostileText }), { maxLength: 2 }),
            disputedBy: fc.array(entityId, { maxLength: 2 }),
          },
          { requiredKeys: ['id', 'type', 'from', 'to', 'stance', 'confidence', 'sources'] },
        ),
        { maxLength: 3 },
      ),
    })
    .map((body) => JSON.stringify({ format: 'attribution-explorer', version: 1, ...body }));
  return fc.oneof({ weight: 3, arbitrary: document }, { weight: 1, arbitrary: hostileText });
}

/**
 * Plausible input with hostile text in every text field (any text is a valid name or description), and now
 * and then a bad date, number or type. Ids stay under `prefix`: a generated id would fall outside what the
 * caller cleans up.
 */
export function plausibleInputs(options: { prefix: string; fixtureEntities: string[]; fixtureRelationship: string; ids: IdArbitraries }) {
  const { prefix, fixtureEntities, fixtureRelationship, ids: editorIds } = options;
  const sometimes = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
  const goodDate = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  const date = sometimes(goodDate, hostileDate);
  const confidence = sometimes(fc.integer({ min: 0, max: 100 }), hostileInt);
  const fixture = fc.constantFrom(...fixtureEntities);
  const citation = fc.oneof(
    fc.record({ sourceId: fc.constant(`${prefix}src`), excerpt: hostileText }, { requiredKeys: ['sourceId'] }),
    fc.record(
      {
        sourceId: editorIds.id,
        title: hostileText,
        publisher: hostileText,
        url: sometimes(fc.webUrl(), hostileText),
        published: date,
        excerpt: hostileText,
      },
      { requiredKeys: ['sourceId', 'title'] },
    ),
    hostileCitation(editorIds.source),
  );
  const citations = sometimes(fc.array(citation, { minLength: 1, maxLength: 2 }), fc.array(citation, { maxLength: 0 }));
  const plausibleEntity = fc.constantFrom(...entityKinds).chain((kind) =>
    fc.record(
      {
        id: editorIds.id,
        kind: fc.constant(kind),
        name: hostileText,
        aliases: fc.array(hostileText, { maxLength: 3 }),
        description: hostileText,
        date,
        ...Object.fromEntries(kindProperties[kind].map((property) => [property, dateProperties.has(property) ? date : hostileText])),
        sources: citations,
      },
      { requiredKeys: ['id', 'kind', 'name', 'sources'] },
    ),
  );
  const plausibleRelationship = fc.record(
    {
      id: editorIds.id,
      type: sometimes(fc.constantFrom(...relationshipTypes), hostileText),
      from: sometimes(fixture, editorIds.entity),
      to: sometimes(fixture, editorIds.entity),
      stance: fc.constantFrom(...stances),
      confidence,
      since: date,
      until: date,
      description: hostileText,
      sources: citations,
      disputedBy: fc.array(fixture, { maxLength: 1 }),
    },
    { requiredKeys: ['type', 'from', 'to', 'stance', 'confidence', 'sources'] },
  );
  const plausibleStatement = fc.record(
    {
      id: editorIds.id,
      kind: fc.constantFrom('CLAIM', 'DENIAL'),
      relationshipId: sometimes(fc.constant(fixtureRelationship), editorIds.relationship),
      author: sometimes(fixture, editorIds.entity),
      name: hostileText,
      statement: hostileText,
      date,
      confidence,
      sources: citations,
    },
    { requiredKeys: ['id', 'kind', 'relationshipId', 'author', 'sources'] },
  );
  const cite = fc.array(fc.record({ source: sometimes(fc.constant(`${prefix}src`), editorIds.source), excerpt: hostileText }), {
    minLength: 1,
    maxLength: 2,
  });
  const plausibleImport = fc
    .record({
      sources: fc.array(
        fc.record(
          { id: editorIds.id, title: hostileText, publisher: hostileText, url: sometimes(fc.webUrl(), hostileText), published: date },
          { requiredKeys: ['id', 'title'] },
        ),
        { maxLength: 2 },
      ),
      entities: fc.array(
        fc.record(
          {
            id: editorIds.id,
            kind: sometimes(fc.constantFrom(...entityKinds), hostileText),
            name: hostileText,
            aliases: fc.array(hostileText, { maxLength: 2 }),
            description: hostileText,
            date,
            sources: cite,
            extra: fc.dictionary(hostileText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
          },
          { requiredKeys: ['id', 'kind', 'name', 'sources'] },
        ),
        { maxLength: 3 },
      ),
      relationships: fc.array(
        fc.record(
          {
            id: editorIds.id,
            type: sometimes(fc.constantFrom(...relationshipTypes), hostileText),
            from: sometimes(fixture, editorIds.entity),
            to: sometimes(fixture, editorIds.entity),
            stance: sometimes(fc.constantFrom(...stances), hostileText),
            confidence,
            since: date,
            until: date,
            description: hostileText,
            sources: cite,
            disputedBy: fc.array(fixture, { maxLength: 1 }),
          },
          { requiredKeys: ['id', 'type', 'from', 'to', 'stance', 'confidence', 'sources'] },
        ),
        { maxLength: 3 },
      ),
    })
    .map((body) => JSON.stringify({ format: 'attribution-explorer', version: 1, ...body }));
  return { entity: plausibleEntity, relationship: plausibleRelationship, statement: plausibleStatement, importContent: plausibleImport };
}
