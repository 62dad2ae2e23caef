/**
 * What a change of knowledge did to a path the analyst chose: its confidence band (and evidence support) as known
 * on each of the two days, in words ("Path Homeland Justice → Iran → … moved from LOW to HIGH (support 0.41 →
 * 0.78)"). The path is scored by the path ranking's own code (paths/chosen-path.ts).
 */
import type { ConfidenceBandName, PathProfileName } from '../../../shared/vocabulary.js';
import type { Graph } from '../../graph/run.js';
import { chosenPathOn, type ChosenPathScore } from '../paths/chosen-path.js';

export interface PathBandRecord {
  entityIds: string[];
  before: ConfidenceBandName | null;
  after: ConfidenceBandName | null;
  supportBefore: number | null;
  supportAfter: number | null;
}

export interface ChosenPathQuestion {
  relationships: readonly string[];
  profile: PathProfileName;
}

const support = (value: number) => value.toFixed(2);

/** One day's state of the path in words: "MODERATE on 2022-09-30 (support 0.53)" or why it was not known. */
function stateOn(score: ChosenPathScore, day: string): string {
  return score.known
    ? `${score.band} on ${day} (support ${support(score.support)})`
    : `not known on ${day} (nothing known then links ${score.missingStep.from} and ${score.missingStep.to})`;
}

/** The sentence for the band of a path between two days. */
export function describePathBand(
  names: readonly string[],
  before: ChosenPathScore,
  after: ChosenPathScore,
  from: string,
  to: string,
): string {
  const path = `Path ${names.join(' → ')}`;
  if (before.known && after.known) {
    const supports = `support ${support(before.support)} → ${support(after.support)}`;
    return before.band === after.band
      ? `${path} stayed ${after.band} (${supports}).`
      : `${path} moved from ${before.band} to ${after.band} (${supports}).`;
  }
  return `${path} was ${stateOn(before, from)}; ${stateOn(after, to)}.`;
}

/** The chosen path's band on both days, as a change (always given: the analyst asked about this path). */
export async function pathBandChange(graph: Graph, question: ChosenPathQuestion, from: string, to: string) {
  const { path, scores } = await chosenPathOn(graph, question.relationships, [from, to], question.profile);
  const [before, after] = scores;
  const pathBand: PathBandRecord = {
    entityIds: path.entities.map((entity) => entity.id),
    before: before.known ? before.band : null,
    after: after.known ? after.band : null,
    supportBefore: before.known ? before.support : null,
    supportAfter: after.known ? after.support : null,
  };
  return {
    kind: 'PATH_BAND' as const,
    date: to,
    subjectId: pathBand.entityIds.join(' > '),
    description: describePathBand(
      path.entities.map((entity) => entity.name),
      before,
      after,
      from,
      to,
    ),
    relationship: null,
    source: null,
    pathBand,
  };
}
