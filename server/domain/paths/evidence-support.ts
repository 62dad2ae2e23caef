/**
 * How much a step of a path is supported by the evidence behind its links, counting independent evidence once.
 *
 * Each citation of a link gives a strength
 *
 *   s = confidence / 100 x reliabilityWeight(source) x credibilityWeight(citation) x stanceWeight(link)
 *
 * Citations fall into evidence groups: sources that share a (normalised) origin, or that are linked by
 * derivedFrom (directly or through other sources), are one group, because a story retelling an advisory adds no
 * second witness. Within a group only the strongest citation counts; independent groups combine by noisy-OR:
 *
 *   support = 1 - prod over groups (1 - max strength in the group)
 *
 * so a second independent origin raises the support, a second outlet repeating the same origin does not, and a
 * step never loses support by gaining a source. A link with no citation at all (never written by this
 * application, but possible in data loaded by other means) counts as one ungraded source of its own.
 */
import type { ReliabilityGrade, StanceName } from '../model.js';
import { originKey, originOf, reliabilityOf } from '../sources/source-evidence.js';
import type { SourceDocument } from '../types.js';

/**
 * Admiralty reliability -> weight. A source with a record of being right (A) counts in full; "cannot be judged"
 * (F, the default) sits between fairly reliable and not usually reliable: unknown is not trusted like a good
 * record, nor condemned like a bad one. Grading a source is what lifts it.
 */
export const reliabilityWeights: Record<ReliabilityGrade, number> = { A: 1, B: 0.9, C: 0.75, D: 0.5, E: 0.25, F: 0.6 };

/**
 * Admiralty credibility (1-6) of one piece of information -> weight. It only ever discounts: the link's
 * confidence already says how sure its source is, and corroboration is counted from independent groups, so
 * "confirmed", "probably true" and "cannot be judged" (6, the default) leave the strength as stated, while an
 * analyst's "possibly true", "doubtful" or "improbable" lowers it.
 */
export const credibilityWeights: Record<number, number> = { 1: 1, 2: 1, 3: 0.8, 4: 0.5, 5: 0.2, 6: 1 };

/** The strongest weight any citation can have: the search bounds a step's support with it. */
export const maxCredibilityWeight = Math.max(...Object.values(credibilityWeights));

/** The largest reliability weight among the grades present (a search's bound needs only those that occur). */
export function maxReliabilityWeight(gradesPresent: readonly ReliabilityGrade[]): number {
  return Math.max(reliabilityWeights.F, ...gradesPresent.map((grade) => reliabilityWeights[grade]));
}

/** One link of a step as the support needs it. */
export interface EvidenceLink {
  id: string | number;
  confidence: number;
  /** Its stance on the path: a link into a claim or denial node takes the node's. */
  stance: StanceName;
  citations: { sourceId: string; credibility: number }[];
}

/** The sources known to a request, by id: those cited and those they derive from (directly or not). */
export class SourceLibrary {
  private readonly sources = new Map<string, SourceDocument>();
  /** Normalising an origin is string work; a request asks for the same sources' keys over and over. */
  private readonly originKeys = new Map<string, string>();

  constructor(sources: Iterable<SourceDocument> = []) {
    for (const source of sources) this.sources.set(source.id, source);
  }

  add(source: SourceDocument): void {
    this.sources.set(source.id, source);
    this.originKeys.delete(source.id);
  }

  private originKeyOf(source: SourceDocument): string {
    let key = this.originKeys.get(source.id);
    if (key === undefined) this.originKeys.set(source.id, (key = originKey(originOf(source))));
    return key;
  }

  has(id: string): boolean {
    return this.sources.has(id);
  }

  ids(): string[] {
    return [...this.sources.keys()];
  }

  source(id: string): SourceDocument | undefined {
    return this.sources.get(id);
  }

  /**
   * The evidence group of each of `ids` (the sources cited for one step): sources of one (normalised) origin are
   * one group, and so are a source and everything it derives from, directly or through other sources (a
   * union-find over the cited sources and their ancestors). The grouping depends on these sources alone, not on
   * what else the request has read, so a step weighs the same in every path and every search.
   */
  groupsOf(ids: Iterable<string>): Map<string, string> {
    const parent = new Map<string, string>();
    const find = (id: string): string => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root)!;
      for (let node = id; node !== root;) {
        const next = parent.get(node)!;
        parent.set(node, root);
        node = next;
      }
      return root;
    };
    const union = (a: string, b: string) => {
      const [rootA, rootB] = [find(a), find(b)];
      // The smaller id is the root, so groups do not depend on the order sources arrive in.
      if (rootA !== rootB) parent.set(rootA < rootB ? rootB : rootA, rootA < rootB ? rootA : rootB);
    };
    const cited = [...new Set(ids)];
    const pending = [...cited];
    for (const id of pending) parent.set(id, id);
    for (let index = 0; index < pending.length; index += 1) {
      for (const ancestor of this.sources.get(pending[index])?.derivedFrom ?? []) {
        if (!parent.has(ancestor)) {
          parent.set(ancestor, ancestor);
          pending.push(ancestor);
        }
      }
    }
    const byOrigin = new Map<string, string>();
    for (const id of pending) {
      const source = this.sources.get(id);
      // A source the graph does not hold is its own origin.
      const key = source ? this.originKeyOf(source) : `unknown:${id}`;
      const first = byOrigin.get(key);
      if (first === undefined) byOrigin.set(key, id);
      else union(first, id);
      for (const ancestor of source?.derivedFrom ?? []) union(id, ancestor);
    }
    return new Map(cited.map((id) => [id, find(id)]));
  }
}

export interface StepSupport {
  support: number;
  /** Independent evidence groups with at least one citation. */
  groups: number;
  /** Of those, the groups with a source of known reliability (graded A, B or C): the ones high confidence needs. */
  reliableGroups: number;
}

/** Grades of a source whose record is known to be good enough for high confidence. */
const reliableGrades: ReadonlySet<ReliabilityGrade> = new Set(['A', 'B', 'C']);

/** The strength of one citation of a link (see the file comment). */
export function citationStrength(
  link: Pick<EvidenceLink, 'confidence' | 'stance'>,
  citation: { sourceId: string; credibility: number },
  library: SourceLibrary,
  stanceWeights: Record<StanceName, number>,
): number {
  const source = library.source(citation.sourceId);
  const reliability = reliabilityWeights[source ? reliabilityOf(source) : 'F'];
  const credibility = credibilityWeights[citation.credibility] ?? 1;
  return (Math.min(Math.max(link.confidence, 0), 100) / 100) * reliability * credibility * stanceWeights[link.stance];
}

/**
 * The support of a step made of `links` (parallel links of one meaning between two entities). Citations of
 * `excluded` sources are left out (a what-if); a link with no citation counts as one ungraded source of its own.
 */
export function stepSupport(
  links: readonly EvidenceLink[],
  library: SourceLibrary,
  stanceWeights: Record<StanceName, number>,
  excluded: ReadonlySet<string> = new Set(),
): StepSupport {
  const strongest = new Map<string, number>();
  const reliable = new Set<string>();
  const keep = (group: string, strength: number) => strongest.set(group, Math.max(strongest.get(group) ?? 0, strength));
  const groupOf = library.groupsOf(
    links.flatMap((link) => link.citations.map((citation) => citation.sourceId).filter((id) => !excluded.has(id))),
  );
  for (const link of links) {
    if (link.citations.length === 0) {
      keep(`unsourced:${link.id}`, citationStrength(link, { sourceId: '', credibility: 6 }, library, stanceWeights));
      continue;
    }
    for (const citation of link.citations) {
      if (excluded.has(citation.sourceId)) continue;
      const group = `source:${groupOf.get(citation.sourceId)!}`;
      keep(group, citationStrength(link, citation, library, stanceWeights));
      const source = library.source(citation.sourceId);
      if (source && reliableGrades.has(reliabilityOf(source))) reliable.add(group);
    }
  }
  let missing = 1;
  for (const strength of strongest.values()) missing *= 1 - strength;
  return { support: 1 - missing, groups: strongest.size, reliableGroups: reliable.size };
}
