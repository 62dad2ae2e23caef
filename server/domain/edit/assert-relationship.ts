import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph, ReadTransaction } from '../../graph/run.js';
import { recordAuditEvents, snapshot, type AuditEventRecord } from '../audit.js';
import { findRelationship, findRelationshipIn } from '../find-entity.js';
import type { ImportDocument, ImportRelationship } from '../import/document.js';
import { isRelationshipType, relationshipTypes, type StanceName } from '../model.js';
import { checkDate, checkRange } from '../relationship-filter.js';
import { textProblem } from '../text-policy.js';
import type { RelationshipRecord } from '../types.js';
import { citationsFromInput, markingIds, relationshipToImport, slug, withCitationsAdded, type CitationInput } from './citations.js';
import { writeEdit } from './user-errors.js';

export interface RelationshipInput {
  id?: string | null;
  type: string;
  from: string;
  to: string;
  stance: StanceName;
  confidence: number;
  since?: string | null;
  until?: string | null;
  description?: string | null;
  sources: CitationInput[];
  disputedBy?: string[] | null;
  /** Marking-definition ids or TLP names; replaces the link's markings when given. */
  markings?: string[] | null;
}

/**
 * Asserts a relationship with stance, confidence, dates and at least one source; refused without a source. Asserting
 * one that exists sets its fields and adds the new citations to the ones it had.
 */
export async function assertRelationship(graph: Graph, input: RelationshipInput, actor: string): Promise<RelationshipRecord> {
  if (!isRelationshipType(input.type)) throw new BadUserInputError(`type must be one of ${relationshipTypes.join(', ')}.`);
  checkRange(input.confidence, 'confidence', 0, 100);
  if (input.since) checkDate(input.since, 'since');
  if (input.until) checkDate(input.until, 'until');
  if (input.sources.length === 0) throw new BadUserInputError('A relationship needs at least one source in input.sources.');
  if (input.from === input.to) throw new BadUserInputError('from and to must be different entities.');
  const id = input.id?.trim() || `rel-${slug(input.from).slice(0, 30)}-${slug(input.type)}-${slug(input.to).slice(0, 30)}`;
  const { sources, citations } = citationsFromInput(input.sources, 'input');
  const markings = input.markings ? markingIds(input.markings, 'input.markings') : null;
  // Read where it is written, after its ends are locked (an edit of this link locks the same ends): an edit
  // committed in between is kept, its citations too.
  const build = async (tx: ReadTransaction): Promise<ImportDocument> => {
    const existing = await findRelationshipIn(tx, id);
    if (existing && (existing.type !== input.type || existing.from.id !== input.from || existing.to.id !== input.to)) {
      throw new BadUserInputError(
        `Relationship ${id} already links ${existing.from.id} -[${existing.type}]-> ${existing.to.id}; retract it to change its type or ends.`,
      );
    }
    const base = existing ? relationshipToImport(existing) : null;
    const relationship: ImportRelationship = {
      ...(base ?? {}),
      markings: markings ?? existing?.markings ?? [],
      id,
      type: input.type as ImportRelationship['type'],
      from: input.from,
      to: input.to,
      stance: input.stance,
      confidence: input.confidence,
      since: input.since ?? null,
      until: input.until ?? null,
      description: input.description ?? null,
      // Asserting a link again with another source adds that evidence; it never drops what was cited before.
      sources: withCitationsAdded(base?.sources ?? [], citations),
      disputedBy: input.disputedBy ?? (existing ? existing.disputedBy.map((entity) => entity.id) : []),
      extra: existing?.extra ? (JSON.parse(existing.extra) as Record<string, unknown>) : null,
    };
    return { sources, entities: [], relationships: [relationship] };
  };
  await writeEdit(graph, build, { actor, perElement: true }, [input.from, input.to]);
  return (await findRelationship(graph, id))!;
}

/** Removes a relationship from the graph; the whole of it stays in the audit history with the reason. */
export async function retractRelationship(graph: Graph, id: string, reason: string, actor: string): Promise<AuditEventRecord> {
  if (!reason.trim()) throw new BadUserInputError('reason must say why the relationship is retracted.');
  const badReason = textProblem(reason, 'text');
  if (badReason) throw new BadUserInputError(`reason ${badReason}.`);
  return graph.writeTransaction(async (tx) => {
    const [row] = await tx.run('edit/delete-relationship', { id });
    if (!row) throw new NotFoundError(`No relationship with id "${id}".`);
    const [event] = await recordAuditEvents(tx, [
      {
        actor,
        action: 'RETRACT',
        subjectId: id,
        subjectType: 'RELATIONSHIP',
        reason: reason.trim(),
        before: snapshot(row.rel),
        after: null,
      },
    ]);
    return event;
  });
}
