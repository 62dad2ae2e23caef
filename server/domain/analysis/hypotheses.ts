/**
 * The hypotheses of "who is responsible for this incident?" as the graph offers them: every party the incident is
 * attributed to or claimed by, merged per actor. An organisation or person the graph *asserts* to be part of a
 * state (PART_OF, or an asserted AFFILIATED_WITH) joins that state's hypothesis ("Iran (state, with MOIS)"). A
 * *suspected* tie is not merged: whether the group acted for the state is the very question, so the group keeps a
 * hypothesis of its own ("Homeland Justice acting alone") and the tie becomes evidence. A denial is never a
 * hypothesis: the denier is a candidate only when someone attributes the incident to it.
 */
import type { EntityLink } from '../graph-records.js';
import type { EntityRecord, RelationshipRecord } from '../types.js';
import { rankingConfidence } from '../confidence.js';

/** Links that name a candidate responsible party. */
export const candidateTypes: ReadonlySet<string> = new Set(['ATTRIBUTED_TO', 'CLAIMED_BY']);
/** Links along which an actor belongs to a larger one. */
const membershipTypes: ReadonlySet<string> = new Set(['PART_OF', 'AFFILIATED_WITH']);

export interface HypothesisDraft {
  id: string;
  label: string;
  /** The actor the hypothesis is named after first, then those merged into it. */
  actors: EntityRecord[];
  /** Set for a hypothesis an analyst added (no rule proposes its cells). */
  addedBy: string | null;
}

/** Links around entities, by entity id (what graph/find-entity-links returned for them). */
export type LinksById = ReadonlyMap<string, readonly EntityLink[]>;

/** Whether a link asserts that its start belongs to its end (membership strong enough to merge). */
export function assertsMembership(relationship: RelationshipRecord): boolean {
  if (!membershipTypes.has(relationship.type)) return false;
  return relationship.type === 'PART_OF' ? relationship.stance !== 'DENIED' : relationship.stance === 'ASSERTED';
}

/**
 * The state an actor belongs to by asserted membership, up to two steps (a minister of a ministry of a state),
 * or null. Only states absorb: an organisation is not merged into another organisation.
 */
export function owningState(actor: EntityRecord, links: LinksById): EntityRecord | null {
  if (actor.kind === 'STATE') return actor;
  let frontier = [actor];
  for (let step = 0; step < 2; step += 1) {
    const next: EntityRecord[] = [];
    for (const member of frontier) {
      for (const { relationship, other } of links.get(member.id) ?? []) {
        if (relationship.from.id !== member.id || !assertsMembership(relationship)) continue;
        if (other.kind === 'STATE') return other;
        next.push(other);
      }
    }
    frontier = next;
  }
  return null;
}

/** The id of the graph hypothesis for an actor, stable across requests (cell overrides refer to it). */
export function graphHypothesisId(incidentId: string, actorId: string): string {
  return `${incidentId}:hypothesis:${actorId}`;
}

/**
 * The graph's hypotheses for an incident, from its links (`incidentLinks`) and the links around its candidates
 * (`around`, for membership and ties). Candidates come in the order their links name them, strongest first.
 */
export function graphHypotheses(incident: EntityRecord, incidentLinks: readonly EntityLink[], around: LinksById): HypothesisDraft[] {
  const candidates = incidentLinks
    .filter(({ relationship }) => relationship.from.id === incident.id && candidateTypes.has(relationship.type))
    .sort((a, b) => rankingConfidence(b.relationship.confidence) - rankingConfidence(a.relationship.confidence))
    .map(({ other }) => other);
  const byKey = new Map<string, EntityRecord[]>();
  for (const candidate of candidates) {
    const key = owningState(candidate, around) ?? candidate;
    const actors = byKey.get(key.id) ?? [key];
    if (!actors.some((actor) => actor.id === candidate.id)) actors.push(candidate);
    byKey.set(key.id, actors);
  }
  const merged = [...byKey.values()];
  return merged.map((actors) => ({
    id: graphHypothesisId(incident.id, actors[0].id),
    label: hypothesisLabel(actors, merged, around),
    actors,
    addedBy: null,
  }));
}

/**
 * "Iran (state, with Ministry of Intelligence and Security of Iran)"; "Homeland Justice acting alone" when the
 * graph ties the actor to another hypothesis's actor (so the hypotheses exclude each other); else the name.
 */
function hypothesisLabel(actors: EntityRecord[], all: EntityRecord[][], around: LinksById): string {
  const [lead, ...members] = actors;
  if (lead.kind === 'STATE') {
    return members.length > 0 ? `${lead.name} (state, with ${members.map((member) => member.name).join(', ')})` : `${lead.name} (state)`;
  }
  const others = new Set(all.filter((group) => group !== actors).flatMap((group) => group.map((actor) => actor.id)));
  const tied = actors.some((actor) =>
    (around.get(actor.id) ?? []).some(({ relationship, other }) => membershipTypes.has(relationship.type) && others.has(other.id)),
  );
  return tied ? `${lead.name} acting alone` : lead.name;
}

/** The hypothesis that includes an actor, directly or through the state it asserts membership of. */
export function hypothesisOf(actor: EntityRecord, hypotheses: readonly HypothesisDraft[], around: LinksById): HypothesisDraft | null {
  const state = owningState(actor, around);
  return hypotheses.find((hypothesis) => hypothesis.actors.some((member) => member.id === actor.id || member.id === state?.id)) ?? null;
}
