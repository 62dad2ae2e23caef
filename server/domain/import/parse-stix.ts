import type { ImportDocument, ImportEntity, ImportNote, ImportProblem, ImportRelationship } from './document.js';
import { StixContext } from './stix-context.js';
import { toEntity } from './stix-entities.js';
import { fromRelationship, fromSighting, fromStatement } from './stix-links.js';
import { fromAnalystNote, isAnalystNote } from './stix-notes.js';
import { bundleSchema, crossFieldProblems, isStixId, stixObjectSchema, type StixObject } from './stix-schema.js';

type Result = { document?: ImportDocument; problems: ImportProblem[] };

const statementTypes = new Set(['report', 'note', 'opinion']);

/** Checks every object of the bundle; problems are located by STIX id, or by position when the id is unusable. */
function readObjects(items: unknown[], problems: ImportProblem[]): StixObject[] {
  const objects: StixObject[] = [];
  const positions = new Map<string, number[]>();
  items.forEach((item, index) => {
    const rawId = (item as { id?: unknown } | null)?.id;
    const location = isStixId(rawId) ? rawId : `objects[${index}]`;
    const parsed = stixObjectSchema.safeParse(item);
    const found = [
      ...(parsed.error?.issues ?? []).map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
      ...(item && typeof item === 'object' ? crossFieldProblems(item as Record<string, unknown>) : []),
    ];
    for (const { field, message } of found) problems.push({ location, message: field ? `${field} ${message}` : message });
    if (!parsed.success || found.length > 0) return;
    objects.push(parsed.data);
    positions.set(parsed.data.id, [...(positions.get(parsed.data.id) ?? []), index]);
  });
  for (const [id, at] of positions) {
    if (at.length > 1) {
      problems.push({
        location: id,
        message: `appears ${at.length} times in the bundle (objects ${at.join(', ')}); keep one version of each object`,
      });
    }
  }
  return objects;
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
  const objects = readObjects(bundle.data.objects, problems);
  if (problems.length > 0) return { problems };

  const context = new StixContext(new Map(objects.map((object) => [object.id, object])), bundle.data.id);
  const entities: ImportEntity[] = [];
  const relationships: ImportRelationship[] = [];
  const notes: ImportNote[] = [];
  const disputes: { denial: string; refs: { id: string; inBundle: boolean }[] }[] = [];
  for (const object of objects) {
    if (object.revoked) {
      context.skip('skipped {n} revoked object{s}: STIX marks them as no longer valid');
    } else if (object.type === 'relationship') {
      const relationship = fromRelationship(object, context);
      if (relationship) relationships.push(relationship);
    } else if (object.type === 'sighting') {
      relationships.push(...fromSighting(object, context));
    } else if (isAnalystNote(object)) {
      notes.push(fromAnalystNote(object, context));
    } else {
      const entity = toEntity(object, context);
      if (!entity) continue;
      entities.push(entity);
      if (statementTypes.has(object.type)) {
        const { links, relationshipRefs } = fromStatement(object, context);
        relationships.push(...links);
        if (entity.kind === 'DENIAL') disputes.push({ denial: entity.id, refs: relationshipRefs });
        else if (object.type !== 'report') {
          context.skip(
            'left out {n} object_ref{s} of claims that point at relationships: a claim is ABOUT entities only',
            relationshipRefs.length,
          );
        }
      }
    }
  }
  recordDisputes(relationships, disputes, context);
  context.sources.applyDerivations(objects);
  return {
    document: { sources: context.sources.list(), entities, relationships, notes, warnings: context.warnings(), lenientDerivations: true },
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
