/**
 * An in-memory graph with the evidence model (kinds, typed links with stances and citations, sources with origins,
 * grades and derivations), read the way graph/expand-for-paths.cypher and graph/find-path-evidence.cypher read
 * Neo4j, plus a brute-force reference: every simple path, scored, selected greedily. The unit tests of the path
 * search compare the two on random graphs.
 */
import type { EntityKindName, RelationshipTypeName, StanceName } from '../../shared/vocabulary.js';
import { relationshipTypes } from '../../shared/vocabulary.js';
import type { CandidatePath, ExpandedNode, PathSearchOptions } from '../../server/domain/path-search.js';
import { overlap } from '../../server/domain/path-search.js';
import { PathEvaluator, type EvidenceReader, type PathScore } from '../../server/domain/paths/evaluate-paths.js';
import { encodeLink, stanceCodes, typeCodes } from '../../server/domain/paths/link-codes.js';
import type { PathProfileDefinition } from '../../server/domain/paths/profiles.js';
import type { Key } from '../../server/domain/rank-paths.js';
import type { SourceDocument } from '../../server/domain/types.js';
import { seededRandom } from '../../shared/seeded-random.js';

export interface ModelLink {
  id: string;
  type: RelationshipTypeName;
  from: string;
  to: string;
  stance: StanceName;
  confidence: number;
  citations: { sourceId: string; credibility: number }[];
  disputed?: boolean;
}

export interface ModelGraph {
  kinds: Map<string, EntityKindName>;
  links: ModelLink[];
  sources: SourceDocument[];
}

/** Tests' random graphs are drawn with the shared seeded generator. */
export { seededRandom };

const someKinds: EntityKindName[] = ['THREAT_ACTOR', 'STATE', 'ORGANIZATION', 'INCIDENT', 'CAMPAIGN', 'MALWARE', 'SANCTION', 'PERSON'];

/**
 * A heavy-tailed random graph: a few hubs collect most links; some entities are claims, denials and reports;
 * links have 0-3 citations from sources of a handful of origins, some graded, some derived from others; about one
 * link in four runs parallel to another of the same type and direction.
 */
export function randomModelGraph(seed: number, nodeCount: number, linkCount: number): ModelGraph {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const kinds = new Map<string, EntityKindName>();
  for (let i = 0; i < nodeCount; i += 1) {
    const roll = random();
    kinds.set(`n${i}`, roll < 0.08 ? 'CLAIM' : roll < 0.12 ? 'DENIAL' : roll < 0.16 ? 'REPORT' : pick(someKinds));
  }
  const origins = ['CISA', 'Mandiant', 'Microsoft', 'Treasury', 'AP', 'Iran MFA'];
  const sources: SourceDocument[] = Array.from({ length: 14 }, (_, i) => ({
    id: `s${i}`,
    title: `Source ${i}`,
    publisher: random() < 0.5 ? pick(origins) : `Outlet ${i}`,
    url: null,
    published: null,
    publishedInferred: false,
    publishedNote: null,
    reliability: random() < 0.6 ? pick(['A', 'B', 'C', 'D', 'E'] as const) : null,
    origin: random() < 0.6 ? pick(origins) : null,
    derivedFrom: [],
  }));
  sources[3].derivedFrom = ['s7'];
  sources[9].derivedFrom = ['s2', 's11'];
  const nodeName = (skew: boolean) => `n${Math.floor(nodeCount * (skew ? random() ** 2.2 : random()))}`;
  const links: ModelLink[] = [];
  for (let i = 0; links.length < linkCount; i += 1) {
    const previous = links.length > 0 && random() < 0.25 ? links[Math.floor(random() * links.length)] : null;
    const [from, to] = previous ? [previous.from, previous.to] : [nodeName(false), nodeName(true)];
    if (from === to) continue;
    const citations = Array.from({ length: Math.floor(random() * 4) }, () => ({
      sourceId: pick(sources).id,
      credibility: random() < 0.7 ? 6 : 1 + Math.floor(random() * 6),
    }));
    links.push({
      id: `e${i}`,
      type: previous?.type ?? pick(relationshipTypes),
      from,
      to,
      stance: random() < 0.1 ? 'DENIED' : random() < 0.15 ? 'CLAIMED' : random() < 0.5 ? 'SUSPECTED' : 'ASSERTED',
      confidence: random() < 0.04 ? 0 : 20 + Math.floor(random() * 81),
      citations,
      disputed: random() < 0.1,
    });
  }
  return { kinds, links, sources };
}

export interface ReadRules {
  ends: readonly string[];
  stances: readonly StanceName[];
  endsOnlyTypes: readonly RelationshipTypeName[];
  followed: readonly RelationshipTypeName[];
  excluded: ReadonlySet<string>;
}

/** A link's stance on a path: into a claim or denial that is not an end, the statement's (as expand-for-paths). */
export function stanceOnPath(graph: ModelGraph, link: ModelLink, ends: readonly string[]): StanceName {
  const statement = (node: string, kind: EntityKindName) => graph.kinds.get(node) === kind && !ends.includes(node);
  if (statement(link.from, 'DENIAL') || statement(link.to, 'DENIAL')) return 'DENIED';
  if (statement(link.from, 'CLAIM') || statement(link.to, 'CLAIM')) return 'CLAIMED';
  return link.stance;
}

/** Whether a path may use a link, by the rules of expand-for-paths (both ends given, symmetric). */
export function usable(graph: ModelGraph, link: ModelLink, rules: ReadRules): boolean {
  const isEnd = (node: string) => rules.ends.includes(node);
  if (link.confidence <= 0 || !rules.followed.includes(link.type)) return false;
  if (link.citations.length > 0 && link.citations.every((citation) => rules.excluded.has(citation.sourceId))) return false;
  if (!rules.stances.includes(stanceOnPath(graph, link, rules.ends))) return false;
  if ([link.from, link.to].some((node) => graph.kinds.get(node) === 'REPORT' && !isEnd(node))) return false;
  if (rules.endsOnlyTypes.includes(link.type) && !isEnd(link.from) && !isEnd(link.to)) return false;
  return true;
}

export function degreeOf(graph: ModelGraph): Map<string, number> {
  const degree = new Map<string, number>();
  for (const link of graph.links) {
    degree.set(link.from, (degree.get(link.from) ?? 0) + 1);
    degree.set(link.to, (degree.get(link.to) ?? 0) + 1);
  }
  return degree;
}

function codeOf(graph: ModelGraph, link: ModelLink, node: string, ends: readonly string[]): number {
  return encodeLink({
    type: typeCodes[link.type],
    stance: stanceCodes[stanceOnPath(graph, link, ends)],
    outgoing: link.from === node,
    citations: link.citations.length,
  });
}

/** The graph as the search reads it, counting the entities it was asked to expand. */
export function modelReader(graph: ModelGraph, rules: ReadRules) {
  const degree = degreeOf(graph);
  const byNode = new Map<string, ExpandedNode>();
  const add = (node: string, other: string, link: ModelLink) => {
    const read =
      byNode.get(node) ??
      byNode.set(node, { degree: degree.get(node) ?? 0, ids: [], others: [], otherDegrees: [], confidences: [], codes: [] }).get(node)!;
    read.ids.push(link.id);
    read.others.push(other);
    read.otherDegrees.push(degree.get(other) ?? 0);
    read.confidences.push(link.confidence);
    read.codes.push(codeOf(graph, link, node, rules.ends));
  };
  for (const link of graph.links) {
    if (!usable(graph, link, rules)) continue;
    add(link.from, link.to, link);
    if (link.from !== link.to) add(link.to, link.from, link);
  }
  const asked: Key[] = [];
  const expand = async (nodes: Key[]) => {
    asked.push(...nodes);
    return new Map(
      nodes.map((node): [Key, ExpandedNode] => [
        node,
        byNode.get(node as string) ?? {
          degree: degree.get(node as string) ?? 0,
          ids: [],
          others: [],
          otherDegrees: [],
          confidences: [],
          codes: [],
        },
      ]),
    );
  };
  return { expand, asked };
}

/** The evidence as find-path-evidence and find-sources give it. */
export function modelEvidence(graph: ModelGraph): EvidenceReader {
  const links = new Map(graph.links.map((link) => [link.id as Key, link]));
  const sources = new Map(graph.sources.map((source) => [source.id, source]));
  return {
    async facts(linkKeys, nodeKeys, knownSources) {
      const cited = new Set(linkKeys.flatMap((key) => links.get(key)!.citations.map((citation) => citation.sourceId)));
      return {
        sources: [...cited].filter((id) => !knownSources.includes(id) && sources.has(id)).map((id) => sources.get(id)!),
        links: new Map(
          linkKeys.map((key) => {
            const link = links.get(key)!;
            return [key, { id: link.id, citations: link.citations, disputed: Boolean(link.disputed) }];
          }),
        ),
        nodes: new Map(nodeKeys.map((key) => [key, { id: String(key), kind: graph.kinds.get(String(key))! }])),
      };
    },
    async sources(ids) {
      return ids.map((id) => sources.get(id)).filter((source): source is SourceDocument => Boolean(source));
    },
  };
}

export function rulesFor(profile: PathProfileDefinition, ends: string[], options: Partial<ReadRules> = {}): ReadRules {
  return {
    ends,
    stances: options.stances ?? ['ASSERTED', 'CLAIMED', 'SUSPECTED'],
    endsOnlyTypes: relationshipTypes.filter((type) => profile.types[type].endsOnly),
    followed: relationshipTypes.filter((type) => profile.types[type].weight > 0),
    excluded: options.excluded ?? new Set(),
  };
}

/**
 * The reference answer: every simple path of at most maxHops steps (steps = usable parallel links of one type and
 * direction), scored by the evaluator, then the greedy diverse selection. Exponential: small graphs only.
 */
export async function bruteForcePaths(
  graph: ModelGraph,
  from: string,
  to: string,
  profile: PathProfileDefinition,
  rules: ReadRules,
  options: Pick<PathSearchOptions, 'maxHops' | 'limit' | 'maxOverlap'>,
): Promise<{ key: string; cost: number; score: PathScore }[]> {
  const degree = degreeOf(graph);
  const steps = new Map<string, ModelLink[]>();
  for (const link of graph.links) {
    if (!usable(graph, link, rules)) continue;
    const key = `${link.from}>${link.to}>${link.type}`;
    steps.set(key, [...(steps.get(key) ?? []), link]);
  }
  const around = new Map<string, { stepKey: string; other: string; forward: boolean }[]>();
  for (const [stepKey, links] of steps) {
    const { from: a, to: b } = links[0];
    around.set(a, [...(around.get(a) ?? []), { stepKey, other: b, forward: true }]);
    around.set(b, [...(around.get(b) ?? []), { stepKey, other: a, forward: false }]);
  }
  const found: CandidatePath[] = [];
  const walk = (node: string, nodes: string[], used: { stepKey: string; forward: boolean }[]) => {
    if (node === to) {
      found.push({
        nodes,
        degrees: nodes.map((entity) => degree.get(entity) ?? 0),
        steps: used.map(({ stepKey, forward }) => {
          const links = steps.get(stepKey)!;
          return {
            type: typeCodes[links[0].type],
            forward,
            links: links.map((link) => ({
              id: link.id,
              confidence: link.confidence,
              code: codeOf(graph, link, links[0].from, rules.ends),
            })),
          };
        }),
        bound: 0,
        key: used.map((step) => step.stepKey).join('|'),
      });
      return;
    }
    if (used.length === options.maxHops) return;
    for (const next of around.get(node) ?? []) {
      if (nodes.includes(next.other)) continue;
      walk(next.other, [...nodes, next.other], [...used, { stepKey: next.stepKey, forward: next.forward }]);
    }
  };
  walk(from, [from], []);
  const evaluator = new PathEvaluator(modelEvidence(graph), profile, rules.excluded);
  const scores = await evaluator.evaluate(found);
  const ordered = found
    .map((path, index) => ({ key: path.key, cost: scores[index].cost, score: scores[index], hops: path.steps.length }))
    .filter((entry) => entry.cost < Infinity)
    .sort((x, y) => x.cost - y.cost || x.hops - y.hops);
  const chosen: typeof ordered = [];
  for (const entry of ordered) {
    if (chosen.length >= options.limit) break;
    if (chosen.every((path) => overlap(path.score.signature, entry.score.signature) <= options.maxOverlap)) chosen.push(entry);
  }
  return chosen;
}
