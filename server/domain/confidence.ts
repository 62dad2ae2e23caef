/**
 * How the product treats a confidence that its source does not state. A STIX relationship without `confidence`
 * (all of MITRE ATT&CK's, responsibility claims that a source only reports) keeps null: the graph never invents
 * a number. Where a number is needed, the rules are here, in one place (docs/analyst-guide.md explains them):
 *
 * - Filters: `minConfidence` is a promise that a link is at least that sure, which an unstated confidence cannot
 *   keep: such links pass only `minConfidence: 0` (the default). Cypher reads `coalesce(r.confidence, 0)`.
 * - Ranking (paths, hypotheses, truncation): an unstated confidence weighs as 50, an even chance, so stated
 *   evidence above 50 ranks above it and stated doubt below. The link itself still says "not stated".
 * - Reports: the sentence says "confidence not stated" instead of a number.
 */

/** The weight of an unstated confidence in rankings (paths, hypotheses). */
export const unstatedConfidenceWeight = 50;

/** A link's confidence as rankings weigh it (0-100). */
export function rankingConfidence(confidence: number | null | undefined): number {
  return confidence ?? unstatedConfidenceWeight;
}

/** Whether a link passes a minimum-confidence filter: an unstated confidence only passes 0. */
export function passesMinConfidence(confidence: number | null | undefined, minConfidence: number): boolean {
  return (confidence ?? 0) >= minConfidence;
}

/** "confidence 65", or "confidence not stated": the words reports use. */
export function confidenceWords(confidence: number | null | undefined): string {
  return confidence == null ? 'confidence not stated' : `confidence ${confidence}`;
}
