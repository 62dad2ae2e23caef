/**
 * Analysis of Competing Hypotheses for "who is responsible for this incident?", built from the graph: the
 * hypotheses (hypotheses.ts), the evidence and its proposed ratings (evidence-items.ts), the analysts' own
 * hypotheses and overrides (stored in Neo4j), and the scores (score-matrix.ts). With `knownAsOf`, only what was
 * known by the end of that day takes part (knowledge-time.ts).
 */
import { NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { isPresent, RecordBuilder, type EntityLink } from '../graph-records.js';
import { findEntity } from '../find-entity.js';
import { citationsKnownBy, type KnowledgeClock } from '../knowledge-time.js';
import { SourceLibrary } from '../paths/evidence-support.js';
import type { Citation, EntityRecord, RelationshipRecord } from '../types.js';
import { evidenceItems, unrated, type EvidenceDraft, type Rating } from './evidence-items.js';
import { candidateTypes, graphHypotheses, type HypothesisDraft } from './hypotheses.js';
import { scoreMatrix, sensitivity, type Ratings } from './score-matrix.js';

export interface HypothesisRecord {
  id: string;
  label: string;
  actors: EntityRecord[];
  inconsistency: number;
  consistency: number;
  rank: number;
  addedBy: string | null;
}

export interface EvidenceItemRecord {
  id: string;
  label: string;
  kind: EvidenceDraft['kind'];
  relationship: RelationshipRecord | null;
  sources: Citation[];
  weight: number;
  diagnosticity: number;
}

export interface MatrixCellRecord {
  hypothesis: string;
  evidence: string;
  rating: Rating;
  proposed: Rating;
  rule: string | null;
  overriddenBy: string | null;
  reason: string | null;
}

export interface SensitivityRecord {
  kind: 'SOURCE' | 'EVIDENCE';
  id: string;
  label: string;
  leadingAfter: HypothesisRecord | null;
  statement: string;
}

export interface HypothesisMatrixRecord {
  incident: EntityRecord;
  knownAsOf: string | null;
  hypotheses: HypothesisRecord[];
  evidence: EvidenceItemRecord[];
  cells: MatrixCellRecord[];
  leading: HypothesisRecord | null;
  sensitivity: SensitivityRecord[];
  summary: string;
}

/** Elements a matrix may not use: those above an export's TLP ceiling (none for the API, which shows everything). */
export type Withheld = (element: EntityRecord | RelationshipRecord) => boolean;

const retired = (element: EntityRecord | RelationshipRecord) => element.revoked || element.deprecated;

/**
 * Links around entities, one read for all of them (graph/find-entity-links). Revoked or deprecated links and ends
 * are left out (their producer withdrew them), and so is whatever `withheld` names, so no score leans on them.
 */
async function readLinks(graph: Graph, ids: readonly string[], withheld: Withheld): Promise<Map<string, EntityLink[]>> {
  const byId = new Map<string, EntityLink[]>();
  if (ids.length === 0) return byId;
  for (const row of await graph.read('graph/find-entity-links', { ids: [...ids] })) {
    if (!isPresent(row.entity)) continue;
    const builder = new RecordBuilder(row.sources, row.disputing);
    const usable = ({ relationship, other }: EntityLink) => ![relationship, other].some((element) => retired(element) || withheld(element));
    byId.set(builder.entity(row.entity).id, builder.links(row.links).filter(usable));
  }
  return byId;
}

/** Ends of outgoing links of these types from the entities read so far, not yet read (states are not read: they absorb, and can have thousands of links). */
function nextToRead(links: ReadonlyMap<string, EntityLink[]>, from: Iterable<string>, types: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const id of from) {
    for (const { relationship, other } of links.get(id) ?? []) {
      if (relationship.from.id === id && types.includes(relationship.type) && other.kind !== 'STATE' && !links.has(other.id))
        ids.add(other.id);
    }
  }
  return [...ids];
}

/**
 * Reads and builds the matrix of an incident; `clock` limits it to what was known on a day, `withheld` leaves out
 * what an export may not carry (the matrix is then scored without it, so nothing withheld shows through).
 */
export async function hypothesisMatrix(
  graph: Graph,
  incidentId: string,
  clock: KnowledgeClock | null,
  withheld: Withheld = () => false,
): Promise<HypothesisMatrixRecord> {
  const incident = await findEntity(graph, incidentId);
  if (!incident || incident.kind !== 'INCIDENT') throw new NotFoundError(`No incident with id "${incidentId}".`);
  const known = (sources: readonly Citation[], recordedAt: string | null | undefined) => citationsKnownBy(sources, recordedAt, clock);
  const incidentLinks = (await readLinks(graph, [incident.id], withheld)).get(incident.id) ?? [];
  const isCandidate = ({ relationship }: EntityLink) => relationship.from.id === incident.id && candidateTypes.has(relationship.type);
  const knownLinks = incidentLinks.filter((link) => !isCandidate(link) || known(link.relationship.sources, link.relationship.recordedAt));
  // Candidates, statements and responses; then who made the statements and whom candidates belong to; then one step further.
  const firstRing = [
    ...new Set(
      knownLinks
        .filter((link) => isCandidate(link) || ['ABOUT', 'RESPONDS_TO'].includes(link.relationship.type))
        .map(({ other }) => other.id),
    ),
  ];
  const around = await readLinks(graph, firstRing, withheld);
  const membership = ['PART_OF', 'AFFILIATED_WITH'];
  for (const [id, links] of await readLinks(graph, nextToRead(around, firstRing, [...membership, 'MADE_BY']), withheld))
    around.set(id, links);
  const secondRing = [...around.keys()].filter((id) => !firstRing.includes(id));
  for (const [id, links] of await readLinks(graph, nextToRead(around, secondRing, membership), withheld)) around.set(id, links);

  const { hypotheses: addedHypotheses, ratings: overrides } = (
    await graph.read('analysis/find-analyst-input', { incidentId: incident.id })
  )[0] ?? {
    hypotheses: [],
    ratings: [],
  };
  const fromGraph = graphHypotheses(incident, knownLinks, around);
  const drafts: HypothesisDraft[] = [
    ...fromGraph,
    ...addedHypotheses.map((added) => ({ id: added.id, label: added.label, actors: [], addedBy: added.author })),
  ];
  const items = evidenceItems(incident, knownLinks, { hypotheses: fromGraph, around }, known);
  const overrideOf = new Map(overrides.map((override) => [`${override.hypothesisId}|${override.evidenceId}`, override]));
  const cells: MatrixCellRecord[] = drafts.flatMap((hypothesis) =>
    items.map((item) => {
      const proposed = item.proposed.get(hypothesis.id) ?? unrated;
      const override = overrideOf.get(`${hypothesis.id}|${item.id}`);
      return {
        hypothesis: hypothesis.id,
        evidence: item.id,
        rating: (override?.rating as Rating | undefined) ?? proposed.rating,
        proposed: proposed.rating,
        rule: proposed.rule,
        overriddenBy: override?.author ?? null,
        reason: override?.reason ?? null,
      };
    }),
  );
  return scoreAndDescribe(incident, clock, drafts, items, cells);
}

function scoreAndDescribe(
  incident: EntityRecord,
  clock: KnowledgeClock | null,
  drafts: HypothesisDraft[],
  items: EvidenceDraft[],
  cells: MatrixCellRecord[],
): HypothesisMatrixRecord {
  const ratings: Ratings = new Map(
    drafts.map((hypothesis) => [
      hypothesis.id,
      new Map(cells.filter((cell) => cell.hypothesis === hypothesis.id).map((cell) => [cell.evidence, cell.rating])),
    ]),
  );
  const library = new SourceLibrary(items.flatMap((item) => item.sources));
  const scored = items.map((item) => ({
    id: item.id,
    confidence: item.confidence,
    citations: item.sources.map((source) => ({ sourceId: source.id, credibility: source.credibility })),
  }));
  const ids = drafts.map((hypothesis) => hypothesis.id);
  const unratedIds = new Set(
    drafts
      .filter((hypothesis) => hypothesis.addedBy && !cells.some((cell) => cell.hypothesis === hypothesis.id && cell.overriddenBy))
      .map(({ id }) => id),
  );
  const score = scoreMatrix(ids, scored, ratings, library, {}, unratedIds);
  const hypotheses: HypothesisRecord[] = drafts
    .map((draft) => {
      const { inconsistency, consistency, rank } = score.hypotheses.find((scoredHypothesis) => scoredHypothesis.id === draft.id)!;
      return { id: draft.id, label: draft.label, actors: draft.actors, addedBy: draft.addedBy, inconsistency, consistency, rank };
    })
    .sort((a, b) => a.rank - b.rank);
  const byId = new Map(hypotheses.map((hypothesis) => [hypothesis.id, hypothesis]));
  const leading = score.leading ? byId.get(score.leading)! : null;
  const evidence: EvidenceItemRecord[] = items
    .map((item) => ({
      id: item.id,
      label: item.label,
      kind: item.kind,
      relationship: item.relationship,
      sources: item.sources,
      weight: score.weights.get(item.id) ?? 0,
      diagnosticity: score.diagnosticity.get(item.id) ?? 0,
    }))
    .sort((a, b) => b.diagnosticity - a.diagnosticity || b.weight - a.weight || a.label.localeCompare(b.label));
  const labelOf = (kind: 'SOURCE' | 'EVIDENCE', id: string) =>
    kind === 'SOURCE' ? (library.source(id)?.title ?? id) : (items.find((item) => item.id === id)?.label ?? id);
  const findings = sensitivity(ids, scored, ratings, library, score.leading, unratedIds).map(({ kind, id, leadingAfter }) => {
    const label = labelOf(kind, id);
    const after = leadingAfter ? byId.get(leadingAfter)! : null;
    const removed = kind === 'SOURCE' ? `the source "${label}"` : `the evidence "${label}"`;
    const statement = after
      ? `Without ${removed}, ${after.label} would lead instead${leading ? ` of ${leading.label}` : ''}.`
      : `Without ${removed}, no hypothesis would lead${leading ? ` (${leading.label} leads with it)` : ''}.`;
    return { kind, id, label, leadingAfter: after, statement };
  });
  return {
    incident,
    knownAsOf: clock?.knownAsOf ?? null,
    hypotheses,
    evidence,
    cells,
    leading,
    sensitivity: findings,
    summary: summarise(hypotheses, leading, findings, items.length) + unratedNote(hypotheses, unratedIds),
  };
}

const figure = (value: number) => value.toFixed(2);

function unratedNote(hypotheses: HypothesisRecord[], unratedIds: ReadonlySet<string>): string {
  const unratedLabels = hypotheses.filter((hypothesis) => unratedIds.has(hypothesis.id)).map((hypothesis) => hypothesis.label);
  return unratedLabels.length > 0 ? ` Not yet rated by an analyst, so not ranked: ${unratedLabels.join(', ')}.` : '';
}

/** The leading hypothesis and the sensitivity result in words. */
function summarise(
  hypotheses: HypothesisRecord[],
  leading: HypothesisRecord | null,
  findings: SensitivityRecord[],
  itemCount: number,
): string {
  if (hypotheses.length === 0) return 'The graph names no candidate responsible party for this incident yet, and no analyst has added one.';
  if (itemCount === 0) return 'No evidence bears on the hypotheses yet.';
  const [first, second] = hypotheses;
  if (!leading) {
    return `No hypothesis leads: ${first.label} and ${second?.label ?? 'no other'} are equally inconsistent with the evidence (${figure(first.inconsistency)}).`;
  }
  const against = second ? `, against ${figure(second.inconsistency)} for ${second.label}` : '';
  const lead = `${leading.label} is the least inconsistent hypothesis: weighted inconsistency ${figure(leading.inconsistency)}${against}.`;
  const robust =
    findings.length === 0
      ? ' No single source or evidence item, removed, changes the leading hypothesis.'
      : ` The lead is sensitive: ${findings.map((finding) => finding.statement).join(' ')}`;
  return lead + robust;
}
