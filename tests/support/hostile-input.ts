import fc from 'fast-check';
import { entityKinds, relationshipTypes, stances } from '../../server/domain/model.js';

/**
 * Hostile values for fuzzing (fast-check arbitraries): Cypher and Lucene injection, control characters,
 * unicode, empty and huge text, out-of-range numbers and values of the wrong type.
 */

/** Text an attacker would try in any string argument. */
export const injectionStrings = [
  "' OR 1=1 //",
  '" OR 1=1 //',
  '"}) MATCH (n) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n //",
  '}]->() DELETE r //',
  'x` DETACH DELETE n //',
  '`',
  '``',
  '$param',
  '$id',
  '${id}',
  '{{prefix}}',
  '\u0000',
  'a\u0000b',
  '\\',
  '\\"',
  '"',
  "'",
  '*:*',
  '*',
  '?',
  '~',
  '[a TO z]',
  '{a TO z}',
  'name:iran OR *:*',
  'iran AND NOT iran',
  '(iran',
  'iran)',
  '"iran',
  '+-&&||!(){}[]^"~*?:\\/',
  '/.*/',
  'CALL db.labels() YIELD label RETURN label',
  'RETURN 1; MATCH (n) DETACH DELETE n',
  '// comment',
  '/* comment',
  '<script>alert(1)</script>',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀🏴‍☠️',
  'e\u0301',
  '\ud800',
  '\r\n\t',
  ' ',
  '',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '9999-99-99',
  '2023-02-30',
  '2023-02-29',
  '0000-00-00',
  '1900-02-29',
] as const;

/** Ids of the founding case, which every test may read and none may change. */
export const foundingEntityIds = [
  'homeland-justice',
  'iran',
  'iran-mois',
  'iran-mfa',
  'albania',
  'albanian-parliament',
  'sanc-us-mois-2022',
  'inc-parliament-2023',
  'inc-july-2022',
  'denial-iran-mfa',
  'claim-hj-parliament',
  'camp-albania-cyberattacks',
] as const;
export const foundingRelationshipIds = ['rel-hj-affiliated-iran'] as const;

const grapheme = fc.string({ unit: 'grapheme', maxLength: 40 });
const binary = fc.string({ unit: 'binary', maxLength: 40 });
const huge = fc
  .integer({ min: 1_000, max: 60_000 })
  .chain((length) => fc.constantFrom('a', 'é', '😀', "'", '\\', '*').map((unit) => unit.repeat(length)));

/** Any text: injections (alone or wrapped in random text), random unicode, empty, huge. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...injectionStrings) },
  { weight: 2, arbitrary: fc.tuple(grapheme, fc.constantFrom(...injectionStrings), grapheme).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: grapheme },
  { weight: 1, arbitrary: binary },
  { weight: 1, arbitrary: huge },
);

/** Ids: the founding case's, random text, injections. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<string>(...foundingEntityIds, ...foundingRelationshipIds) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 4, arbitrary: hostileText },
);

/** Whole numbers from the edges: 0, negatives, GraphQL's Int bounds and beyond them, floats. */
export const hostileInt: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -3, max: 30 }),
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, -(2 ** 53), 1e300, 0.5, -0.0, 4.000001),
);

/** Values of every JSON type, for a variable that expects something else. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.string({ maxLength: 10 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

/** Mostly the right shape, sometimes a wrong type. */
export function maybeWrong<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 6, arbitrary }, { weight: 1, arbitrary: wrongType });
}

export const enumOrHostile = <T extends string>(values: readonly T[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileText });

/** A date argument: real dates, impossible calendar dates, other text. */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2022-07-15', '2023-12-25', '2024-02-29', '1970-01-01', '9999-12-31', '0001-01-01'),
  fc.constantFrom('2023-02-30', '2023-02-31', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-02-29', '0000-01-01'),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([year, month, day]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
  hostileText,
);

/** A RelationshipFilter with hostile values in every field (sometimes absent fields, sometimes wrong types). */
export const hostileFilter = fc.record(
  {
    types: maybeWrong(fc.array(enumOrHostile(relationshipTypes), { maxLength: 3 })),
    minConfidence: maybeWrong(hostileInt),
    stances: maybeWrong(fc.array(enumOrHostile(stances), { maxLength: 3 })),
    asOf: maybeWrong(hostileDate),
  },
  { requiredKeys: [] },
);

export const hostileKinds = maybeWrong(fc.array(enumOrHostile(entityKinds), { maxLength: 3 }));

/** A citation: existing or new sources, with hostile titles, urls, dates and excerpts. */
export function hostileCitation(sourceId: fc.Arbitrary<string>) {
  return fc.record(
    {
      sourceId,
      title: hostileText,
      publisher: hostileText,
      url: fc.oneof(fc.webUrl(), hostileText, fc.constant('javascript:alert(1)')),
      published: hostileDate,
      excerpt: hostileText,
    },
    { requiredKeys: [] },
  );
}

/** The seed fast-check runs with: FUZZ_SEED when set (to replay a failure), else a fresh one. */
export function fuzzSeed(): number {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  return seed;
}
