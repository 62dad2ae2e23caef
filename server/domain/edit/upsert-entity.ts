import { BadUserInputError } from '../../errors.js';
import type { Graph, ReadTransaction } from '../../graph/run.js';
import { findEntity } from '../find-entity.js';
import { kindProperties, type EntityKindName } from '../model.js';
import type { EntityRecord } from '../types.js';
import type { ImportDocument } from '../import/document.js';
import { findEntitiesIn } from '../list-entities.js';
import { citationsFromInput, entityToImport, markingIds, slug, withCitationsAdded, type CitationInput } from './citations.js';
import { writeEdit } from './user-errors.js';

export interface EntityInput {
  id?: string | null;
  kind: EntityKindName;
  name: string;
  aliases?: string[] | null;
  description?: string | null;
  date?: string | null;
  sources?: CitationInput[] | null;
  /** Marking-definition ids or TLP names; replaces the entity's markings when given. */
  markings?: string[] | null;
  [property: string]: unknown;
}

const allKindProperties = new Set(Object.values(kindProperties).flat());

/**
 * Creates an entity, or updates the one with that id: fields left out keep their values, new citations
 * are added to the existing ones. The earlier values go to the audit history. The stored entity is read in the
 * transaction that writes, so two edits at once both keep what they added.
 */
export async function upsertEntity(graph: Graph, input: EntityInput, actor: string): Promise<EntityRecord> {
  const name = input.name.trim();
  if (!name) throw new BadUserInputError('name must not be empty.');
  const id = input.id?.trim() || `${slug(input.kind)}-${slug(name)}`;
  const given = Object.entries(input).filter(([key, value]) => allKindProperties.has(key) && value !== undefined);
  for (const [key] of given) {
    if (!kindProperties[input.kind].includes(key)) {
      throw new BadUserInputError(
        `${key} is not a field of ${input.kind}; it takes ${kindProperties[input.kind].join(', ') || 'no kind-specific fields'}.`,
      );
    }
  }
  const { sources, citations } = citationsFromInput(input.sources ?? [], 'input');
  const markings = input.markings ? markingIds(input.markings, 'input.markings') : null;
  // Read where it is written: an edit committed in between is kept, its citations too.
  const build = async (tx: ReadTransaction): Promise<ImportDocument> => {
    const [existing] = await findEntitiesIn(tx, [id]);
    const base = existing ? entityToImport(existing) : null;
    const allCitations = withCitationsAdded(base?.sources ?? [], citations);
    if (allCitations.length === 0) throw new BadUserInputError('A new entity needs at least one source in input.sources.');
    const properties = Object.fromEntries(
      kindProperties[input.kind].map((key) => [
        key,
        input[key] !== undefined ? (input[key] as string | null) : (base?.properties[key] ?? null),
      ]),
    );
    const entity = {
      ...(base ?? {}),
      markings: markings ?? base?.markings ?? [],
      id,
      kind: input.kind,
      name,
      aliases: input.aliases ?? base?.aliases ?? [],
      description: input.description !== undefined ? input.description : (base?.description ?? null),
      date: input.date !== undefined ? input.date : (base?.date ?? null),
      properties: Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null)) as Record<string, string | null>,
      sources: allCitations,
      extra: base?.extra ?? null,
    };
    return { sources, entities: [entity], relationships: [] };
  };
  await writeEdit(graph, build, { actor, perElement: true }, [id]);
  return (await findEntity(graph, id))!;
}
