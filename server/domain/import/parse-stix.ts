import { tlp2ExtensionId, tlpMarking } from '../../../shared/markings.js';
import { compareTimestamps } from '../stix/ids.js';
import { explorerIdentityId, extensionId, readExtension, withoutExtension } from '../stix/extension.js';
import type { ImportDocument, ImportEntity, ImportMarking, ImportNote, ImportProblem, ImportRelationship } from './document.js';
import { StixContext, type BundleObject } from './stix-context.js';
import { toEntity } from './stix-entities.js';
import { fromRelationship, fromSighting, fromStatement } from './stix-links.js';
import { fromAnalystNote, isAnalystNote } from './stix-notes.js';
import { bundleSchema, crossFieldProblems, isStixId, stixObjectSchema } from './stix-schema.js';

type Result = { document?: ImportDocument; problems: ImportProblem[] };

/** Objects whose object_refs become links (docs/import-formats.md, "Reports, notes and opinions"). */
const statementTypes = new Set(['report', 'note', 'opinion', 'grouping', 'observed-data']);

/** Objects every export of ours adds, and the OASIS TLP 2.0 definition: known here, never entities. */
const knownMetaObjects = new Set([extensionId, explorerIdentityId, tlp2ExtensionId]);

/**
 * The project's extension lifted into the x_ae_ properties the mapping reads (`local_id` becomes `x_ae_id`,
 * `kind` becomes `x_ae_kind`, ...), so the extension and older exports' top-level properties share one path.
 */
function lift(raw: Record<string, unknown>): {
  lifted: Record<string, unknown>;
  stored: Record<string, unknown>;
  mode: BundleObject['mode'];
} {
  const extension = readExtension(raw);
  const stored = withoutExtension(raw);
  if (!extension) {
    // An older export of ours wrote x_ae_id and x_ae_kind (or x_ae_type on links) at the top level.
    const legacy = typeof raw.x_ae_id === 'string' && (raw.x_ae_kind !== undefined || raw.x_ae_type !== undefined);
    return { lifted: raw, stored, mode: legacy ? 'legacy' : 'third-party' };
  }
  const lifted: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(extension)) {
    if (key === 'extension_type') continue;
    lifted[key === 'local_id' ? 'x_ae_id' : `x_ae_${key}`] = value;
  }
  return { lifted, stored, mode: extension.rendered === true ? 'rendered' : 'third-party' };
}

/**
 * Checks every object of the bundle; problems are located by STIX id, or by position when the id is unusable.
 * Several versions of one object may share a bundle (STIX allows it): the newest `modified` is kept.
 */
function readObjects(items: unknown[], problems: ImportProblem[], warn: (message: string) => void): BundleObject[] {
  const newest = new Map<string, { read: BundleObject; index: number; versions: number }>();
  items.forEach((item, index) => {
    const rawId = (item as { id?: unknown } | null)?.id;
    const location = isStixId(rawId) ? rawId : `objects[${index}]`;
    const { lifted, stored, mode } =
      item && typeof item === 'object' && !Array.isArray(item)
        ? lift(item as Record<string, unknown>)
        : { lifted: item as Record<string, unknown>, stored: {}, mode: 'third-party' as const };
    const parsed = stixObjectSchema.safeParse(lifted);
    const found = [
      ...(parsed.error?.issues ?? []).map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
      ...(lifted && typeof lifted === 'object' ? crossFieldProblems(lifted) : []),
    ];
    for (const { field, message } of found) problems.push({ location, message: field ? `${field} ${message}` : message });
    if (!parsed.success || found.length > 0) return;
    const read: BundleObject = { object: parsed.data, stored, mode };
    const earlier = newest.get(parsed.data.id);
    if (!earlier) return void newest.set(parsed.data.id, { read, index, versions: 1 });
    const order = compareTimestamps(parsed.data.modified as string | undefined, earlier.read.object.modified as string | undefined);
    if (order === 0) {
      problems.push({
        location: parsed.data.id,
        message: `appears twice with the same modified (objects ${earlier.index}, ${index}); versions of an object need different modified timestamps`,
      });
    }
    newest.set(parsed.data.id, { ...(order > 0 ? { read, index } : earlier), versions: earlier.versions + 1 });
  });
  const older = [...newest.values()].reduce((sum, entry) => sum + entry.versions - 1, 0);
  if (older > 0)
    warn(
      `kept the newest version of objects the bundle holds several versions of (${older} older version${older === 1 ? '' : 's'} left out)`,
    );
  return [...newest.values()].sort((a, b) => a.index - b.index).map((entry) => entry.read);
}

/**
 * Parses a STIX 2.1 bundle into an import document (the mapping is the table in docs/import-formats.md).
 * The whole bundle is checked before anything is mapped; with any problem, no document is returned.
 */
export function parseStixBundle(content: string): Result {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    return { problems: [{ location: 'bundle', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const bundle = bundleSchema.safeParse(raw);
  if (!bundle.success) {
    return {
      problems: bundle.error.issues.map((issue) => ({
        location: 'bundle',
        message: `${issue.path.map(String).join('.') || 'content'} ${issue.message}`,
      })),
    };
  }
  const problems: ImportProblem[] = [];
  const notes: string[] = [];
  const objects = readObjects(bundle.data.objects, problems, (message) => notes.push(message));
  if (problems.length > 0) return { problems };

  const context = new StixContext(new Map(objects.map((read) => [read.object.id, read])), bundle.data.id);
  const entities: ImportEntity[] = [];
  const relationships: ImportRelationship[] = [];
  const markings: ImportMarking[] = [];
  const analystNotes: ImportNote[] = [];
  const statements: { read: BundleObject; entity: ImportEntity }[] = [];
  for (const read of objects) {
    const { object } = read;
    if (knownMetaObjects.has(object.id)) continue;
    if (object.type === 'marking-definition') {
      if (!tlpMarking(object.id)) markings.push({ id: object.id, object: read.stored });
    } else if (object.type === 'relationship') {
      const relationship = fromRelationship(read, context);
      if (relationship) relationships.push(relationship);
    } else if (object.type === 'sighting' && object.where_sighted_refs?.length) {
      const sighted = fromSighting(read, context);
      if (sighted) relationships.push(...sighted);
      else {
        context.skip('kept {n} sighting{s} whose places are not entities as STIX objects');
        entities.push(toEntity(read, context));
      }
    } else if (isAnalystNote(object)) {
      analystNotes.push(fromAnalystNote(read, context));
    } else {
      if (object.type === 'sighting') context.skip('kept {n} sighting{s} that name no place as STIX objects (a link needs two ends)');
      const entity = toEntity(read, context);
      entities.push(entity);
      if (statementTypes.has(object.type) || object.x_ae_author) statements.push({ read, entity });
    }
  }
  const disputes: { denial: string; refs: { id: string; inBundle: boolean }[] }[] = [];
  for (const { read, entity } of statements) {
    const { links, relationshipRefs } = fromStatement(
      read,
      { id: entity.id, sources: entity.sources, markings: entity.markings ?? [] },
      context,
    );
    relationships.push(...links);
    if (entity.kind === 'DENIAL') disputes.push({ denial: entity.id, refs: relationshipRefs });
    else if (read.object.type === 'note' || read.object.type === 'opinion') {
      context.skip(
        'left out {n} object_ref{s} of claims that point at relationships: a claim is ABOUT entities only',
        relationshipRefs.length,
      );
    }
  }
  recordDisputes(relationships, disputes, context);
  context.sources.applyDerivations(objects.map((read) => read.stored));
  return {
    document: {
      sources: context.sources.list(),
      entities,
      relationships,
      markings,
      notes: analystNotes,
      warnings: [...notes, ...context.warnings()],
      // A derivedFrom naming a source that did not travel with the bundle is left out with a warning.
      lenientDerivations: true,
    },
    problems: [],
  };
}

/** A denial that refers to a relationship joins that relationship's disputedBy, which is how the model records disputes. */
function recordDisputes(
  relationships: ImportRelationship[],
  disputes: { denial: string; refs: { id: string; inBundle: boolean }[] }[],
  context: StixContext,
) {
  const byId = new Map(relationships.map((relationship) => [relationship.id, relationship]));
  for (const { denial, refs } of disputes) {
    for (const ref of refs) {
      const disputed = byId.get(ref.id);
      if (disputed && !disputed.disputedBy.includes(denial)) disputed.disputedBy.push(denial);
      // A skipped relationship in the bundle was already reported; one outside it cannot be changed from here.
      else if (!disputed && !ref.inBundle) context.skip('left out {n} dispute{s}: a denial refers to a relationship outside the bundle');
    }
  }
}
