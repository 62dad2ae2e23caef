/**
 * The evidence items of an incident's matrix and the rating the graph proposes for each hypothesis, with the rule
 * that proposed it (shown to the analyst, who may override it with a reason). Items are the attributions, claims
 * and denials of the incident, the statement nodes about it (folded into the link they repeat, their sources
 * kept), the suspected ties between candidates, the technical links (malware, tools, vulnerabilities) of the
 * candidates and the incident, and the responses aimed at a party (sanctions, severed ties), which treat that
 * party as responsible.
 */
import { relationshipLabel } from '../../../shared/vocabulary.js';
import type { EntityKindName } from '../model.js';
import type { EntityLink } from '../graph-records.js';
import type { Citation, EntityRecord, RelationshipRecord } from '../types.js';
import { rankingConfidence } from '../confidence.js';
import { assertsMembership, hypothesisOf, type HypothesisDraft, type LinksById } from './hypotheses.js';

export const consistencyRatings = ['CC', 'C', 'N', 'I', 'II', 'NA'] as const;
export type Rating = (typeof consistencyRatings)[number];

export interface ProposedRating {
  rating: Rating;
  rule: string;
}

export interface EvidenceDraft {
  id: string;
  label: string;
  kind: EntityKindName | null;
  relationship: RelationshipRecord | null;
  /** The item's weight: the link's confidence (the statement's for a node), 0-100. */
  confidence: number;
  sources: Citation[];
  /** The proposed rating per graph hypothesis id; hypotheses not listed get `unrated`. */
  proposed: Map<string, ProposedRating>;
}

/** The cell of a hypothesis no rule speaks for (an analyst's own), until the analyst rates it. */
export const unrated: ProposedRating = { rating: 'N', rule: 'No rule from the graph applies to this hypothesis: rate it by hand.' };

/** The citations of a link as known on the question's day, or null when the link was not known then. */
export type KnownCitations = (sources: readonly Citation[], recordedAt: string | null | undefined) => Citation[] | null;

/** A strong attribution: stated as fact with confidence 80 or more (makes CC and II rather than C and I). */
const isStrong = (relationship: RelationshipRecord) => relationship.stance === 'ASSERTED' && (relationship.confidence ?? 0) >= 80;

/** "July 2022 cyberattack attributed to Iran (suspected, 70)". */
export function linkLabel(relationship: RelationshipRecord): string {
  return `${relationship.from.name} ${relationshipLabel(relationship.type)} ${relationship.to.name} (${relationship.stance.toLowerCase()}, ${relationship.confidence ?? 'confidence not stated'})`;
}

interface Context {
  hypotheses: readonly HypothesisDraft[];
  around: LinksById;
}

const contains = (hypothesis: HypothesisDraft, actor: EntityRecord, context: Context) =>
  hypothesisOf(actor, context.hypotheses, context.around) === hypothesis;

/** Whether `actor` has a membership link (of any stance) to an actor of the hypothesis: it may act for it. */
function mayActFor(actor: EntityRecord, hypothesis: HypothesisDraft, context: Context): boolean {
  const members = new Set(hypothesis.actors.map((member) => member.id));
  return (context.around.get(actor.id) ?? []).some(
    ({ relationship, other }) =>
      relationship.from.id === actor.id && ['PART_OF', 'AFFILIATED_WITH'].includes(relationship.type) && members.has(other.id),
  );
}

function rateEach(context: Context, rate: (hypothesis: HypothesisDraft) => ProposedRating): Map<string, ProposedRating> {
  return new Map(context.hypotheses.map((hypothesis) => [hypothesis.id, rate(hypothesis)]));
}

function rateAttribution(relationship: RelationshipRecord, context: Context): Map<string, ProposedRating> {
  const actor = relationship.to;
  const strong = isStrong(relationship);
  return rateEach(context, (hypothesis) => {
    if (contains(hypothesis, actor, context)) {
      return strong
        ? { rating: 'CC', rule: `An attribution to ${actor.name}, an actor of this hypothesis, stated as fact with confidence 80 or more.` }
        : { rating: 'C', rule: `An attribution to ${actor.name}, an actor of this hypothesis.` };
    }
    if (mayActFor(actor, hypothesis, context)) {
      return {
        rating: 'N',
        rule: `${actor.name} is linked to an actor of this hypothesis and may act for it: the attribution neither supports nor contradicts it.`,
      };
    }
    return strong
      ? { rating: 'II', rule: `An attribution to another party (${actor.name}), stated as fact with confidence 80 or more.` }
      : { rating: 'I', rule: `An attribution to another party (${actor.name}).` };
  });
}

function rateClaim(claimant: EntityRecord, context: Context): Map<string, ProposedRating> {
  return rateEach(context, (hypothesis) => {
    if (contains(hypothesis, claimant, context)) {
      return { rating: 'C', rule: `${claimant.name} claims it: an interested party's word, consistent but never more.` };
    }
    if (mayActFor(claimant, hypothesis, context)) {
      return { rating: 'N', rule: `${claimant.name} is linked to an actor of this hypothesis and could claim on its behalf.` };
    }
    return { rating: 'I', rule: `Another party (${claimant.name}) claims responsibility.` };
  });
}

function rateDenial(denier: EntityRecord, context: Context): Map<string, ProposedRating> {
  return rateEach(context, (hypothesis) =>
    contains(hypothesis, denier, context)
      ? {
          rating: 'N',
          rule: `${denier.name} denies: an accused party denies whether or not it acted, so the denial is self-serving and not diagnostic.`,
        }
      : { rating: 'N', rule: `A denial by another party (${denier.name}) says nothing about this hypothesis.` },
  );
}

function rateTie(relationship: RelationshipRecord, context: Context): Map<string, ProposedRating> {
  const [member, patron] = [relationship.from, relationship.to];
  return rateEach(context, (hypothesis) => {
    if (contains(hypothesis, patron, context))
      return { rating: 'C', rule: `A tie of ${member.name} to ${patron.name}, an actor of this hypothesis.` };
    if (contains(hypothesis, member, context))
      return { rating: 'I', rule: `A tie of ${member.name} to ${patron.name} contradicts ${member.name} acting alone.` };
    return { rating: 'N', rule: 'The tie involves no actor of this hypothesis.' };
  });
}

function rateTechnical(artefact: EntityRecord, context: Context): Map<string, ProposedRating> {
  return rateEach(context, (hypothesis) => {
    const user = hypothesis.actors.find((actor) =>
      (context.around.get(actor.id) ?? []).some(
        ({ relationship }) => relationship.type === 'USES' && relationship.from.id === actor.id && relationship.to.id === artefact.id,
      ),
    );
    return user
      ? { rating: 'C', rule: `${user.name}, an actor of this hypothesis, uses ${artefact.name}.` }
      : { rating: 'N', rule: `The graph ties ${artefact.name} to no actor of this hypothesis.` };
  });
}

function rateResponse(response: EntityRecord, targets: EntityRecord[], context: Context): Map<string, ProposedRating> {
  const names = targets.map((target) => target.name).join(', ');
  return rateEach(context, (hypothesis) =>
    targets.some((target) => contains(hypothesis, target, context))
      ? { rating: 'C', rule: `${response.name} is aimed at ${names}, treating an actor of this hypothesis as responsible.` }
      : { rating: 'I', rule: `${response.name} is aimed at another party (${names}).` },
  );
}

const outgoing = (links: readonly EntityLink[] | undefined, from: string, types: readonly string[]) =>
  (links ?? []).filter(({ relationship }) => relationship.from.id === from && types.includes(relationship.type));

/**
 * The evidence items bearing on the hypotheses, each with its proposed ratings. `known` keeps a link's citations
 * as known on the question's day (or drops the link); links it drops are left out, and so are statements and
 * responses whose links into the incident it drops.
 */
export function evidenceItems(
  incident: EntityRecord,
  incidentLinks: readonly EntityLink[],
  context: Context,
  known: KnownCitations,
): EvidenceDraft[] {
  const items: EvidenceDraft[] = [];
  const byLink = new Map<string, EvidenceDraft>();
  const add = (item: EvidenceDraft) => {
    if (item.relationship) byLink.set(item.relationship.id, item);
    items.push(item);
  };
  const linkItem = (relationship: RelationshipRecord, proposed: Map<string, ProposedRating>, kind: EntityKindName | null = null) => {
    const sources = known(relationship.sources, relationship.recordedAt);
    if (sources)
      add({
        id: `ev:${relationship.id}`,
        label: linkLabel(relationship),
        kind,
        relationship,
        confidence: rankingConfidence(relationship.confidence),
        sources,
        proposed,
      });
  };

  for (const { relationship, other } of incidentLinks) {
    if (relationship.from.id !== incident.id) continue;
    if (relationship.type === 'ATTRIBUTED_TO') linkItem(relationship, rateAttribution(relationship, context));
    else if (relationship.type === 'CLAIMED_BY') linkItem(relationship, rateClaim(other, context));
    else if (relationship.type === 'DENIED_BY') linkItem(relationship, rateDenial(other, context));
    else if (relationship.type === 'USES') linkItem(relationship, rateTechnical(other, context), other.kind);
  }
  for (const { relationship: about, other: statement } of incidentLinks) {
    if (about.type !== 'ABOUT' || about.to.id !== incident.id || !['CLAIM', 'DENIAL'].includes(statement.kind)) continue;
    const sources = known([...about.sources, ...statement.sources], about.recordedAt);
    if (!sources) continue;
    const author = outgoing(context.around.get(statement.id), statement.id, ['MADE_BY'])[0]?.other ?? null;
    const folded = author ? repeatedLink(statement.kind, author, incidentLinks, incident, context) : undefined;
    const target = folded && byLink.get(folded.id);
    if (target) {
      // The statement is the link's own evidence: its sources join the link's, the fact counts once.
      for (const source of sources) if (!target.sources.some((kept) => kept.id === source.id)) target.sources.push(source);
      continue;
    }
    const inHypothesis = author && hypothesisOf(author, context.hypotheses, context.around);
    const proposed = !author
      ? rateEach(context, () => ({ rating: 'N', rule: 'The graph does not say who made this statement.' }))
      : statement.kind === 'DENIAL'
        ? rateDenial(author, context)
        : inHypothesis
          ? rateClaim(author, context)
          : rateEach(context, () => ({
              rating: 'N',
              rule: `A statement by ${author.name}, who is in no hypothesis; the graph does not say whom it names.`,
            }));
    items.push({
      id: `ev:${statement.id}`,
      label: statement.name,
      kind: statement.kind,
      relationship: null,
      confidence: rankingConfidence(about.confidence),
      sources,
      proposed,
    });
  }
  for (const { relationship: respondsTo, other: response } of incidentLinks) {
    if (respondsTo.type !== 'RESPONDS_TO' || respondsTo.to.id !== incident.id) continue;
    const aimedAt = outgoing(context.around.get(response.id), response.id, ['SANCTIONS', 'TARGETED']);
    const targets = aimedAt.map(({ other }) => other).filter((target) => hypothesisOf(target, context.hypotheses, context.around));
    const sources = known([...respondsTo.sources, ...aimedAt.flatMap(({ relationship }) => relationship.sources)], respondsTo.recordedAt);
    if (targets.length === 0 || !sources) continue;
    const unique = sources.filter((source, index) => sources.findIndex((other) => other.id === source.id) === index);
    items.push({
      id: `ev:${response.id}`,
      label: response.name,
      kind: response.kind,
      relationship: respondsTo,
      confidence: rankingConfidence(respondsTo.confidence),
      sources: unique,
      proposed: rateResponse(response, targets, context),
    });
  }
  for (const hypothesis of context.hypotheses) {
    for (const actor of hypothesis.actors) {
      for (const { relationship, other } of context.around.get(actor.id) ?? []) {
        if (relationship.from.id !== actor.id || byLink.has(relationship.id)) continue;
        const tiesElsewhere = ['PART_OF', 'AFFILIATED_WITH'].includes(relationship.type) && !assertsMembership(relationship);
        if (tiesElsewhere && hypothesisOf(other, context.hypotheses, context.around) && !contains(hypothesis, other, context)) {
          linkItem(relationship, rateTie(relationship, context));
        } else if (relationship.type === 'USES') {
          linkItem(relationship, rateTechnical(other, context), other.kind);
        }
      }
    }
  }
  return items;
}

/** The incident's link that a claim or denial node repeats: a claim by a candidate, a denial by one. */
function repeatedLink(
  kind: EntityKindName,
  author: EntityRecord,
  incidentLinks: readonly EntityLink[],
  incident: EntityRecord,
  context: Context,
): RelationshipRecord | undefined {
  const type = kind === 'CLAIM' ? 'CLAIMED_BY' : 'DENIED_BY';
  const authorHypothesis = hypothesisOf(author, context.hypotheses, context.around);
  return incidentLinks.find(
    ({ relationship, other }) =>
      relationship.from.id === incident.id &&
      relationship.type === type &&
      (other.id === author.id ||
        (authorHypothesis !== null && hypothesisOf(other, context.hypotheses, context.around) === authorHypothesis)),
  )?.relationship;
}
