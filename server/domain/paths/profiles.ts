/**
 * Path profiles, as data: which relationship types a path may follow, what each type means on a path, and how
 * much a step of that type weighs. A step's weight multiplies its evidence support (1 counts the evidence in full,
 * 0 leaves the type out), so the ranking score of a path is
 *
 *   score = prod over steps (support x type weight) x prod over intermediate entities hubFactor(degree)
 *
 * (cypher/README.md, "Path ranking", explains the whole model and why.) Every weight here is a judgement, made
 * once, in the open: change it here and the README's table, never to move one example up a list.
 */
import type { PathProfileName } from '../../../shared/vocabulary.js';
import type { RelationshipTypeName, StanceName } from '../model.js';

/** What a link says on a path; the weights follow from it. */
export type LinkRole =
  /** Who did it: an attribution, an affiliation, a responsibility claim or its denial. */
  | 'responsibility'
  /** Structure: a body part of a state, an incident part of a campaign. */
  | 'membership'
  /** An actor's malware or tools: shared and sold, so a weaker tie than a finding of responsibility. */
  | 'capability'
  /** Authorship and subject of a claim or denial node; the node's own kind sets the stance (see below). */
  | 'statement'
  /** A response: a sanction or diplomatic action, who imposed it, whom it names, what it answers. */
  | 'response'
  /** Background: a victim, a host, a location, a sequel, a motive, political support, an untyped relation. */
  | 'context';

export interface TypeRule {
  role: LinkRole;
  /** Multiplies the step's support (0-1); 0 leaves the type out. */
  weight: number;
  /**
   * Followed only as a path's first or last step: a path may end at the victim or the host, but never passes
   * through one, because "both touch Albania" says nothing about who is responsible for what.
   */
  endsOnly?: boolean;
  /** The weight when the step runs against the link's direction (its target towards its source), if different. */
  backward?: number;
}

export interface PathProfileDefinition {
  types: Record<RelationshipTypeName, TypeRule>;
  /**
   * Multiplies each citation's strength by the stance of its link (after statement nodes lent theirs): what an
   * interested party says of itself (a responsibility claim, a denial by the accused) counts for less.
   */
  stances: Record<StanceName, number>;
  /** Whether intermediate entities are discounted by their degree (hubFactor). */
  hubDiscount: boolean;
}

const responsibility: TypeRule = { role: 'responsibility', weight: 1 };
const membership: TypeRule = { role: 'membership', weight: 1 };
const statement: TypeRule = { role: 'statement', weight: 1 };
const response: TypeRule = { role: 'response', weight: 1 };
/** An actor's malware or tools, shared and sold: a weaker tie than a finding of responsibility. */
const capability: TypeRule = { role: 'capability', weight: 0.8 };
/** Heavy: a context step costs as much as cutting the evidence of a step to under a third. */
const context: TypeRule = { role: 'context', weight: 0.3, endsOnly: true };

/** What each type means on a path, and its weight in the default profile. */
const attributionTypes: Record<RelationshipTypeName, TypeRule> = {
  ATTRIBUTED_TO: responsibility,
  AFFILIATED_WITH: responsibility,
  CLAIMED_BY: responsibility,
  DENIED_BY: responsibility,
  PART_OF: membership,
  USES: capability,
  MADE_BY: statement,
  ABOUT: statement,
  IMPOSED_BY: response,
  SANCTIONS: response,
  RESPONDS_TO: response,
  TARGETED: context,
  SEVERED_TIES_WITH: context,
  SUPPORTS: context,
  HOSTS: context,
  LOCATED_IN: context,
  FOLLOWS: context,
  MOTIVATED_BY: context,
  RELATED_TO: context,
  // STIX's relationship types (issue 16). What an actor or its malware runs on or does is capability, as USES is;
  // a part of a family or hierarchy is membership; detection, mitigation, analysis, indicators, sightings,
  // provenance and retirement are context: a path may end there, not pass through ("both detected by X" says
  // nothing of who did what).
  DELIVERS: capability,
  DROPS: capability,
  DOWNLOADS: capability,
  EXPLOITS: capability,
  CONTROLS: capability,
  OWNS: capability,
  COMPROMISES: capability,
  BEACONS_TO: capability,
  EXFILTRATES_TO: capability,
  COMMUNICATES_WITH: capability,
  RESOLVES_TO: capability,
  SUBTECHNIQUE_OF: membership,
  VARIANT_OF: membership,
  CONSISTS_OF: membership,
  HAS: membership,
  BELONGS_TO: membership,
  MITIGATES: context,
  DETECTS: context,
  INDICATES: context,
  BASED_ON: context,
  INVESTIGATES: context,
  REMEDIATES: context,
  CHARACTERIZES: context,
  ANALYSIS_OF: context,
  STATIC_ANALYSIS_OF: context,
  DYNAMIC_ANALYSIS_OF: context,
  IMPACTS: context,
  ORIGINATES_FROM: context,
  IMPERSONATES: context,
  SIGHTED: context,
  DERIVED_FROM: context,
  DUPLICATE_OF: context,
  REVOKED_BY: context,
};

export const profiles: Record<PathProfileName, PathProfileDefinition> = {
  /** The default: responsibility and response chains, claims discounted, hubs discounted, context only at the ends. */
  ATTRIBUTION: {
    types: attributionTypes,
    // An actor's own claim, or the accused's denial, is an interested party's word: a quarter of a finding.
    stances: { ASSERTED: 1, SUSPECTED: 1, CLAIMED: 0.25, DENIED: 0.25 },
    hubDiscount: true,
  },
  /** Every type alike and anywhere, no hub discount, stances as stated: what the graph holds, ranked by its evidence. */
  ANY_CONNECTION: {
    types: Object.fromEntries(Object.entries(attributionTypes).map(([type, rule]) => [type, { role: rule.role, weight: 1 }])) as Record<
      RelationshipTypeName,
      TypeRule
    >,
    stances: { ASSERTED: 1, SUSPECTED: 1, CLAIMED: 1, DENIED: 1 },
    hubDiscount: false,
  },
};

/**
 * How much an intermediate entity passes on, by its degree (every link it has): Adamic-Adar's 1/log(degree),
 * in base 10 and shifted so that an entity with one link costs nothing. 10 links keep 0.78 of the score, 100
 * keep 0.49, 1,000 keep 0.33, 10,000 keep 0.25: a route through a state with thousands of links needs much
 * better evidence than one through a ministry with a handful.
 */
export function hubFactor(degree: number): number {
  return 1 / Math.log10(Math.max(degree, 1) + 9);
}

/** A profile with per-type weights of the caller's own; a type named there is followed anywhere in a path. */
export function withTypeWeights(
  profile: PathProfileDefinition,
  weights: { type: RelationshipTypeName; weight: number }[],
): PathProfileDefinition {
  if (weights.length === 0) return profile;
  const types = { ...profile.types };
  for (const { type, weight } of weights) types[type] = { role: types[type].role, weight };
  return { ...profile, types };
}
