import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultPathStances,
  expandForPaths,
  expansionSlots,
  findRankedPaths,
  linkParams,
  scoreEntitySequencesIn,
  type PathOptions,
} from '../../server/domain/find-paths.js';
import { decodeLink, typeCodes } from '../../server/domain/paths/link-codes.js';
import { profiles } from '../../server/domain/paths/profiles.js';
import { toFilterParams } from '../../server/domain/relationship-filter.js';
import { relationshipTypes } from '../../shared/vocabulary.js';
import { importContent } from '../../server/domain/import/run-import.js';
import type { PathRecord } from '../../server/domain/types.js';
import { connectTestGraph } from '../support/graph.js';
import { freshBundle, removeImported } from '../support/stix-bundles.js';

// The second case (tests/fixtures/stix/albania-2022-reporting.json, public reporting with origins on every
// statement), with fresh STIX ids: imported here, removed after.
const graph = connectTestGraph();
const bundle = freshBundle('albania-2022-reporting.json');
const { document } = bundle;

beforeAll(async () => {
  const report = await importContent(graph, 'STIX', bundle.content);
  expect(report.entities.created).toBe(document.entities.length);
});
afterAll(async () => {
  await removeImported(graph, [document]);
  await graph.close();
});

const idOf = (name: string) => {
  const found = document.entities.filter((entity) => entity.name === name);
  expect(found, name).toHaveLength(1);
  return found[0].id;
};
const homelandJustice = () => idOf('HomeLand Justice');
const treasury = () => idOf('U.S. Department of the Treasury');
const mois = () => idOf('Ministry of Intelligence and Security (MOIS)');
const governmentOfIran = () => idOf('Government of Iran');
const julyAttack = () => idOf('Destructive cyber attack against the Government of Albania (July 2022)');
const europium = () => idOf('EUROPIUM');

const paths = (from: string, to: string, options: Partial<PathOptions>) =>
  findRankedPaths(graph, from, to, { maxHops: 4, limit: 5, ...options });
const ids = (path: PathRecord) => path.entities.map((entity) => entity.id);

/** Source ids of the document by origin (the citing object's creator) and publisher. */
function sourceOf(origin: string, publisher: string): string {
  const found = document.sources.filter((source) => source.origin === origin && source.publisher === publisher);
  expect(found, `${origin} via ${publisher}`).toHaveLength(1);
  return found[0].id;
}

describe('paths on the second case: public reporting with many sources (issue 14 acceptance)', () => {
  for (const maxHops of [4, 6]) {
    it(`HomeLand Justice -> the sanctioning authority at maxHops ${maxHops}: #1 runs through MOIS, no top-5 path through a report`, async () => {
      const found = await paths(homelandJustice(), treasury(), { maxHops });
      expect(found.length).toBeGreaterThan(1);
      expect(ids(found[0])).toContain(mois());
      for (const path of found) {
        expect(path.entities.filter((entity) => entity.kind === 'REPORT')).toEqual([]);
        expect(path.relationships.filter((link) => link.description === 'referenced in the report')).toEqual([]);
      }
    });
  }

  it('makes the nine reports of one attribution one step, of seven independent origins', async () => {
    const [direct] = await paths(julyAttack(), governmentOfIran(), { maxHops: 1, limit: 1 });
    expect(direct.steps).toHaveLength(1);
    // CISA/FBI, Microsoft, Mandiant (twice: AP and Iran International), the NSC (twice: UrduPoint/Sputnik and AP),
    // the UK NCSC, the Government of Albania, the Treasury: nine relationships, seven origins.
    expect(direct.steps[0].relationships).toHaveLength(9);
    expect(direct.steps[0].evidenceGroups).toBe(7);
    expect(direct.steps[0].singleSource).toBe(false);
  });

  it('ranks a hop backed by two independent origins above the same hop backed by two outlets of one origin', async () => {
    const [direct] = await paths(julyAttack(), governmentOfIran(), { maxHops: 1, limit: 1 });
    const cited = [...new Set(direct.steps[0].relationships.flatMap((link) => link.sources.map((source) => source.id)))];
    const keepOnly = (kept: string[]) => ({ excludeSources: cited.filter((id) => !kept.includes(id)) });
    // All four say it at confidence 85, and none of the bundle's sources is graded: only independence differs.
    const oneOrigin = [
      sourceOf('National Security Council (United States)', 'UrduPoint News / Sputnik'),
      sourceOf('National Security Council (United States)', 'Associated Press (via Springfield News-Sun)'),
    ];
    const twoOrigins = [
      sourceOf('Cybersecurity and Infrastructure Security Agency (CISA)', 'CISA Alert AA22-264A (The CyberWire transcript)'),
      sourceOf('Microsoft', 'SecurityWeek'),
    ];
    const [same] = await paths(julyAttack(), governmentOfIran(), { maxHops: 1, limit: 1, filter: keepOnly(oneOrigin) });
    const [independent] = await paths(julyAttack(), governmentOfIran(), { maxHops: 1, limit: 1, filter: keepOnly(twoOrigins) });
    expect(same.steps[0].relationships).toHaveLength(2);
    expect(independent.steps[0].relationships).toHaveLength(2);
    expect(same.steps[0].evidenceGroups).toBe(1);
    expect(independent.steps[0].evidenceGroups).toBe(2);
    expect(independent.score).toBeGreaterThan(same.score);
    // Two outlets of one origin weigh what one of them weighs.
    const [alone] = await paths(julyAttack(), governmentOfIran(), { maxHops: 1, limit: 1, filter: keepOnly(oneOrigin.slice(0, 1)) });
    expect(same.score).toBeCloseTo(alone.score, 12);
  });

  it('leaves out every path through a hop once its only source is left out', async () => {
    const microsoftViaSecurityWeek = sourceOf('Microsoft', 'SecurityWeek');
    const before = await paths(julyAttack(), mois(), { maxHops: 4, limit: 5 });
    expect(before.some((path) => ids(path).includes(europium()))).toBe(true);
    const after = await paths(julyAttack(), mois(), { maxHops: 4, limit: 5, filter: { excludeSources: [microsoftViaSecurityWeek] } });
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((path) => ids(path).includes(europium()))).toBe(false);
    for (const path of after) {
      for (const link of path.relationships) expect(link.sources.map((source) => source.id)).not.toEqual([microsoftViaSecurityWeek]);
    }
  });

  it('scores given entity sequences as the search scores its own paths (the benchmark compares its peers with it)', async () => {
    const options = { maxHops: 4, limit: 5 };
    const found = await paths(homelandJustice(), treasury(), options);
    expect(found.length).toBeGreaterThan(1);
    // No link joins the two ends directly: a one-step sequence between them has no step the search could take.
    expect(found.every((path) => path.hops > 1)).toBe(true);
    const scores = await graph.readTransaction(async (tx) => {
      const [row] = await tx.run('graph/find-path-ends', { ids: [...new Set(found.flatMap(ids))], grades: [] });
      const node = new Map(row.ends.map((end) => [end.id, end.node]));
      const sequences = found.map((path) => ids(path).map((id) => node.get(id)!));
      sequences.push([node.get(homelandJustice())!, node.get(treasury())!]);
      return scoreEntitySequencesIn(tx, homelandJustice(), treasury(), sequences, options);
    });
    found.forEach((path, index) => {
      expect(scores[index].followable, ids(path).join(' > ')).toBe(true);
      expect(scores[index].score, ids(path).join(' > ')).toBeCloseTo(path.score, 12);
    });
    expect(scores.at(-1)).toEqual({ score: 0, followable: false });
  });
});

describe('the path search reading links (graph/expand-for-paths)', () => {
  it('reads, type by type, exactly the links that the same rules give when every link is read and every test is run', async () => {
    await graph.readTransaction(async (tx) => {
      const [found] = await tx.run('graph/find-path-ends', { ids: document.entities.map((entity) => entity.id), grades: [] });
      const node = new Map(found.ends.map((end) => [end.id, end.node]));
      const everyEntity = [...node.values()];
      const endPairs = [
        [homelandJustice(), treasury()],
        [julyAttack(), governmentOfIran()],
      ];
      for (const profileName of ['ATTRIBUTION', 'ANY_CONNECTION'] as const) {
        const profile = profiles[profileName];
        for (const filter of [null, { asOf: '2022-09-08', minConfidence: 40 }]) {
          for (const pair of endPairs) {
            const ends = pair.map((id) => node.get(id)!);
            const params = linkParams(toFilterParams(filter, [...defaultPathStances]), profile, ends);
            // The reference: every type in one untyped-alike pattern, every test of the filter run, the ends-only rule applied here.
            const reference = await tx.run(
              'graph/expand-for-paths',
              { nodes: everyEntity, ...params },
              { throughTypes: [...relationshipTypes], endTypes: [], types: true, asOf: true, excludedSources: true, knownAsOf: true },
            );
            const endsOnly = new Set(params.endsOnlyTypes.map((type) => typeCodes[type as keyof typeof typeCodes]));
            const followed = new Set(params.types!.map((type) => typeCodes[type as keyof typeof typeCodes]));
            const links = (rows: typeof reference, keep: (row: (typeof reference)[number], index: number) => boolean) =>
              rows
                .flatMap((row) =>
                  row.rels.flatMap((rel, index) =>
                    keep(row, index)
                      ? [
                          [
                            row.node,
                            row.degree,
                            rel,
                            row.others[index],
                            row.otherDegrees[index],
                            row.confidences[index],
                            row.codes[index],
                          ].join(','),
                        ]
                      : [],
                  ),
                )
                .sort();
            const expected = links(reference, (row, index) => {
              const type = decodeLink(row.codes[index]).type;
              return followed.has(type) && (ends.includes(row.node) || ends.includes(row.others[index]) || !endsOnly.has(type));
            });
            const actual = links(await expandForPaths(tx, everyEntity, params), () => true);
            expect(expansionSlots(params).types).toBe(false);
            expect(actual.length, `${profileName} ${JSON.stringify(filter)}`).toBeGreaterThan(20);
            expect(actual, `${profileName} ${JSON.stringify(filter)} ${pair.join(' -> ')}`).toEqual(expected);
          }
        }
      }
    });
  });
});
