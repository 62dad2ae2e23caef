/**
 * The chosen paths as the API gives them: entities, links and sources read once for all of them (and for the
 * variants shown), each path with its steps, scores and explanation.
 */
import type { ReadTransaction } from '../../graph/run.js';
import { rankingConfidence } from '../confidence.js';
import { isPresent, RecordBuilder } from '../graph-records.js';
import type { CandidateStep, PathSearchResult, ScoredCandidate } from '../path-search.js';
import type { Key } from '../rank-paths.js';
import type { PathRecord, PathStepRecord, RelationshipRecord } from '../types.js';
import type { EvidenceLink } from './evidence-support.js';
import type { PathEvaluator, PathScore } from './evaluate-paths.js';
import { confidenceBand, criticalSource, metaPath, reading, stepReading, type ExplainedStep } from './explain-path.js';
import { typeName } from './link-codes.js';

export async function buildPathRecords(
  tx: ReadTransaction,
  search: PathSearchResult<PathScore>,
  evaluator: PathEvaluator,
  maxVariantPaths: number,
): Promise<PathRecord[]> {
  const shown = search.paths.map((path) => ({ path, variants: path.variants.slice(0, maxVariantPaths) }));
  const links = new Set<number>();
  for (const { path, variants } of shown) {
    for (const entry of [path, ...variants])
      for (const step of entry.candidate.steps) for (const link of step.links) links.add(link.id as number);
  }
  if (links.size === 0) return [];
  const [row] = await tx.run('graph/find-path-links', { links: [...links] });
  const builder = new RecordBuilder(row?.sources, row?.disputing);
  builder.entityList(row?.entities);
  const rels = row?.rels ?? [];
  const byId = new Map(builder.relationshipList(rels).map((record) => [record.id, record]));
  const byInternalId = new Map<Key, RelationshipRecord | undefined>(
    rels.filter(isPresent).map((rel) => [rel.internalId, byId.get(rel.id)]),
  );

  const record = (entry: ScoredCandidate<PathScore>, variants: PathRecord[], variantCount: number): PathRecord | null => {
    const { candidate, evaluated } = entry;
    const entities = candidate.nodes.map((key) => builder.known(evaluator.node(key)?.id ?? ''));
    const stepLinks = candidate.steps.map((step) => step.links.map((link) => byInternalId.get(link.id)));
    // A link or entity deleted between the search and this read leaves its path out rather than half-drawn.
    if (entities.some((entity) => !entity) || stepLinks.some((list) => list.some((link) => !link))) return null;
    const ends = entities as NonNullable<(typeof entities)[number]>[];
    const explained = candidate.steps.map((step, index) => explainedStep(step, evaluated.steps[index].links));
    const steps = candidate.steps.map((step, index): PathStepRecord => {
      const score = evaluated.steps[index];
      return {
        from: ends[index],
        to: ends[index + 1],
        reading: stepReading(ends[index], ends[index + 1], explained[index]),
        relationships: (stepLinks[index] as RelationshipRecord[])
          .slice()
          .sort((x, y) => rankingConfidence(y.confidence) - rankingConfidence(x.confidence)),
        support: score.support,
        evidenceGroups: score.groups,
        singleSource: score.groups <= 1,
        contested: score.contested,
        claimed: score.claimed,
      };
    });
    const weakest = steps.reduce((low, step) => (step.support < low.support ? step : low), steps[0]);
    const critical = criticalSource(evaluated.steps, evaluated.support, (id) => evaluator.supportWithout(evaluated.steps, id));
    return {
      entities: ends,
      relationships: steps.flatMap((step) => step.relationships),
      hops: steps.length,
      score: evaluated.score,
      support: evaluated.support,
      weakestLink: weakest?.relationships[0] ?? null,
      exhaustive: search.exhaustive,
      metaPath: metaPath(ends, explained),
      reading: reading(ends, explained),
      band: confidenceBand(evaluated.support, evaluated.steps),
      variants: variantCount,
      variantPaths: variants,
      steps,
      criticalSource: critical ? (evaluator.source(critical) ?? null) : null,
    };
  };

  return shown.flatMap(({ path, variants }) => {
    const main = record(
      path,
      variants.map((variant) => record(variant, [], 0)).filter((variant): variant is PathRecord => variant !== null),
      path.variants.length,
    );
    return main ? [main] : [];
  });
}

/** How a step reads: its type, its direction along the path, and the stance (on the path) of its strongest link. */
function explainedStep(step: CandidateStep, links: readonly EvidenceLink[]): ExplainedStep {
  const strongest = links.reduce((best, link) => (link.confidence > best.confidence ? link : best), links[0]);
  return { type: typeName(step.type), forward: step.forward, stance: strongest.stance };
}
