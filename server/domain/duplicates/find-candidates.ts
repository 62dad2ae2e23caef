import { BadUserInputError } from '../../errors.js';
import type { Graph, ReadTransaction } from '../../graph/run.js';
import type { EntityMap } from '../../graph/statements.js';
import { findEntitiesByIds, findEntitiesIn } from '../list-entities.js';
import { checkRange } from '../relationship-filter.js';
import type { EntityRecord } from '../types.js';
import { contentWords, foldText, isPlaceholderName, withoutGovernmentForm } from './normalise-names.js';
import { externalIdsIn, scorePair, type MatchFacts } from './score-pair.js';

/** Candidates read per entity from the name index before scoring: the blocking step of record linkage. */
const candidatesPerEntity = 25;
/** Neighbour names read per entity, for the shared-context signal. */
const neighbourLimit = 40;
/** Entities compared per round trip. */
const pageSize = 200;
/** The default least score of a proposed pair. */
export const defaultMinScore = 0.6;
/** Above this many entities, a whole-graph search is the background scan's job, not one request's. */
export const inlineScanLimit = 5_000;

export interface DuplicateCandidateRecord {
  a: EntityRecord;
  b: EntityRecord;
  score: number;
  reasons: string[];
}

export interface ScoredPair {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** A full-text query (name and alias fields) of the words an entity is known by; null when it has none. */
export function blockingQuery(entity: Pick<EntityMap, 'name' | 'aliases' | 'kind'> & { statement?: string | null }): string | null {
  const names = [entity.name, ...(entity.aliases ?? [])].filter((name) => !isPlaceholderName(name));
  if ((entity.kind === 'CLAIM' || entity.kind === 'DENIAL') && entity.statement) names.push(entity.statement);
  const words = new Set<string>();
  for (const name of names) {
    const folded = foldText(name);
    for (const word of contentWords(withoutGovernmentForm(folded))) if (word.length > 1) words.add(word);
    for (const word of contentWords(folded)) if (word.length > 1) words.add(word);
  }
  // Original spellings too: the index's analyser keeps accents, folded words alone would miss "Manëz".
  for (const name of names) for (const word of name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word.length > 1) words.add(word);
  const terms = [...words].slice(0, 60).map((word) => `"${word.replace(/["\\]/g, '')}"`);
  if (terms.length === 0) return null;
  const any = terms.join(' OR ');
  return `name:(${any}) OR aliasText:(${any})`;
}

function factsOf(row: { entity: EntityMap; neighbours: string[]; linked: string[]; sameAs: string[]; sourceTitles: string[] }): MatchFacts {
  const { entity } = row;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases: entity.aliases ?? [],
    date: entity.date ?? null,
    sector: text(entity.sector),
    statement: text(entity.statement),
    firstSeen: text(entity.firstSeen),
    externalIds: externalIdsOfEntity(entity.externalIds ?? [], [
      entity.name,
      ...(entity.aliases ?? []),
      entity.extra ?? '',
      ...row.sourceTitles,
    ]),
    excerpts: (entity.excerpts ?? []).filter(Boolean),
    neighbours: row.neighbours,
    linked: row.linked,
    sameAs: row.sameAs,
  };
}

/** Catalogue ids an entity states (STIX external_id: G0059, T0800, CVE-...) and those its texts name, upper-cased. */
export function externalIdsOfEntity(stated: readonly string[], texts: readonly string[]): string[] {
  return [...new Set([...stated.map((id) => id.toUpperCase()), ...externalIdsIn(texts.join(' '))])];
}

/** What the duplicate finder knows of stored entities, by id (ids not in the graph are left out). */
export async function storedFacts(tx: ReadTransaction, ids: string[]): Promise<Map<string, MatchFacts>> {
  const rows = ids.length > 0 ? await tx.run('duplicates/find-match-facts', { ids, neighbourLimit }) : [];
  return new Map(rows.map((row) => [row.entity.id, factsOf(row)]));
}

/**
 * Scores entities (stored ones, or an import's new ones described by their facts) against the stored entities
 * the name index finds for each: pairs keyed once, rejected pairs and `skip`ped candidates left out.
 */
export async function scoreAgainstGraph(
  tx: ReadTransaction,
  probes: MatchFacts[],
  minScore: number,
  skip: (candidateId: string) => boolean = () => false,
): Promise<ScoredPair[]> {
  const pairs = new Map<string, ScoredPair>();
  for (let start = 0; start < probes.length; start += pageSize) {
    const page = probes.slice(start, start + pageSize);
    const queries = page.flatMap((facts) => {
      const query = blockingQuery({ ...facts, statement: facts.statement });
      return query ? [{ id: facts.id, query }] : [];
    });
    if (queries.length === 0) continue;
    const blocks = await tx.run('duplicates/find-blocking-candidates', { queries, perEntity: candidatesPerEntity });
    const probesById = new Map(page.map((facts) => [facts.id, facts]));
    // Read with the probes' ids too: `linked` names only ids of the same read, and a link between a probe and a
    // candidate must be seen from one side at least.
    const candidates = blocks.flatMap((block) => block.candidates).filter((id) => !skip(id));
    const others = await storedFacts(tx, [...new Set([...candidates, ...page.map((facts) => facts.id)])]);
    const keys = blocks.flatMap((block) => block.candidates.map((other) => pairKey(block.id, other)));
    const rejected = new Set((await tx.run('duplicates/find-rejections', { keys })).map((row) => row.key));
    for (const block of blocks) {
      const facts1 = probesById.get(block.id);
      for (const other of block.candidates) {
        const key = pairKey(block.id, other);
        const facts2 = skip(other) ? undefined : others.get(other);
        if (!facts1 || !facts2 || pairs.has(key) || rejected.has(key)) continue;
        const scored = scorePair(facts1, facts2);
        if (scored && scored.score >= minScore) {
          const [a, b] = block.id < other ? [block.id, other] : [other, block.id];
          pairs.set(key, { a, b, ...scored });
        }
      }
    }
  }
  return [...pairs.values()];
}

/** Scores every stored entity of `ids` against its blocking candidates. */
async function scoreAround(tx: ReadTransaction, ids: string[], minScore: number): Promise<ScoredPair[]> {
  const pairs = new Map<string, ScoredPair>();
  for (let start = 0; start < ids.length; start += pageSize) {
    const probes = [...(await storedFacts(tx, ids.slice(start, start + pageSize))).values()];
    for (const pair of await scoreAgainstGraph(tx, probes, minScore)) pairs.set(pairKey(pair.a, pair.b), pair);
  }
  return [...pairs.values()];
}

const byScore = (x: ScoredPair, y: ScoredPair) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b);

/** Every entity id of the graph, a page at a time, up to `max`. */
async function allEntityIds(tx: ReadTransaction, max: number): Promise<string[]> {
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const rows = await tx.run('duplicates/list-entity-ids', { after, limit: 5_000 });
    ids.push(...rows.map((row) => row.id));
    if (ids.length > max)
      throw new BadUserInputError(
        `The graph holds more than ${max} entities: name the entities to check (ids), or run the background duplicate scan.`,
      );
    if (rows.length < 5_000) return ids;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Pairs of entities that may be one real-world thing, best first: around the given entities, or over the whole
 * graph (small graphs; large ones use scanDuplicates). Pairs marked "not the same" are never proposed again.
 */
export async function findDuplicateCandidates(
  graph: Graph,
  ids: readonly string[] | null | undefined,
  minScore: number | null | undefined,
  limit: number,
): Promise<DuplicateCandidateRecord[]> {
  checkRange(limit, 'limit', 1, 1_000);
  const least = minScore ?? defaultMinScore;
  if (!(least >= 0 && least <= 1)) throw new BadUserInputError('minScore must be between 0 and 1.');
  if (ids && ids.length > 1_000) throw new BadUserInputError('ids may name at most 1000 entities.');
  // One read transaction: the candidates and the entities shown with them are of one state of the graph.
  return graph.readTransaction((tx) => findDuplicateCandidatesIn(tx, ids, least, limit));
}

/** findDuplicateCandidates inside a read transaction (arguments already checked). */
export async function findDuplicateCandidatesIn(
  tx: ReadTransaction,
  ids: readonly string[] | null | undefined,
  minScore: number,
  limit: number,
): Promise<DuplicateCandidateRecord[]> {
  const around = ids && ids.length > 0 ? [...new Set(ids)] : await allEntityIds(tx, inlineScanLimit);
  const pairs = (await scoreAround(tx, around, minScore)).sort(byScore).slice(0, limit);
  return withEntities(tx, pairs);
}

async function withEntities(tx: ReadTransaction, pairs: ScoredPair[]): Promise<DuplicateCandidateRecord[]> {
  const entities = new Map(
    (await findEntitiesIn(tx, [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))])).map((entity) => [entity.id, entity]),
  );
  return pairs.flatMap((pair) => {
    const [a, b] = [entities.get(pair.a), entities.get(pair.b)];
    return a && b ? [{ a, b, score: pair.score, reasons: pair.reasons }] : [];
  });
}

export interface ScanProgress {
  entitiesChecked: number;
  pairsFound: number;
}

/**
 * The whole graph, page by page (a bounded background job): at most `maxEntities` entities are checked, each
 * page's pairs reported as they come, and the job stops between pages when `signal` aborts.
 */
export async function scanDuplicates(
  graph: Graph,
  options: { minScore?: number; maxEntities?: number; signal?: AbortSignal; onProgress?: (progress: ScanProgress) => void } = {},
): Promise<{ pairs: ScoredPair[]; entitiesChecked: number; complete: boolean }> {
  const maxEntities = options.maxEntities ?? Number.POSITIVE_INFINITY;
  const found = new Map<string, ScoredPair>();
  let after = '';
  let checked = 0;
  for (;;) {
    if (options.signal?.aborted || checked >= maxEntities)
      return { pairs: [...found.values()].sort(byScore), entitiesChecked: checked, complete: false };
    const rows = await graph.read('duplicates/list-entity-ids', { after, limit: Math.min(pageSize, maxEntities - checked) });
    if (rows.length === 0) return { pairs: [...found.values()].sort(byScore), entitiesChecked: checked, complete: true };
    const page = await graph.readTransaction((tx) =>
      scoreAround(
        tx,
        rows.map((row) => row.id),
        options.minScore ?? defaultMinScore,
      ),
    );
    for (const pair of page) found.set(pairKey(pair.a, pair.b), pair);
    checked += rows.length;
    after = rows[rows.length - 1].id;
    options.onProgress?.({ entitiesChecked: checked, pairsFound: found.size });
  }
}

/** Marks a pair "not the same": it is not proposed again. */
export async function rejectDuplicate(graph: Graph, a: string, b: string, reason: string | null, actor: string): Promise<boolean> {
  if (a === b) throw new BadUserInputError('a and b must be two different entities.');
  const found = await findEntitiesByIds(graph, [a, b]);
  if (found.length < 2) throw new BadUserInputError(`No entity with id "${found.some((entity) => entity.id === a) ? b : a}".`);
  const [first, second] = a < b ? [a, b] : [b, a];
  await graph.write('duplicates/record-rejection', {
    key: pairKey(a, b),
    a: first,
    b: second,
    actor,
    reason,
    at: new Date().toISOString(),
  });
  return true;
}
