/**
 * Bidirectional best-first search for the best paths between two entities, reading the graph a batch of
 * entities at a time (pure: the reading and the scoring are injected, so it runs against Neo4j or a test graph
 * alike).
 *
 * Steps, not links. The links an expansion reads are grouped into steps: all links of one type and direction
 * between two entities are one step (corroborating links strengthen one step; they are not alternative paths).
 *
 * Two weights. The search runs on a lower bound of each step's cost (`StepModel.stepBound`: -ln of an upper bound
 * on the step's support times its type weight, from the links' confidences, stances and citation counts alone,
 * plus half the hub cost of each end), which needs nothing but the numbers an expansion returns. The exact cost
 * (independent evidence groups, source reliability, citation credibility) needs the citations and their sources,
 * so it is computed only for candidate paths (`EvaluatePaths`), in batches.
 *
 * Exactness. Let rA, rB be the smallest bound-distances still waiting in each side's frontier. A path with a step
 * that was never read has that step between two unexpanded entities, so its bound is at least rA + rB, and its
 * exact cost too: the first entity on it that side A has not expanded comes no later than the step, is in A's
 * frontier and is not the far end (a simple path meets that end only at its last entity), so the part before it
 * weighs at least rA; likewise the part after the last entity side B has not expanded weighs at least rB, and the
 * two parts do not overlap. Which side expands next is free (the proof holds for any order). Candidates among the steps read come in order of their bound (Yen's algorithm on the steps that
 * can lie on a path lighter than rA + rB). The answer is the greedy diverse selection over exact costs: the best
 * path, then each next best that shares at most `maxOverlap` of its steps with every path already chosen. Once
 * `limit` paths are chosen, the last with exact cost E < rA + rB, and every candidate whose bound is below E has
 * been scored, no path anywhere could change the selection, and the search stops (`exhaustive`). When the read
 * budget runs out first, the answer is the best selection among the steps read, and says so.
 */
import { MinQueue } from './min-queue.js';
import { LinkGraph, YenPaths, type Key } from './rank-paths.js';
import { decodeLink } from './paths/link-codes.js';
import { relationshipTypes } from './model.js';

/**
 * Steps of an expanded entity are grouped by other end, type and direction in one number: other * stride +
 * type * 2 + outgoing. The stride must exceed every type's code, or two types collide (64 did, once STIX's types
 * took the vocabulary past 32).
 */
const stepKeyStride = relationshipTypes.length * 2;

/** The links of one entity that a path may use, as parallel lists (no object per link: a search reads thousands). */
export interface ExpandedNode {
  /** Every link the entity has, whatever the filter: the hub discount reads it. */
  degree: number;
  ids: Key[];
  /** The far ends. */
  others: Key[];
  /** The far ends' degrees. */
  otherDegrees: number[];
  confidences: number[];
  /** Type, stance, direction and citation count of each link (paths/link-codes.ts). */
  codes: number[];
}

/** Reads the links of each given entity. */
export type ExpandEntities = (nodes: Key[]) => Promise<Map<Key, ExpandedNode>>;

export interface CandidateLink {
  id: Key;
  confidence: number;
  code: number;
}

/** A step of a candidate path: the parallel links of one type and direction between two consecutive entities. */
export interface CandidateStep {
  links: CandidateLink[];
  type: number;
  /** True when the links run from the step's start to its end in the path's reading order. */
  forward: boolean;
}

export interface CandidatePath {
  nodes: Key[];
  degrees: number[];
  steps: CandidateStep[];
  /** The search's lower bound on the path's cost. */
  bound: number;
  /** Identity among the candidates of one search: its step numbers. */
  key: string;
}

export interface EvaluatedPath {
  /** The exact cost: -ln(score) plus a tiny cost per hop; never below the candidate's bound. */
  cost: number;
  /** The steps as the overlap between paths counts them (paths/evaluate-paths.ts says how). */
  signature: readonly string[];
}

/** Scores candidates exactly (reading what it needs), in the order given. */
export type EvaluatePaths<E extends EvaluatedPath = EvaluatedPath> = (paths: CandidatePath[]) => Promise<E[]>;

/** Lower bounds of costs, from what an expansion returns. */
export interface StepModel {
  /** A sure underestimate of a step's cost; Infinity when its type is not followed. */
  stepBound(type: number, links: readonly CandidateLink[]): number;
  /** The cost of passing through an entity with this many links (0 when hubs are not discounted). */
  hubCost(degree: number): number;
}

/** Paths the fewest-hop fallback found when the budget ran out, as link lists from `from`. */
export interface FallbackPath {
  nodes: Key[];
  degrees: number[];
  links: CandidateLink[];
}

export interface PathSearchOptions {
  maxHops: number;
  limit: number;
  /** Largest share (0-1) of steps two chosen paths may have in common. */
  maxOverlap: number;
  /** Stop reading once this many links have been read (the latency bound on dense graphs). */
  maxLinksRead: number;
  /** Entities expanded per round trip. */
  batchSize: number;
  /** Most candidates scored in one selection; beyond it the answer is not proven. */
  maxCandidates: number;
  /** Candidates scored per evaluation round trip. */
  evaluationBatch: number;
}

export interface ScoredCandidate<E extends EvaluatedPath = EvaluatedPath> {
  candidate: CandidatePath;
  evaluated: E;
}

export interface SelectedPath<E extends EvaluatedPath = EvaluatedPath> extends ScoredCandidate<E> {
  /** Candidates folded into this one, best first. */
  variants: ScoredCandidate<E>[];
}

export interface PathSearchResult<E extends EvaluatedPath = EvaluatedPath> {
  paths: SelectedPath<E>[];
  /** True when the paths are provably the best selection of the whole graph, not only of what was read. */
  exhaustive: boolean;
  linksRead: number;
  rounds: number;
  candidatesScored: number;
}

/**
 * The steps read so far, with entities numbered as they are met (numbered arrays, not string-keyed maps: a
 * search holds tens of thousands of links and re-walks them for every proof check). Edge i is step i.
 */
class ReadSteps extends LinkGraph {
  private readonly linkIds = new Set<Key>();
  /** Entities whose links have all been read. */
  readonly read: boolean[] = [];
  /** Each entity's hub cost, as far as known (its degree arrives with its first link read). */
  readonly hub: number[] = [];
  readonly degree: number[] = [];
  readonly stepLinks: CandidateLink[][] = [];
  readonly stepType: number[] = [];
  /** The numbered entity the step's links start from. */
  readonly stepStart: number[] = [];

  constructor(
    private readonly model: StepModel,
    private readonly ends: ReadonlySet<Key>,
  ) {
    super();
  }

  get size(): number {
    return this.nodeIds.length;
  }

  /** Records an entity's degree; the path's ends cost nothing (every path has them). */
  noteDegree(node: number, degree: number) {
    if (this.degree[node] !== undefined) return;
    this.degree[node] = degree;
    this.hub[node] = this.ends.has(this.nodeIds[node]) ? 0 : this.model.hubCost(degree);
  }

  /** Adds the steps of an expanded entity; a step met again from its other end is not added twice. */
  addExpanded(node: number, read: ExpandedNode) {
    this.noteDegree(node, read.degree);
    const groups = new Map<number, number[]>();
    for (let i = 0; i < read.ids.length; i += 1) {
      if (this.linkIds.has(read.ids[i])) continue;
      const other = this.node(read.others[i]);
      this.noteDegree(other, read.otherDegrees[i]);
      const { type, outgoing } = decodeLink(read.codes[i]);
      const key = other * stepKeyStride + type * 2 + (outgoing ? 1 : 0);
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    }
    for (const [key, members] of groups) {
      const other = Math.floor(key / stepKeyStride);
      const links = members.map((i) => ({ id: read.ids[i], confidence: read.confidences[i], code: read.codes[i] }));
      const { type, outgoing } = decodeLink(links[0].code);
      this.addStep(outgoing ? node : other, outgoing ? other : node, type, links);
    }
  }

  /** A step from `start` to `end` (the direction of its links); its bound weight includes half of each end's hub cost. */
  addStep(start: number, end: number, type: number, links: CandidateLink[]): void {
    for (const link of links) this.linkIds.add(link.id);
    const weight = this.model.stepBound(type, links) + ((this.hub[start] ?? 0) + (this.hub[end] ?? 0)) / 2;
    const number = this.addLink({ id: this.edges.length, a: this.nodeIds[start], b: this.nodeIds[end], weight });
    if (number < 0) return;
    this.stepLinks[number] = links;
    this.stepType[number] = type;
    this.stepStart[number] = start;
  }

  hasLink(id: Key): boolean {
    return this.linkIds.has(id);
  }

  /**
   * Hops from `start` within which every entity has been read: a breadth-first walk over the steps read, leaving
   * only from entities that were read (their links are all known). The first entity reached but not read is at
   * least this far from `start` in the whole graph too, since the walk would have found any shorter way in.
   */
  readHorizon(start: number): number {
    const seen = new Uint8Array(this.size);
    seen[start] = 1;
    let level = [start];
    for (let depth = 0; level.length > 0; depth += 1) {
      const next: number[] = [];
      for (const node of level) {
        if (!this.read[node]) return depth;
        for (const to of this.neighbours[node]) {
          if (seen[to]) continue;
          seen[to] = 1;
          next.push(to);
        }
      }
      level = next;
    }
    return Infinity;
  }

  /** A path of step numbers as a candidate, its steps in reading order. */
  candidate(nodes: Key[], steps: number[], bound: number): CandidatePath {
    const numbered = nodes.map((node) => this.nodeIndex.get(node)!);
    return {
      nodes,
      degrees: numbered.map((node) => this.degree[node] ?? 0),
      steps: steps.map((step, index) => ({
        links: this.stepLinks[step],
        type: this.stepType[step],
        forward: this.stepStart[step] === numbered[index],
      })),
      bound,
      key: steps.join('|'),
    };
  }
}

/**
 * One end's Dijkstra over the steps read; entities are expanded (read from the graph) at most once per side. A side
 * never expands the other end: a simple path passes through it only as its last step, which the entity before it
 * reads, so leaving it out of the frontier keeps the radius a true bound (see searchPaths) and spares reading it.
 */
class Side {
  readonly distance: number[] = [];
  readonly expanded: boolean[] = [];
  private readonly frontier = new MinQueue<number>();

  constructor(
    start: number,
    private readonly otherEnd: number,
  ) {
    this.distance[start] = 0;
    this.frontier.push(0, start);
  }

  private known(node: number): number {
    return this.distance[node] ?? Infinity;
  }

  /** Smallest distance of an entity not yet expanded (Infinity when none is left). */
  radius(): number {
    while (this.frontier.size > 0 && this.superseded(this.frontier.peekKey(), this.frontier.peekValue()!)) this.frontier.popValue();
    return this.frontier.peekKey();
  }

  /** A queue entry for an entity already expanded, or whose distance has dropped since it was queued. */
  private superseded(key: number, node: number): boolean {
    return Boolean(this.expanded[node]) || this.known(node) !== key;
  }

  /** The next entity this side would expand (after radius(), which drops superseded entries). */
  peekNext(): number | undefined {
    return this.frontier.peekValue();
  }

  /**
   * The nearest unexpanded entities, up to `count`, and while the links they are known to have fit in `links`
   * (the read budget left; the first entity is always taken). Without that cap one batch of hubs could read
   * several times the budget in its last round.
   */
  takeBatch(count: number, links: number, degree: readonly number[]): number[] {
    const batch: number[] = [];
    let reading = 0;
    while (batch.length < count && this.frontier.size > 0) {
      const key = this.frontier.peekKey();
      const node = this.frontier.peekValue()!;
      if (this.superseded(key, node)) {
        this.frontier.popValue();
        continue;
      }
      reading += degree[node] ?? 0;
      if (batch.length > 0 && reading > links) break;
      this.frontier.popValue();
      this.expanded[node] = true;
      batch.push(node);
    }
    return batch;
  }

  /**
   * Relaxes from `node` over the steps read; an expanded entity whose distance drops passes the drop on (its
   * steps are all in memory), so distances stay exact for the steps read.
   */
  relaxFrom(node: number, steps: ReadSteps) {
    const pending: number[] = [node];
    while (pending.length > 0) {
      const current = pending.pop()!;
      const base = this.known(current);
      const neighbours = steps.neighbours[current];
      const links = steps.links[current];
      for (let i = 0; i < neighbours.length; i += 1) {
        const to = neighbours[i];
        if (to === this.otherEnd) continue;
        const candidate = base + steps.edgeWeights[links[i]];
        if (this.known(to) <= candidate) continue;
        this.distance[to] = candidate;
        if (this.expanded[to]) pending.push(to);
        else this.frontier.push(candidate, to);
      }
    }
  }
}

/** Distances and hops from both ends over the steps read, for pruning them to what can lie on a path. */
class PathPruner {
  private readonly hopsA: Float64Array;
  private readonly hopsB: Float64Array;
  private readonly fromA: Float64Array;
  private readonly fromB: Float64Array;

  constructor(
    private readonly steps: ReadSteps,
    private readonly from: number,
    private readonly to: number,
    private readonly maxHops: number,
  ) {
    this.hopsA = steps.hopsFrom(from, maxHops);
    this.hopsB = steps.hopsFrom(to, maxHops);
    this.fromA = steps.distancesFrom(from);
    this.fromB = steps.distancesFrom(to);
  }

  /**
   * Candidates lighter than `bound` (by their bounds), lightest first. Only steps that can lie on such a path
   * are kept (within the hop limit from both ends, and dA + w + dB < bound), so Yen's algorithm runs on a small
   * graph.
   */
  candidates(bound: number): { next(): CandidatePath | null } {
    const { hopsA, hopsB, fromA, fromB, maxHops, steps } = this;
    const fits = (u: number, v: number, weight: number) => hopsA[u] + 1 + hopsB[v] <= maxHops && fromA[u] + weight + fromB[v] < bound;
    const pruned = new LinkGraph();
    for (let index = 0; index < steps.edges.length; index += 1) {
      const weight = steps.edgeWeights[index];
      const [a, b] = [steps.edgeEnds[2 * index], steps.edgeEnds[2 * index + 1]];
      if (fits(a, b, weight) || fits(b, a, weight)) pruned.addLink(steps.edges[index]);
    }
    const yen = new YenPaths(pruned, steps.nodeIds[this.from], steps.nodeIds[this.to], maxHops);
    return {
      next: () => {
        const path = yen.next();
        return path && path.weight < bound ? steps.candidate(path.nodes, path.edges as number[], path.weight) : null;
      },
    };
  }
}

/** Share of steps two paths have in common, relative to the shorter one. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  const inA = new Set(a);
  let shared = 0;
  for (const step of new Set(b)) if (inA.has(step)) shared += 1;
  return shared / Math.min(inA.size, new Set(b).size);
}

/**
 * The candidates scored so far, and the greedy diverse selection over them: best exact cost first, then each
 * next best that shares at most `maxOverlap` of its steps with every path chosen; the others are folded into the
 * chosen path they share most with.
 */
class Selection<E extends EvaluatedPath> {
  private readonly scored = new Map<string, ScoredCandidate<E>>();
  private chosen: SelectedPath<E>[] | null = null;

  constructor(
    private readonly evaluate: EvaluatePaths<E>,
    private readonly options: PathSearchOptions,
  ) {}

  get size(): number {
    return this.scored.size;
  }

  /** The selection over what was scored. */
  paths(): SelectedPath<E>[] {
    if (this.chosen) return this.chosen;
    const ordered = [...this.scored.values()].sort(
      (x, y) =>
        x.evaluated.cost - y.evaluated.cost ||
        x.candidate.steps.length - y.candidate.steps.length ||
        (x.candidate.key < y.candidate.key ? -1 : 1),
    );
    const chosen: SelectedPath<E>[] = [];
    for (const entry of ordered) {
      if (entry.evaluated.cost === Infinity) continue;
      let closest: SelectedPath<E> | null = null;
      let most = -1;
      for (const path of chosen) {
        const shared = overlap(path.evaluated.signature, entry.evaluated.signature);
        if (shared > most) [closest, most] = [path, shared];
      }
      if (closest && most > this.options.maxOverlap) closest.variants.push(entry);
      else if (chosen.length < this.options.limit) chosen.push({ ...entry, variants: [] });
      // Beyond `limit` diverse paths, a diverse candidate is neither shown nor anyone's variant.
    }
    return (this.chosen = chosen);
  }

  /** Exact cost of the last path chosen once `limit` are chosen: nothing heavier can change the selection. */
  private threshold(): number {
    const paths = this.paths();
    return paths.length >= this.options.limit ? paths[paths.length - 1].evaluated.cost : Infinity;
  }

  /**
   * Scores candidates, lightest bound first, while their bound is below both `bound` and the threshold. Returns
   * false when it stopped at maxCandidates with candidates left (the selection is then not proven).
   */
  async extend(candidates: { next(): CandidatePath | null }, bound: number): Promise<boolean> {
    // A candidate drawn but over the threshold waits here: the threshold can rise once more are scored (a new
    // best path may turn one chosen before into its variant), and the stream gives each candidate once.
    let waiting: CandidatePath | null = null;
    for (;;) {
      const batch: CandidatePath[] = [];
      const limit = Math.min(bound, this.threshold());
      while (batch.length < this.options.evaluationBatch) {
        const next: CandidatePath | null = waiting ?? candidates.next();
        waiting = null;
        if (!next) break;
        if (next.bound >= limit) {
          waiting = next;
          break;
        }
        if (this.scored.has(next.key)) continue;
        if (this.scored.size + batch.length >= this.options.maxCandidates) return false;
        batch.push(next);
      }
      if (batch.length === 0) return true;
      const evaluated = await this.evaluate(batch);
      batch.forEach((candidate, index) => this.scored.set(candidate.key, { candidate, evaluated: evaluated[index] }));
      this.chosen = null;
    }
  }

  /** Whether the selection is proven against every path whose bound is at least `bound`. */
  provenBelow(bound: number): boolean {
    return this.threshold() < bound;
  }
}

export async function searchPaths<E extends EvaluatedPath>(
  from: Key,
  to: Key,
  reader: {
    expand: ExpandEntities;
    evaluate: EvaluatePaths<E>;
    fallback?: () => Promise<FallbackPath[]>;
    /** How many links each end has, when known: the search then leaves a hub end unread while it can. */
    endDegrees?: [number, number];
  },
  model: StepModel,
  options: PathSearchOptions,
): Promise<PathSearchResult<E>> {
  const steps = new ReadSteps(model, new Set([from, to]));
  const ends: [number, number] = [steps.node(from), steps.node(to)];
  if (reader.endDegrees) ends.forEach((end, index) => steps.noteDegree(end, reader.endDegrees![index]));
  const sides = [new Side(ends[0], ends[1]), new Side(ends[1], ends[0])];
  /** Links each side's expansions have read. */
  const work = [0, 0];
  const selection = new Selection(reader.evaluate, options);
  let linksRead = 0;
  let rounds = 0;
  // A proof check scores candidates; run it when the bound has grown enough to pay off.
  let nextCheckAt = 0;
  const result = (exhaustive: boolean): PathSearchResult<E> => ({
    paths: selection.paths(),
    exhaustive,
    linksRead,
    rounds,
    candidatesScored: selection.size,
  });
  // Built once per state of the steps read.
  let built: PathPruner | null = null;
  const pruner = () => (built ??= new PathPruner(steps, ends[0], ends[1], options.maxHops));
  /** Every path within the hop limit lies in the steps read: the selection over them is the answer. */
  const finish = async () => result(await selection.extend(pruner().candidates(Infinity), Infinity));

  for (;;) {
    const radii = [sides[0].radius(), sides[1].radius()];
    const bound = radii[0] + radii[1];
    // One side has nothing left to expand: every path that exists runs through steps already read.
    if (bound === Infinity) return finish();
    if (bound >= nextCheckAt && steps.edges.length > 0) {
      // Every entity within hA hops of one end and hB of the other has been read: when hA + hB reach the hop
      // limit, every path within it lies in the steps read (its step i has an end within i hops of `from` or
      // within maxHops - i - 1 of `to`), however many or few such paths there are.
      if (steps.readHorizon(ends[0]) + steps.readHorizon(ends[1]) >= options.maxHops) return finish();
      const complete = await selection.extend(pruner().candidates(bound), bound);
      if (!complete) return result(false);
      if (selection.provenBelow(bound)) return result(true);
      nextCheckAt = Math.max(bound * 2, bound + 0.1);
    }
    if (linksRead >= options.maxLinksRead) {
      await selection.extend(pruner().candidates(Infinity), Infinity);
      if (selection.paths().length < options.limit && reader.fallback) {
        for (const path of await reader.fallback()) addFallbackPath(steps, path);
        built = null;
        await selection.extend(pruner().candidates(Infinity), Infinity);
      }
      return result(false);
    }

    const index = sideToExpand(sides, radii, work, steps);
    const side = sides[index];
    const batch = side.takeBatch(options.batchSize, options.maxLinksRead - linksRead, steps.degree);
    const unread = batch.filter((node) => !steps.read[node]);
    if (unread.length > 0) {
      const found = await reader.expand(unread.map((node) => steps.nodeIds[node]));
      rounds += 1;
      built = null;
      for (const node of unread) {
        steps.read[node] = true;
        const read = found.get(steps.nodeIds[node]);
        if (!read) continue;
        // The budget counts every link of the entity (what Neo4j reads), not only those a path may use.
        const cost = Math.max(read.degree, read.ids.length);
        linksRead += cost;
        work[index] += cost;
        steps.addExpanded(node, read);
      }
    }
    for (const node of batch) side.relaxFrom(node, steps);
  }
}

/**
 * Which side expands next. Any choice keeps the answer exact (the proof only needs each side's radius); the
 * choice decides how much is read. The side whose reading so far plus its next entity's links is smaller goes
 * first (balanced bidirectional search), so a hub at one end (a state with thousands of links) is read only once
 * the other side has read as much, and is often never read: the other side's expansions read the links into it.
 * Equal costs fall back to the smaller radius.
 */
function sideToExpand(sides: Side[], radii: number[], work: number[], steps: ReadSteps): number {
  const open = radii.map((radius) => radius < Infinity);
  if (!open[0] || !open[1]) return open[0] ? 0 : 1;
  const next = sides.map((side, index) => work[index] + (steps.degree[side.peekNext()!] ?? 0));
  if (next[0] !== next[1]) return next[0] < next[1] ? 0 : 1;
  return radii[0] <= radii[1] ? 0 : 1;
}

/** A path of the fewest-hop fallback, its links not yet read, as steps of one link each. */
function addFallbackPath(steps: ReadSteps, path: FallbackPath) {
  path.links.forEach((link, index) => {
    const [a, b] = [steps.node(path.nodes[index]), steps.node(path.nodes[index + 1])];
    steps.noteDegree(a, path.degrees[index]);
    steps.noteDegree(b, path.degrees[index + 1]);
    if (steps.hasLink(link.id)) return;
    const { type, outgoing } = decodeLink(link.code);
    steps.addStep(outgoing ? a : b, outgoing ? b : a, type, [link]);
  });
}
