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
import { assertRelationship, retractRelationship } from '../../server/domain/edit/assert-relationship.js';
import { decodeLink, typeCodes } from '../../server/domain/paths/link-codes.js';
import {
  buildLinkProjection,
  expandFromProjection,
  projectionAnswers,
  type ExpansionRow,
  type LinkProjectionData,
} from '../../server/domain/paths/link-projection.js';
import { profiles } from '../../server/domain/paths/profiles.js';
import { toFilterParams } from '../../server/domain/relationship-filter.js';
import { relationshipTypes } from '../../shared/vocabulary.js';
import { importContent } from '../../server/domain/import/run-import.js';
import type { PathRecord } from '../../server/domain/types.js';
import type { Graph, ReadTransaction } from '../../server/graph/run.js';
import { connectTestGraph, startTestServer } from '../support/graph.js';
import { waitUntil } from '../support/server-process.js';
import { freshBundle, removeImported } from '../support/stix-bundles.js';

// The second case (tests/fixtures/stix/albania-2022-reporting.json, public reporting with origins on every
// statement), with fresh STIX ids: imported here, removed after.
const graph = connectTestGraph();

/** Runs `body` while an asserted test link from `from` to `to` exists (written through `on`), then retracts it. */
async function withTestLink(on: Graph, from: string, to: string, body: (link: { id: string }) => Promise<void>): Promise<void> {
  const link = await assertRelationship(
    on,
    {
      type: 'ATTRIBUTED_TO',
      from,
      to,
      stance: 'ASSERTED',
      confidence: 70,
      sources: [{ title: 'Projection test note', publisher: 'Test desk', url: 'https://example.org/projection', excerpt: 'A test link.' }],
    } as never,
    'link-projection-test',
  );
  try {
    await body(link);
  } finally {
    await retractRelationship(on, link.id, 'test: remove the projection test link', 'link-projection-test');
  }
}
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

// The path search's links in memory (server/domain/paths/link-projection.ts) against the statement it stands in for,
// on the founding case (loaded by the global setup) and this case. Other test files write to the same database
// meanwhile, so a comparison counts only while the graph revision stays the one the projection was read at, and is
// tried again otherwise.
const revisionIn = async (tx: ReadTransaction) => (await tx.run('graph/find-graph-revision', {}))[0].revision;

/** A projection of the database now, or null when another file wrote while it was read. */
async function projectionNow(): Promise<LinkProjectionData | null> {
  const built = await buildLinkProjection(graph, 1_000_000);
  if ('notBuilt' in built) {
    expect(built.retry, built.notBuilt).toBe(true);
    return null;
  }
  return built;
}

/**
 * Runs `check` against a fresh projection; when it fails and another file wrote meanwhile (the revision moved), or the
 * projection could not be read for that reason, tries again, up to 8 times.
 */
async function whileUnchanged(check: (tx: ReadTransaction, data: LinkProjectionData) => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const data = await projectionNow();
    if (!data) continue;
    try {
      await graph.readTransaction((tx) => check(tx, data));
      return;
    } catch (error) {
      // A write being applied as the check read may show in its data a moment before it shows in the revision
      // (Neo4j reads committed records, not snapshots): look again a little later.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const moved = (await graph.readTransaction(revisionIn)) !== data.revision;
      if (!moved || attempt >= 8) throw error;
    }
  }
}

/** Rows as comparable lines: entity, degree, then each link's id, far end, far end's degree, confidence and code. */
const lines = (rows: ExpansionRow[]) =>
  rows
    .flatMap((row) =>
      row.rels.map((rel, index) =>
        [row.node, row.degree, rel, row.others[index], row.otherDegrees[index], row.confidences[index], row.codes[index]].join(','),
      ),
    )
    .sort();

describe('the path search links held in memory (issue 14/19: paths p95)', () => {
  it('gives exactly the rows of graph/expand-for-paths for every entity, under both profiles, several filters and ends', async () => {
    const filters = [
      null,
      { minConfidence: 40 },
      { stances: ['ASSERTED', 'SUSPECTED'] as const },
      { stances: ['ASSERTED', 'CLAIMED', 'SUSPECTED', 'DENIED'] as const },
      { includeRetired: true, minConfidence: 1 },
      { types: ['ATTRIBUTED_TO', 'CLAIMED_BY', 'MADE_BY', 'ABOUT', 'TARGETED', 'SANCTIONS'] },
    ];
    const endPairs = [
      ['homeland-justice', 'sanc-us-mois-2022'],
      ['iran-mfa', 'inc-july-2022'],
      [idOf('HomeLand Justice'), idOf('U.S. Department of the Treasury')],
      [idOf('Destructive cyber attack against the Government of Albania (July 2022)'), idOf('Government of Iran')],
    ];
    let compared = 0;
    await whileUnchanged(async (tx, data) => {
      compared = 0;
      const [found] = await tx.run('graph/find-path-ends', { ids: endPairs.flat(), grades: [] });
      const node = new Map(found.ends.map((end) => [end.id, end.node]));
      const everyEntity = [...data.nodeIds];
      for (const profileName of ['ATTRIBUTION', 'ANY_CONNECTION'] as const) {
        for (const filter of filters) {
          for (const pair of endPairs) {
            const params = linkParams(
              toFilterParams(filter as never, [...defaultPathStances]),
              profiles[profileName],
              pair.map((id) => node.get(id)!),
            );
            expect(projectionAnswers(params)).toBe(true);
            const expected = lines(await expandForPaths(tx, everyEntity, params));
            const actual = lines(expandFromProjection(data, everyEntity, params, expansionSlots(params)) ?? []);
            expect(actual.length, `${profileName} ${JSON.stringify(filter)}`).toBeGreaterThan(0);
            expect(actual, `${profileName} ${JSON.stringify(filter)} ${pair.join(' -> ')}`).toEqual(expected);
            compared += actual.length;
          }
        }
      }
    });
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves to Neo4j the filters it holds no facts for, and entities it does not hold', async () => {
    const data = (await projectionNow())!;
    for (const filter of [{ asOf: '2022-09-08' }, { excludeSources: ['src-seed-article'] }, { knownAsOf: '2022-09-08' }]) {
      expect(projectionAnswers(linkParams(toFilterParams(filter, [...defaultPathStances]), profiles.ATTRIBUTION, [0, 1]))).toBe(false);
    }
    const params = linkParams(toFilterParams(null, [...defaultPathStances]), profiles.ATTRIBUTION, [0, 1]);
    const missing = Math.max(...data.nodeIds) + 1_000_000;
    expect(expandFromProjection(data, [data.nodeIds[0], missing], params, expansionSlots(params))).toBeNull();
  });

  it('finds the same ranked paths as the search reading Neo4j', async () => {
    const pairs: [string, string, Partial<PathOptions>][] = [
      ['homeland-justice', 'sanc-us-mois-2022', { maxHops: 4 }],
      ['homeland-justice', 'sanc-us-mois-2022', { maxHops: 8 }],
      ['iran-mfa', 'inc-july-2022', { maxHops: 4 }],
      [idOf('HomeLand Justice'), idOf('U.S. Department of the Treasury'), { maxHops: 6 }],
      ['homeland-justice', 'sanc-us-mois-2022', { maxHops: 4, filter: { stances: ['ASSERTED', 'SUSPECTED'] } }],
    ];
    const shown = (found: PathRecord[]) =>
      found.map((path) => `${path.score.toFixed(6)} ${path.entities.map((entity) => entity.id).join(' > ')}`);
    for (const [from, to, options] of pairs) {
      await whileUnchanged(async (_tx, data) => {
        const full = { maxHops: 4, limit: 5, ...options };
        const fromNeo4j = await findRankedPaths(graph, from, to, full);
        const fromMemory = await findRankedPaths(graph, from, to, full, data);
        expect(fromMemory.length, `${from} -> ${to}`).toBeGreaterThan(0);
        expect(shown(fromMemory), `${from} -> ${to} ${JSON.stringify(options)}`).toEqual(shown(fromNeo4j));
      });
    }
  });

  it('is not used once a write has committed after it was read: the search reads Neo4j and sees the new link', async () => {
    const [from, to] = [idOf('EUROPIUM'), idOf('U.S. Department of the Treasury')];
    const before = (await projectionNow())!;
    const revisionBefore = await graph.readTransaction(revisionIn);
    const direct = await findRankedPaths(graph, from, to, { maxHops: 1, limit: 5 }, before);
    expect(direct).toEqual([]);
    await withTestLink(graph, from, to, async (link) => {
      expect(await graph.readTransaction(revisionIn)).toBeGreaterThan(revisionBefore);
      const after = await findRankedPaths(graph, from, to, { maxHops: 1, limit: 5 }, before);
      expect(after.map((path) => path.relationships.map((relationship) => relationship.id))).toEqual([[link.id]]);
    });
  });

  it('is read by the server at start (in a thread of its own), and again after a write the server commits', async () => {
    const server = await startTestServer();
    type Health = { pathProjection: { state: string; revision: number | null; links: number } };
    const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Health;
    try {
      await waitUntil(async () => (await health()).pathProjection.state === 'ready', 60_000);
      const first = await health();
      expect(first.pathProjection.links).toBeGreaterThan(0);
      const [from, to] = [idOf('EUROPIUM'), idOf('U.S. Department of the Treasury')];
      await withTestLink(server.graph, from, to, async () => {
        const rebuilt = async () => ((await health()).pathProjection.revision ?? 0) > first.pathProjection.revision!;
        await waitUntil(rebuilt, 60_000);
        expect(await rebuilt()).toBe(true);
      });
    } finally {
      await server.close();
    }
  });
});
