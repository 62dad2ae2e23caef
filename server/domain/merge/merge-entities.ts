import { randomUUID } from 'node:crypto';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph, ReadTransaction, WriteTransaction } from '../../graph/run.js';
import type { ParamsOf, PropertySnapshot, RelationshipMap } from '../../graph/statements.js';
import { recordAuditEvents, snapshot } from '../audit.js';
import { entityToImport } from '../edit/citations.js';
import type { ImportCitation, ImportEntity } from '../import/document.js';
import { entityRow, laterThan } from '../import/write-document.js';
import { findEntitiesIn } from '../list-entities.js';
import { defaultCredibility, isRelationshipType, kindLabels, kindProperties } from '../model.js';
import type { EntityRecord } from '../types.js';
import { findEntityResolvingMerges } from './resolve-merged.js';

/** Links that say two entities are one (STIX duplicate-of): a merge consumes them instead of refusing. */
const sameThingTypes: ReadonlySet<string> = new Set(['DUPLICATE_OF']);

export interface MergeResult {
  id: string;
  entity: EntityRecord;
}

type Link = RelationshipMap & { absorbedIds?: string[] | null };

const citationKey = (sourceId: string, excerpt: string | null | undefined) => `${sourceId}\u0000${excerpt ?? ''}`;

/** Citations of both, each (source, excerpt) once: no citation and no excerpt is ever dropped. */
export function uniteCitations(kept: ImportCitation[], added: ImportCitation[]): ImportCitation[] {
  const seen = new Set(kept.map((citation) => citationKey(citation.source, citation.excerpt)));
  const united = [...kept];
  for (const citation of added) {
    const key = citationKey(citation.source, citation.excerpt);
    if (!seen.has(key)) {
      seen.add(key);
      united.push(citation);
    }
  }
  return united;
}

/** Names of both as aliases of the survivor, each once (compared without case), never the survivor's own name. */
export function uniteAliases(keep: { name: string; aliases: string[] }, others: { name: string; aliases: string[] }[]): string[] {
  const seen = new Set([keep.name.toLowerCase()]);
  const aliases: string[] = [];
  for (const alias of [...keep.aliases, ...others.flatMap((other) => [other.name, ...other.aliases])]) {
    if (seen.has(alias.toLowerCase())) continue;
    seen.add(alias.toLowerCase());
    aliases.push(alias);
  }
  return aliases;
}

/** Each marking once, in order: a merged element carries every marking of what it was made of (the strictest TLP wins). */
export const uniteMarkings = (...lists: (readonly string[] | null | undefined)[]): string[] => [
  ...new Set(lists.flatMap((list) => list ?? [])),
];

/**
 * The survivor as it will be stored: its own name, kind and fields (the others' values stay in the archive and
 * the audit history), gaps filled from the others, aliases, external ids, citations (with their credibility) and
 * markings of all united.
 */
export function mergedEntity(keep: EntityRecord, others: EntityRecord[]): ImportEntity {
  const base = entityToImport(keep);
  const rest = others.map(entityToImport);
  const properties = { ...base.properties };
  const fields = new Set(kindProperties[keep.kind]);
  for (const other of rest) {
    for (const [key, value] of Object.entries(other.properties))
      if (fields.has(key) && properties[key] == null && value != null) properties[key] = value;
  }
  const extras = [...rest.map((other) => other.extra), base.extra].filter((extra): extra is Record<string, unknown> => extra !== null);
  return {
    ...base,
    aliases: uniteAliases(base, rest),
    description: base.description ?? rest.find((other) => other.description)?.description ?? null,
    date: base.date ?? rest.find((other) => other.date)?.date ?? null,
    properties,
    sources: rest.reduce((united, other) => uniteCitations(united, other.sources), base.sources),
    extra: extras.length > 0 ? Object.assign({}, ...extras) : null,
    externalIds: uniteMarkings(base.externalIds, ...rest.map((other) => other.externalIds)),
    markings: uniteMarkings(base.markings, ...rest.map((other) => other.markings)),
  };
}

const citationsOfLink = (link: Link): ImportCitation[] =>
  (link.sourceIds ?? []).map((source, index) => ({
    source,
    excerpt: link.excerpts?.[index] || null,
    credibility: link.credibilities?.[index] ?? defaultCredibility,
  }));

interface LinkPlan {
  /** Relationships removed (archived first), and those recreated between the survivor and the same neighbour. */
  deleted: Link[];
  repointed: { id: string; type: string; from: string; to: string }[];
  /** Kept relationships whose citations or disputes change (archived first). */
  changed: Link[];
  /** Relationships whose united citations, markings or disputes are written. */
  evidence: ParamsOf<'merge/update-link-evidence'>['rels'];
}

/**
 * Re-points the links of the merged entities to the survivor. A link of the same type and direction as one the
 * survivor (or another re-pointed link) already has with that neighbour is folded into it, with all its sources.
 */
export function planLinks(keep: string, merged: string[], links: Link[], keepLinks: Link[], disputing: Link[]): LinkPlan {
  const gone = new Set(merged);
  const end = (id: string) => (gone.has(id) ? keep : id);
  const targets = new Map<string, { link: Link; citations: ImportCitation[]; markings: string[]; absorbed: string[]; created: boolean }>();
  const keyOf = (type: string, from: string, to: string) => `${type}|${from}|${to}`;
  const targetOf = (link: Link, created: boolean) => ({
    link,
    citations: citationsOfLink(link),
    markings: uniteMarkings(link.markingRefs),
    absorbed: [...(link.absorbedIds ?? [])],
    created,
  });
  for (const link of keepLinks) targets.set(keyOf(link.type, link.from, link.to), targetOf(link, false));
  const plan: LinkPlan = { deleted: [], repointed: [], changed: [], evidence: [] };
  const touched = new Set<string>();
  for (const link of links) {
    if (!isRelationshipType(link.type)) throw new Error(`unknown relationship type ${link.type}`);
    const [from, to] = [end(link.from), end(link.to)];
    if (from === to && sameThingTypes.has(link.type)) {
      // "These are one" is what the merge does: the link goes with the merge, and comes back with an unmerge.
      plan.deleted.push(link);
      continue;
    }
    if (from === to)
      throw new BadUserInputError(
        `${link.from} and ${link.to} are linked (${link.type}, ${link.id}): a link says they are two; retract it before merging.`,
      );
    plan.deleted.push(link);
    const key = keyOf(link.type, from, to);
    const target = targets.get(key);
    if (target) {
      target.citations = uniteCitations(target.citations, citationsOfLink(link));
      target.markings = uniteMarkings(target.markings, link.markingRefs);
      target.absorbed.push(link.id, ...(link.absorbedIds ?? []));
      touched.add(key);
    } else {
      plan.repointed.push({ id: link.id, type: link.type, from, to });
      targets.set(key, targetOf({ ...link, from, to }, true));
    }
  }
  const deletedIds = new Set(plan.deleted.map((link) => link.id));
  for (const link of disputing) {
    if (deletedIds.has(link.id)) continue;
    const key = keyOf(link.type, link.from, link.to);
    if (!targets.has(key)) targets.set(key, targetOf(link, false));
    touched.add(key);
  }
  for (const [key, target] of targets) {
    const disputedBy = [...new Set((target.link.disputedBy ?? []).map(end))];
    const disputesChange = (target.link.disputedBy ?? []).some((id) => gone.has(id));
    if (!touched.has(key) && !disputesChange) continue;
    if (!target.created) plan.changed.push(target.link);
    plan.evidence.push({
      id: target.link.id,
      type: target.link.type,
      from: target.link.from,
      to: target.link.to,
      sourceIds: target.citations.map((citation) => citation.source),
      excerpts: target.citations.map((citation) => citation.excerpt ?? ''),
      credibilities: target.citations.map((citation) => citation.credibility ?? defaultCredibility),
      markingRefs: target.markings,
      disputedBy,
      absorbedIds: target.absorbed,
    });
  }
  return plan;
}

const archivedRows = (links: Link[], role: 'DELETED' | 'CHANGED') =>
  links.map((link) => ({ id: link.id, type: link.type, from: link.from, to: link.to, role }));

/** Moves entities out of the graph into the archive of `mergeId`, with their links; returns the relationships created. */
export async function archiveEntities(
  tx: WriteTransaction,
  mergeId: string,
  keep: EntityRecord | null,
  gone: EntityRecord[],
  survivor: { entity: ImportEntity; bundleModified: string | null } | null,
): Promise<string[]> {
  const ids = gone.map((entity) => entity.id);
  const [found] = await tx.run('merge/find-links', { ids, keep: keep?.id ?? '' });
  const plan = keep
    ? planLinks(keep.id, ids, found.links, found.keepLinks, found.disputing)
    : { deleted: found.links, repointed: [], changed: [], evidence: [] };
  await tx.run('merge/archive-relationships', {
    mergeId,
    rels: [...archivedRows(plan.deleted, 'DELETED'), ...archivedRows(plan.changed, 'CHANGED')],
  });
  await tx.run('merge/archive-entities', {
    mergeId,
    survivor: keep?.id ?? null,
    entities: gone.map((entity) => ({ id: entity.id, label: kindLabels[entity.kind] })),
  });
  if (survivor && keep) {
    // The survivor changed: its STIX `modified` advances, as with any edit (its `created` stays).
    const version = {
      created: keep.created,
      modified: laterThan(new Date().toISOString(), keep.modified),
      bundleModified: survivor.bundleModified,
    };
    await tx.run('import/upsert-entities', { entities: [entityRow(survivor.entity, version)] });
  }
  if (plan.repointed.length > 0) await tx.run('merge/repoint-relationships', { mergeId, rels: plan.repointed });
  if (plan.evidence.length > 0) await tx.run('merge/update-link-evidence', { rels: plan.evidence });
  return plan.repointed.map((link) => link.id);
}

async function entitiesOrFail(tx: ReadTransaction, ids: string[]): Promise<EntityRecord[]> {
  const found = await findEntitiesIn(tx, ids);
  const missing = ids.filter((id) => !found.some((entity) => entity.id === id));
  if (missing.length > 0) throw new NotFoundError(`No entity with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
  return found;
}

/**
 * Makes one entity of several: `keep` survives with the aliases, citations, markings and links of all; the others
 * resolve to it by id. Reversible exactly with unmergeEntities; audited for the survivor and for each merged entity.
 */
export async function mergeEntities(
  graph: Graph,
  keepId: string,
  mergeIds: readonly string[],
  reason: string,
  actor: string,
): Promise<MergeResult> {
  const id = await graph.writeTransaction((tx) => mergeInTransaction(tx, keepId, mergeIds, reason, actor));
  return { id, entity: (await findEntityResolvingMerges(graph, keepId))! };
}

/**
 * The merge inside a writing transaction (an import's AUTO matches merge in the import's own transaction, so the
 * import and its merges commit together or not at all). Returns the merge id.
 */
export async function mergeInTransaction(
  tx: WriteTransaction,
  keepId: string,
  mergeIds: readonly string[],
  reason: string,
  actor: string,
): Promise<string> {
  if (!reason.trim()) throw new BadUserInputError('reason must not be empty: say why these are one entity.');
  const merge = [...new Set(mergeIds)];
  if (merge.length === 0) throw new BadUserInputError('merge must name at least one entity.');
  if (merge.includes(keepId)) throw new BadUserInputError('merge must not name the entity kept.');
  const [keep, ...others] = await entitiesOrFail(tx, [keepId, ...merge]);
  const survivor = mergedEntity(keep, others);
  const mergeId = `merge-${randomUUID()}`;
  const at = new Date().toISOString();
  const [before] = await tx.run('audit/find-current', { entityIds: [keepId, ...merge], relationshipIds: [], noteIds: [] });
  const snapshots = new Map(before.entities.map((entity: PropertySnapshot) => [entity.id, entity]));
  const bundleModified = snapshots.get(keepId)?.bundleModified;
  const created = await archiveEntities(tx, mergeId, keep, others, {
    entity: survivor,
    bundleModified: typeof bundleModified === 'string' ? bundleModified : null,
  });
  await tx.run('merge/record-merge', {
    merge: { id: mergeId, kind: 'MERGE', keep: keepId, merged: merge, createdRelationshipIds: created, actor, reason, at },
  });
  await recordAuditEvents(tx, [
    {
      actor,
      action: 'MERGE',
      subjectId: keepId,
      subjectType: 'ENTITY',
      reason,
      before: snapshot(snapshots.get(keepId)),
      after: snapshot({ mergeId, merged: merge, entity: survivor }),
    },
    ...merge.map((id) => ({
      actor,
      action: 'MERGE' as const,
      subjectId: id,
      subjectType: 'ENTITY' as const,
      reason,
      before: snapshot(snapshots.get(id)),
      after: snapshot({ mergeId, mergedInto: keepId }),
    })),
  ]);
  return mergeId;
}

/** Deletes an entity with its links, audited; restoreEntity brings it back exactly. */
export async function deleteEntity(graph: Graph, id: string, reason: string, actor: string) {
  if (!reason.trim()) throw new BadUserInputError('reason must not be empty: say why the entity goes.');
  const deletionId = `deletion-${randomUUID()}`;
  return graph.writeTransaction(async (tx) => {
    const [entity] = await entitiesOrFail(tx, [id]);
    const [before] = await tx.run('audit/find-current', { entityIds: [id], relationshipIds: [], noteIds: [] });
    await archiveEntities(tx, deletionId, null, [entity], null);
    await tx.run('merge/record-merge', {
      merge: {
        id: deletionId,
        kind: 'DELETE',
        keep: null,
        merged: [id],
        createdRelationshipIds: [],
        actor,
        reason,
        at: new Date().toISOString(),
      },
    });
    const [event] = await recordAuditEvents(tx, [
      {
        actor,
        action: 'DELETE',
        subjectId: id,
        subjectType: 'ENTITY',
        reason,
        before: snapshot(before.entities[0]),
        after: snapshot({ deletionId }),
      },
    ]);
    return event;
  });
}
