/**
 * The exact score of candidate paths: what the search's bounds leave out (which sources cite each link, how
 * reliable they are, how credible each citation is, which sources depend on one another). It reads what it needs
 * for a batch of candidates at once and keeps it for the rest of the request.
 *
 *   score = prod over steps (support x type weight) x prod over intermediate entities hubFactor(degree)
 *   cost  = -ln(score) + hops x hopCost
 */
import type { EntityKindName, StanceName } from '../model.js';
import type { CandidatePath, EvaluatedPath } from '../path-search.js';
import { hopCost, type Key } from '../rank-paths.js';
import type { SourceDocument } from '../types.js';
import { SourceLibrary, stepSupport, type EvidenceLink } from './evidence-support.js';
import { decodeLink, stanceName, typeName } from './link-codes.js';
import { hubFactor, type PathProfileDefinition } from './profiles.js';

export interface LinkEvidence {
  id: string;
  citations: { sourceId: string; credibility: number }[];
  /** Some entity disputes the link (its disputedBy is not empty). */
  disputed: boolean;
}

export interface NodeFacts {
  id: string;
  kind: EntityKindName;
}

/** Where the evaluator reads citations, entity kinds and sources (Neo4j in the server, a map in tests). */
export interface EvidenceReader {
  /**
   * The citations of links, the ids and kinds of entities, by the search's keys, and the sources the links cite
   * (those not among `knownSources`), in one read.
   */
  facts(
    links: Key[],
    nodes: Key[],
    knownSources: string[],
  ): Promise<{ links: Map<Key, LinkEvidence>; nodes: Map<Key, NodeFacts>; sources: SourceDocument[] }>;
  /** Sources by id (those cited sources derive from). */
  sources(ids: string[]): Promise<SourceDocument[]>;
}

export interface StepScore {
  /** The step's links as the support weighs them (stances after statement nodes). */
  links: EvidenceLink[];
  support: number;
  groups: number;
  /** Groups with a source graded A-C. */
  reliableGroups: number;
  /** The profile's weight of the step's type in its direction. */
  weight: number;
  /** Every link of the step is an interested party's word (CLAIMED or DENIED). */
  claimed: boolean;
  contested: boolean;
}

export interface PathScore extends EvaluatedPath {
  steps: StepScore[];
  /** Product of the steps' support. */
  support: number;
  /** Support discounted by the type weights and hubs. */
  score: number;
}

/** Kinds that stand for a party's statement: a route through one is that party's word, not a link of its own. */
const statementKinds: ReadonlySet<EntityKindName> = new Set(['CLAIM', 'DENIAL']);
const interestedStances: ReadonlySet<StanceName> = new Set(['CLAIMED', 'DENIED']);
/** Rounds of derivedFrom lookups: chains of retellings longer than this are not followed further. */
const derivationDepth = 6;

export class PathEvaluator {
  private readonly linkFacts = new Map<Key, LinkEvidence>();
  private readonly nodeFacts = new Map<Key, NodeFacts>();
  private readonly library = new SourceLibrary();

  constructor(
    private readonly reader: EvidenceReader,
    private readonly profile: PathProfileDefinition,
    private readonly excluded: ReadonlySet<string>,
  ) {}

  /** Scores candidates, reading what is not known yet in one round per kind of fact. */
  async evaluate(paths: CandidatePath[]): Promise<PathScore[]> {
    await this.learn(paths);
    return paths.map((path) => this.score(path));
  }

  node(key: Key): NodeFacts | undefined {
    return this.nodeFacts.get(key);
  }

  link(key: Key): LinkEvidence | undefined {
    return this.linkFacts.get(key);
  }

  source(id: string): SourceDocument | undefined {
    return this.library.source(id);
  }

  /** The support of a path's steps without one source's citations (the leave-one-out of criticalSource). */
  supportWithout(steps: readonly StepScore[], sourceId: string): number {
    const without = new Set([...this.excluded, sourceId]);
    return steps.reduce((product, step) => product * stepSupport(step.links, this.library, this.profile.stances, without).support, 1);
  }

  /** Reads the links, entities and sources (with what they derive from) that the candidates need. */
  private async learn(paths: CandidatePath[]) {
    const linkKeys = new Set<Key>();
    const nodeKeys = new Set<Key>();
    for (const path of paths) {
      for (const node of path.nodes) if (!this.nodeFacts.has(node)) nodeKeys.add(node);
      for (const step of path.steps) for (const link of step.links) if (!this.linkFacts.has(link.id)) linkKeys.add(link.id);
    }
    if (linkKeys.size + nodeKeys.size === 0) return;
    const { links, nodes, sources } = await this.reader.facts([...linkKeys], [...nodeKeys], this.library.ids());
    for (const [key, facts] of links) this.linkFacts.set(key, facts);
    for (const [key, facts] of nodes) this.nodeFacts.set(key, facts);
    for (const source of sources) this.library.add(source);

    // Cited sources the graph does not hold, then what the cited ones derive from, a generation per read.
    let wanted = new Set<string>();
    for (const facts of links.values()) for (const citation of facts.citations) wanted.add(citation.sourceId);
    for (const source of sources) for (const ancestor of source.derivedFrom) wanted.add(ancestor);
    for (let round = 0; round < derivationDepth; round += 1) {
      const unknown = [...wanted].filter((id) => !this.library.has(id));
      if (unknown.length === 0) break;
      const found = await this.reader.sources(unknown);
      // A source the graph does not hold is remembered as absent (its own origin), so it is not asked for again.
      for (const id of unknown)
        this.library.add({
          id,
          title: id,
          publisher: null,
          url: null,
          published: null,
          publishedInferred: false,
          publishedNote: null,
          reliability: null,
          origin: `unknown:${id}`,
          derivedFrom: [],
        });
      for (const source of found) this.library.add(source);
      wanted = new Set(found.flatMap((source) => source.derivedFrom));
    }
  }

  private score(path: CandidatePath): PathScore {
    const steps = path.steps.map((step): StepScore => {
      const links = step.links.map((link): EvidenceLink => {
        const facts = this.linkFacts.get(link.id);
        return {
          id: link.id,
          confidence: link.confidence,
          stance: stanceName(decodeLink(link.code).stance),
          citations: facts?.citations ?? [],
        };
      });
      const rule = this.profile.types[typeName(step.type)];
      const weight = step.forward ? rule.weight : (rule.backward ?? rule.weight);
      const { support, groups, reliableGroups } = stepSupport(links, this.library, this.profile.stances, this.excluded);
      return {
        links,
        support,
        groups,
        reliableGroups,
        weight,
        claimed: links.every((link) => interestedStances.has(link.stance)),
        contested: step.links.some((link) => this.linkFacts.get(link.id)?.disputed ?? false),
      };
    });
    const support = steps.reduce((product, step) => product * step.support, 1);
    let score = steps.reduce((product, step) => product * step.support * step.weight, 1);
    if (this.profile.hubDiscount) for (let i = 1; i < path.nodes.length - 1; i += 1) score *= hubFactor(path.degrees[i]);
    return {
      cost: Math.max(score > 0 ? -Math.log(score) + steps.length * hopCost : Infinity, path.bound),
      signature: this.signature(path),
      steps,
      support,
      score,
    };
  }

  /**
   * The path's steps as the overlap between paths counts them: pairs of consecutive entities, whatever the link
   * type, where a claim or denial passed through stands for its author's word about its subject (a route through
   * Homeland Justice's claim node and its claimed-by link are the same step).
   */
  private signature(path: CandidatePath): string[] {
    const anchors = path.nodes.filter(
      (node, index) =>
        index === 0 || index === path.nodes.length - 1 || !statementKinds.has(this.nodeFacts.get(node)?.kind as EntityKindName),
    );
    const pairs: string[] = [];
    for (let i = 0; i + 1 < anchors.length; i += 1) {
      const [a, b] = [String(anchors[i]), String(anchors[i + 1])];
      pairs.push(a < b ? `${a}~${b}` : `${b}~${a}`);
    }
    return pairs;
  }
}
