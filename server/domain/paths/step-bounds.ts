/**
 * The search's lower bounds on costs (server/domain/path-search.ts), from what an expansion returns: each link's
 * confidence, stance and number of citations. A step's support is at most what it would be if every citation
 * were its own evidence group from a source of the best grade present, with credibility at its best weight:
 *
 *   support <= 1 - prod over links (1 - confidence/100 x bestReliability x bestCredibility x stanceWeight)^citations
 *
 * since a group's strongest citation is never stronger than that and grouping only removes factors. The bound
 * cost is -ln(that x the type's larger weight of its two directions) plus the hop's tie-breaker, never more than
 * the exact cost evaluate-paths.ts computes.
 */
import { relationshipTypes, stances } from '../model.js';
import type { CandidateLink, StepModel } from '../path-search.js';
import { costOf } from '../rank-paths.js';
import { maxCredibilityWeight } from './evidence-support.js';
import { decodeLink, manyCitations } from './link-codes.js';
import { hubFactor, type PathProfileDefinition } from './profiles.js';

export function stepModel(profile: PathProfileDefinition, bestReliabilityWeight: number): StepModel {
  const stanceWeights = stances.map((stance) => profile.stances[stance]);
  const typeWeights = relationshipTypes.map((type) => {
    const rule = profile.types[type];
    return Math.max(rule.weight, rule.backward ?? rule.weight);
  });
  const bestWeight = bestReliabilityWeight * maxCredibilityWeight;
  return {
    stepBound(type: number, links: readonly CandidateLink[]): number {
      const typeWeight = typeWeights[type];
      if (!(typeWeight > 0)) return Infinity;
      let missing = 1;
      for (const link of links) {
        const { stance, citations } = decodeLink(link.code);
        const strength = Math.min(1, (link.confidence / 100) * bestWeight * stanceWeights[stance]);
        // A link without citations counts as one source of its own; "31 or more" could be any number.
        missing *= citations >= manyCitations ? (strength > 0 ? 0 : 1) : (1 - strength) ** Math.max(citations, 1);
      }
      return costOf((1 - missing) * typeWeight);
    },
    hubCost: profile.hubDiscount ? (degree: number) => -Math.log(hubFactor(degree)) : () => 0,
  };
}
