import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { findNeighbourhood, neighbourhoodLimits } from '../find-neighbourhood.js';
import { RecordBuilder } from '../graph-records.js';
import { checkRange, resolveFilterParams } from '../relationship-filter.js';
import { findNotes } from '../notes/notes.js';
import { findSourcesByIds } from '../sources/find-sources.js';
import type { RelationshipFilterInput, SourceDocument } from '../types.js';
import type { ExportSubgraph, StatementAuthor } from './types.js';

/**
 * maxElements bounds what one file serialises (a neighbourhood at its 5,000-link maximum fits, with its
 * entities); maxPictureEntities bounds what a report or Cytoscape file lays out
 * (in about 2 s with the draft layout of layout-subgraph.ts).
 */
export const exportLimits = {
  maxIds: 2_000,
  maxDepth: 3,
  maxNeighbourhoodIds: neighbourhoodLimits.maxIds,
  maxElements: 20_000,
  maxPictureEntities: 2_000,
} as const;

function checkIds(ids: string[], depth: number): string[] {
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  if (unique.length === 0 || unique.length > exportLimits.maxIds) {
    throw new BadUserInputError(`ids must name 1 to ${exportLimits.maxIds} entities, got ${unique.length}.`);
  }
  // Expanding is findNeighbourhood's job, and it takes fewer starting points than a plain export.
  if (depth > 0 && unique.length > exportLimits.maxNeighbourhoodIds) {
    throw new BadUserInputError(
      `With depth ${depth}, ids must name 1 to ${exportLimits.maxNeighbourhoodIds} entities (got ${unique.length}); use depth 0 for up to ${exportLimits.maxIds}.`,
    );
  }
  return unique;
}

/**
 * The subgraph an export shows: the given entities (with depth > 0, their filtered neighbourhood), every
 * filtered link among them, and the entities disputing those links, so every reference in the file resolves.
 * Sorted by id, so the same graph always gives the same file.
 */
export async function collectSubgraph(
  graph: Graph,
  request: { ids: string[]; depth: number; filter: RelationshipFilterInput | null; exportedOn: string },
): Promise<ExportSubgraph> {
  checkRange(request.depth, 'depth', 0, exportLimits.maxDepth);
  const ids = checkIds(request.ids, request.depth);
  const filterParams = await resolveFilterParams(request.filter, null, () => graph.read('graph/find-source-origins', {}));
  let truncated = false;
  let wanted = ids;
  if (request.depth > 0) {
    const around = await findNeighbourhood(graph, ids, request.depth, request.filter, neighbourhoodLimits.maxLimit);
    truncated = around.truncated;
    wanted = around.entities.map((entity) => entity.id);
  }
  const [row] = await graph.read('export/find-subgraph', { ids: wanted, ...filterParams });
  const builder = new RecordBuilder(row.sources);
  const entities = builder.entityList(row.entities);
  const missing = ids.filter((id) => !builder.known(id));
  if (missing.length > 0) throw new NotFoundError(`No entity with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
  const relationships = builder.relationshipList(row.rels);
  const authors = new Map<string, StatementAuthor>();
  for (const { statement, ...author } of row.authors) authors.set(statement, author);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const notes = await findNotes(
    graph,
    [...entities, ...relationships].map((element) => element.id),
  );
  return {
    entities: entities.sort(byId),
    relationships: relationships.sort(byId),
    truncated,
    authors,
    request: { ...request, ids },
    notes,
    ancestors: await ancestorsOf(
      graph,
      [...entities, ...relationships, ...notes].flatMap((element) => element.sources),
    ),
  };
}

/** The sources that cited ones derive from, directly or not, and that are not cited themselves: an export keeps them. */
async function ancestorsOf(graph: Graph, cited: SourceDocument[]): Promise<SourceDocument[]> {
  const known = new Set(cited.map((source) => source.id));
  const found: SourceDocument[] = [];
  let wanted = [...new Set(cited.flatMap((source) => source.derivedFrom))].filter((id) => !known.has(id));
  // Derivation chains are short; the bound only stops a cycle someone wrote by hand.
  for (let depth = 0; depth < 8 && wanted.length > 0; depth += 1) {
    wanted.forEach((id) => known.add(id));
    const sources = await findSourcesByIds(graph, wanted);
    found.push(...sources);
    wanted = [...new Set(sources.flatMap((source) => source.derivedFrom))].filter((id) => !known.has(id));
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}
