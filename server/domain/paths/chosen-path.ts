/**
 * A path an analyst chose (its links, as the path panel shows them) followed through knowledge time: its steps as
 * the path search defines them (every link of the step's type and direction between its two entities, under the
 * link filter with `knownAsOf`), weighed by the citations known on the day, with the path ranking's own evaluator
 * and band (evaluate-paths.ts, explain-path.ts). "What changed" reports how the band moved between two days.
 */
import type { ConfidenceBandName, PathProfileName } from '../../../shared/vocabulary.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph, ReadTransaction } from '../../graph/run.js';
import type { RowOf } from '../../graph/statements.js';
import { defaultPathStances, evidenceReader, expandForPaths, linkParams, pathLimits, searchConfidence } from '../find-paths.js';
import { keywordQueries } from '../import/write-document.js';
import type { KnowledgeClock } from '../knowledge-time.js';
import { stances, type RelationshipTypeName, type StanceName } from '../model.js';
import type { CandidatePath, CandidateStep } from '../path-search.js';
import { toFilterParams } from '../relationship-filter.js';
import { PathEvaluator } from './evaluate-paths.js';
import { confidenceBand } from './explain-path.js';
import { decodeLink, stanceName, typeCodes } from './link-codes.js';
import { profiles } from './profiles.js';

/** Most links one chosen path may name: its steps' parallel links included. */
export const chosenPathLimits = { maxLinks: 200 } as const;

interface ChosenEntity {
  id: string;
  name: string;
  node: number;
}

interface ChosenStep {
  type: RelationshipTypeName;
  /** The links run from the step's start to its end in reading order. */
  forward: boolean;
}

/** The chosen path rebuilt: its entities in reading order and each step's type and direction. */
export interface ChosenPath {
  entities: ChosenEntity[];
  steps: ChosenStep[];
  /** The chosen links' internal ids (within the read transaction that read them). */
  linkInternalIds: number[];
}

/** The path as known on one day: its band and support, or, when a step had no known link, which one. */
export type ChosenPathScore =
  { known: true; band: ConfidenceBandName; support: number } | { known: false; missingStep: { from: string; to: string } };

/** One chosen link as graph/find-chosen-path reads it. */
type LinkRow = RowOf<'graph/find-chosen-path'>;

/** Reads the chosen links and puts them in path order; refuses links that do not make one simple path. */
export async function readChosenPath(tx: ReadTransaction, relationshipIds: readonly string[]): Promise<ChosenPath> {
  const ids = [...new Set(relationshipIds)];
  if (ids.length === 0) throw new BadUserInputError('path.relationships names no link.');
  if (ids.length > chosenPathLimits.maxLinks)
    throw new BadUserInputError(`path.relationships takes at most ${chosenPathLimits.maxLinks} links, got ${ids.length}.`);
  const rows = await tx.run('graph/find-chosen-path', { ids, queries: keywordQueries(ids) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new NotFoundError(`No relationship with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
  return chainLinks(ids.map((id) => byId.get(id)!));
}

/** Consecutive links between the same two entities are one step; the steps must chain into a simple path. */
export function chainLinks(links: readonly LinkRow[]): ChosenPath {
  const pair = (link: LinkRow) => [link.from, link.to].sort().join('\u0000');
  const groups: LinkRow[][] = [];
  for (const link of links) {
    const last = groups[groups.length - 1];
    if (last && pair(last[0]) === pair(link)) last.push(link);
    else groups.push([link]);
  }
  if (groups.length > pathLimits.maxHops)
    throw new BadUserInputError(`path takes at most ${pathLimits.maxHops} steps, got ${groups.length}.`);
  for (const group of groups) {
    if (group.some((link) => link.type !== group[0].type || link.from !== group[0].from))
      throw new BadUserInputError(
        `path: the links between ${group[0].fromName} and ${group[0].toName} are not of one type and direction, as a step's are.`,
      );
  }
  const endsOf = (link: LinkRow): ChosenEntity[] => [
    { id: link.from, name: link.fromName, node: link.fromNode },
    { id: link.to, name: link.toName, node: link.toNode },
  ];
  const first = groups[0][0];
  const second = groups[1]?.[0];
  // The start is the end of the first step that the second step does not touch (a one-step path reads as its link).
  const start = second ? endsOf(first).find((end) => end.id !== second.from && end.id !== second.to) : endsOf(first)[0];
  if (!start) throw new BadUserInputError('path: its links do not make a path (two steps join the same two entities).');
  const entities = [start];
  const steps: ChosenStep[] = [];
  for (const [head] of groups) {
    const current = entities[entities.length - 1];
    const next = endsOf(head).find((end) => end.id !== current.id);
    if (!(head.from === current.id || head.to === current.id) || !next || entities.some((entity) => entity.id === next.id))
      throw new BadUserInputError('path: its links, in the order given, do not make a simple path.');
    entities.push(next);
    steps.push({ type: head.type, forward: head.from === current.id });
  }
  return { entities, steps, linkInternalIds: links.map((link) => link.internalId) };
}

/**
 * The chosen path's band as known at the end of the clock's day: each step is every link of its type and direction
 * between its entities that the link filter keeps on that day, scored on the citations known then, with the stance
 * weights of `profile` (the one the path was ranked with).
 */
export async function scoreChosenPath(
  tx: ReadTransaction,
  path: ChosenPath,
  clock: KnowledgeClock,
  profileName: PathProfileName,
): Promise<ChosenPathScore> {
  const profile = profiles[profileName];
  const filter = toFilterParams({ knownAsOf: clock.knownAsOf, includeUndated: clock.includeUndated, stances: [...stances] });
  const { entities, steps } = path;
  const ends = [entities[0].node, entities[entities.length - 1].node];
  const params = {
    ...linkParams(filter, profile, ends),
    // The analyst chose these steps: every type on the path is followed, wherever it lies on it.
    types: [...new Set(steps.map((step) => step.type))],
    endsOnlyTypes: [],
  };
  const rows = await expandForPaths(
    tx,
    entities.slice(0, -1).map((entity) => entity.node),
    params,
  );
  const expanded = new Map(rows.map((row) => [row.node, row]));
  const chosen = new Set(path.linkInternalIds);
  const found = steps.map((step, index) => {
    const row = expanded.get(entities[index].node);
    return (row?.rels ?? []).flatMap((rel, at) => {
      const code = decodeLink(row!.codes[at]);
      if (row!.others[at] !== entities[index + 1].node || code.type !== typeCodes[step.type] || code.outgoing !== step.forward) return [];
      const link = { id: rel, confidence: searchConfidence(row!.confidences[at]), code: row!.codes[at] };
      return [{ link, stance: stanceName(code.stance), degree: row!.otherDegrees[at] }];
    });
  });
  // Paths leave denied links out unless asked: denied links join a step only when a chosen link itself reads as a denial.
  const allowed = new Set<StanceName>(defaultPathStances);
  if (found.some((links) => links.some(({ link, stance }) => stance === 'DENIED' && chosen.has(link.id as number)))) allowed.add('DENIED');
  const candidateSteps = steps.map((step, index): CandidateStep => ({
    links: found[index].filter(({ stance }) => allowed.has(stance)).map(({ link }) => link),
    type: typeCodes[step.type],
    forward: step.forward,
  }));
  const lastDegree = found[found.length - 1][0]?.degree ?? 1;
  const missing = candidateSteps.findIndex((step) => step.links.length === 0);
  if (missing >= 0) return { known: false, missingStep: { from: entities[missing].name, to: entities[missing + 1].name } };
  const candidate: CandidatePath = {
    nodes: entities.map((entity) => entity.node),
    degrees: [...entities.slice(0, -1).map((entity) => expanded.get(entity.node)?.degree ?? 1), lastDegree],
    steps: candidateSteps,
    bound: 0,
    key: '',
  };
  const evaluator = new PathEvaluator(evidenceReader(tx, clock), profile, new Set());
  const [score] = await evaluator.evaluate([candidate]);
  return { known: true, band: confidenceBand(score.support, score.steps), support: score.support };
}

/** Reads the chosen path and scores it on each day, in one read transaction. */
export async function chosenPathOn(
  graph: Graph,
  relationshipIds: readonly string[],
  days: readonly string[],
  profile: PathProfileName,
): Promise<{ path: ChosenPath; scores: ChosenPathScore[] }> {
  return graph.readTransaction(async (tx) => {
    const path = await readChosenPath(tx, relationshipIds);
    const scores: ChosenPathScore[] = [];
    for (const knownAsOf of days) scores.push(await scoreChosenPath(tx, path, { knownAsOf, includeUndated: false }, profile));
    return { path, scores };
  });
}
