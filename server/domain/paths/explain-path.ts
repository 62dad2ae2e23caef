/**
 * What a ranked path says, in words an analyst can sign: its meta-path (kinds and link types), one plain sentence
 * reading it from start to end, the confidence band its evidence allows (ICD 203 words), and the one source it
 * leans on most.
 */
import { kindDefinitions, relationshipLabel, type ConfidenceBandName } from '../../../shared/vocabulary.js';
import type { RelationshipTypeName, StanceName } from '../model.js';
import type { EntityRecord } from '../types.js';
import type { StepScore } from './evaluate-paths.js';

export interface ExplainedStep {
  type: RelationshipTypeName;
  /** The links run from the step's start to its end in reading order. */
  forward: boolean;
  /** The stance the step is read with: its strongest link's. */
  stance: StanceName;
}

/** Each type read forwards (A -type-> B) and backwards (A <-type- B), so every clause runs from A to B. */
const phrases: Record<RelationshipTypeName, [forward: string, backward: string]> = {
  ATTRIBUTED_TO: ['is attributed to', 'is held responsible for'],
  AFFILIATED_WITH: ['is affiliated with', 'has as an affiliate'],
  PART_OF: ['is part of', 'includes'],
  TARGETED: ['targeted', 'was targeted by'],
  CLAIMED_BY: ['is claimed by', 'claims'],
  DENIED_BY: ['is denied by', 'denies'],
  MADE_BY: ['was made by', 'made'],
  ABOUT: ['is about', 'is the subject of'],
  IMPOSED_BY: ['was imposed by', 'imposed'],
  SANCTIONS: ['sanctions', 'is sanctioned by'],
  SEVERED_TIES_WITH: ['severed ties with', 'saw ties severed by'],
  HOSTS: ['hosts', 'is hosted by'],
  LOCATED_IN: ['is located in', 'is the location of'],
  USES: ['uses', 'is used by'],
  MOTIVATED_BY: ['is said to be motivated by', 'is said to have motivated'],
  RESPONDS_TO: ['responds to', 'is answered by'],
  FOLLOWS: ['follows', 'is followed by'],
  SUPPORTS: ['supports', 'is supported by'],
  RELATED_TO: ['is related to', 'is related to'],
  MITIGATES: ['mitigates', 'is mitigated by'],
  DETECTS: ['detects', 'is detected by'],
  INDICATES: ['indicates', 'is indicated by'],
  BASED_ON: ['is based on', 'is the basis of'],
  DERIVED_FROM: ['is derived from', 'is the origin of'],
  DUPLICATE_OF: ['duplicates', 'is duplicated by'],
  REVOKED_BY: ['is replaced by', 'replaces'],
  SUBTECHNIQUE_OF: ['is a sub-technique of', 'has as a sub-technique'],
  SIGHTED: ['was sighted at', 'saw a sighting of'],
  COMPROMISES: ['compromises', 'is compromised by'],
  ORIGINATES_FROM: ['originates from', 'is the origin of'],
  DELIVERS: ['delivers', 'is delivered by'],
  OWNS: ['owns', 'is owned by'],
  IMPERSONATES: ['impersonates', 'is impersonated by'],
  COMMUNICATES_WITH: ['communicates with', 'communicates with'],
  CONSISTS_OF: ['consists of', 'is part of'],
  CONTROLS: ['controls', 'is controlled by'],
  HAS: ['has', 'is in'],
  BEACONS_TO: ['beacons to', 'receives beacons from'],
  EXFILTRATES_TO: ['exfiltrates to', 'receives what is exfiltrated by'],
  DOWNLOADS: ['downloads', 'is downloaded by'],
  DROPS: ['drops', 'is dropped by'],
  EXPLOITS: ['exploits', 'is exploited by'],
  VARIANT_OF: ['is a variant of', 'has as a variant'],
  INVESTIGATES: ['investigates', 'is investigated by'],
  REMEDIATES: ['remediates', 'is remediated by'],
  CHARACTERIZES: ['characterizes', 'is characterized by'],
  ANALYSIS_OF: ['is an analysis of', 'is analysed in'],
  STATIC_ANALYSIS_OF: ['is a static analysis of', 'is statically analysed in'],
  DYNAMIC_ANALYSIS_OF: ['is a dynamic analysis of', 'is dynamically analysed in'],
  IMPACTS: ['impacts', 'is impacted by'],
  RESOLVES_TO: ['resolves to', 'is resolved from'],
  BELONGS_TO: ['belongs to', 'holds'],
};

const hedges: Record<StanceName, string> = { ASSERTED: '', SUSPECTED: ' (suspected)', CLAIMED: ' (claimed)', DENIED: ' (denied)' };

/** Kinds and relationship types in reading order: `ThreatActor -affiliated with-> State <-part of- Organization`. */
export function metaPath(entities: readonly EntityRecord[], steps: readonly ExplainedStep[]): string {
  const kind = (entity: EntityRecord): string => kindDefinitions[entity.kind].typeName;
  return steps.reduce((text: string, step, index) => {
    const label = relationshipLabel(step.type);
    return `${text} ${step.forward ? `-${label}->` : `<-${label}-`} ${kind(entities[index + 1])}`;
  }, kind(entities[0]));
}

/** One step as a clause from its start to its end: "Iran includes MOIS", "A is affiliated with B (suspected)". */
export function stepReading(from: EntityRecord, to: EntityRecord, step: ExplainedStep): string {
  return `${from.name} ${predicate(to, step)}`;
}

function predicate(to: EntityRecord, step: ExplainedStep): string {
  return `${phrases[step.type][step.forward ? 0 : 1]} ${to.name}${hedges[step.stance]}`;
}

/** One plain sentence, each step read from its start towards its end: "A is affiliated with B (suspected), which ...". */
export function reading(entities: readonly EntityRecord[], steps: readonly ExplainedStep[]): string {
  return `${entities[0].name} ${steps.map((step, index) => predicate(entities[index + 1], step)).join(', which ')}.`;
}

/** Below this support the evidence is too thin for more than low confidence. */
export const bandThresholds = { moderate: 0.2, high: 0.5 } as const;

/**
 * The ICD 203 confidence band: HIGH when the path is well supported and every step is corroborated by at least
 * two independent evidence groups with a source of known reliability (graded A-C) and disputed by none
 * ("high-quality information from multiple sources"); LOW when its support is thin or any step rests only on an
 * interested party's word (a claim, a denial); MODERATE otherwise (credible, but not corroborated by graded
 * sources throughout, or disputed).
 */
export function confidenceBand(support: number, steps: readonly StepScore[]): ConfidenceBandName {
  if (support < bandThresholds.moderate || steps.some((step) => step.claimed)) return 'LOW';
  if (support >= bandThresholds.high && steps.every((step) => step.reliableGroups >= 2 && !step.contested)) return 'HIGH';
  return 'MODERATE';
}

/**
 * The source whose removal lowers the path's support the most (leave-one-out over every source cited), or null
 * when no single removal lowers it (every step corroborated within its groups). Ties go to the smaller id.
 */
export function criticalSource(steps: readonly StepScore[], support: number, supportWithout: (sourceId: string) => number): string | null {
  const cited = [
    ...new Set(steps.flatMap((step) => step.links.flatMap((link) => link.citations.map((citation) => citation.sourceId)))),
  ].sort();
  let best: string | null = null;
  let largest = 1e-12;
  for (const id of cited) {
    const drop = support - supportWithout(id);
    if (drop > largest) [best, largest] = [id, drop];
  }
  return best;
}
