import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { findNeighbourhood, neighbourhoodLimits } from '../find-neighbourhood.js';
import { RecordBuilder } from '../graph-records.js';
import { checkRange, resolveFilterParams } from '../relationship-filter.js';
import { findNotes } from '../notes/notes.js';
import { findSourcesByIds } from '../sources/find-sources.js';
import type { EntityRecord, RelationshipFilterInput, RelationshipRecord, SourceDocument } from '../types.js';
import { isAboveTlp, tlpMarking, type TlpLevel } from '../../../shared/markings.js';
import type { MarkingMap } from '../../graph/statements.js';
import { allMarkingRefs } from '../stix/element-stix.js';
import { tlpOfElement } from './markings.js';
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

function checkIds(ids: string[], depth: number, maxIds: number): string[] {
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  if (unique.length === 0 || unique.length > maxIds) {
    throw new BadUserInputError(`ids must name 1 to ${maxIds} entities, got ${unique.length}.`);
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
 * Sorted by id, so the same graph always gives the same file. Unknown ids are NOT_FOUND, or (`missing: 'skip'`, for a
 * saved view whose entities may have been removed since) left out. `maxIds`: more for a saved view than for a list
 * of ids in a request.
 */
export async function collectSubgraph(
  graph: Graph,
  request: {
    ids: string[];
    depth: number;
    filter: RelationshipFilterInput | null;
    exportedOn: string;
    tlpCeiling?: TlpLevel | null;
    missing?: 'fail' | 'skip';
  },
  maxIds: number = exportLimits.maxIds,
): Promise<ExportSubgraph> {
  checkRange(request.depth, 'depth', 0, exportLimits.maxDepth);
  const ids = checkIds(request.ids, request.depth, maxIds);
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
  if (missing.length > 0 && request.missing !== 'skip')
    throw new NotFoundError(`No entity with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
  const relationships = builder.relationshipList(row.rels);
  const authors = new Map<string, StatementAuthor>();
  for (const { statement, ...author } of row.authors) authors.set(statement, author);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const tlpCeiling = request.tlpCeiling ?? null;
  const kept = tlpCeiling ? withinCeiling(entities, relationships, tlpCeiling) : { entities, relationships };
  // A note goes where its subject goes: a withheld element's notes are withheld with it.
  const notes = await findNotes(
    graph,
    [...kept.entities, ...kept.relationships].map((element) => element.id),
  );
  return {
    entities: kept.entities.sort(byId),
    relationships: kept.relationships.sort(byId),
    truncated,
    authors,
    request: { ids, depth: request.depth, filter: request.filter, exportedOn: request.exportedOn, tlpCeiling, view: null },
    notes,
    markings: await markingDefinitions(graph, [...kept.entities, ...kept.relationships]),
    withheld: { entities: entities.length - kept.entities.length, relationships: relationships.length - kept.relationships.length },
    // Only what the export carries: a withheld element's sources do not travel through their derivations.
    ancestors: await ancestorsOf(
      graph,
      [...kept.entities, ...kept.relationships, ...notes].flatMap((element) => element.sources),
    ),
  };
}

/**
 * What an export with a TLP ceiling may carry: entities marked at or below it (a marking on any part counts),
 * and links marked at or below it whose ends are both kept. A withheld entity also leaves the disputes it makes.
 */
function withinCeiling(
  entities: EntityRecord[],
  relationships: RelationshipRecord[],
  ceiling: TlpLevel,
): { entities: EntityRecord[]; relationships: RelationshipRecord[] } {
  const keptEntities = entities.filter((entity) => !isAboveTlp(tlpOfElement(entity), ceiling));
  const keptIds = new Set(keptEntities.map((entity) => entity.id));
  const keptRelationships = relationships
    .filter((rel) => keptIds.has(rel.from.id) && keptIds.has(rel.to.id) && !isAboveTlp(tlpOfElement(rel), ceiling))
    .map((rel) => ({ ...rel, disputedBy: rel.disputedBy.filter((entity) => keptIds.has(entity.id)) }));
  return { entities: keptEntities, relationships: keptRelationships };
}

/** The definitions of the non-TLP markings the elements use (statement markings, custom ones), by id. */
async function markingDefinitions(graph: Graph, elements: (EntityRecord | RelationshipRecord)[]): Promise<Map<string, MarkingMap>> {
  const ids = [...new Set(elements.flatMap(allMarkingRefs))].filter((id) => !tlpMarking(id));
  if (ids.length === 0) return new Map();
  const rows = await graph.read('graph/find-markings', { ids });
  return new Map(rows.map((row) => [row.marking.id, row.marking]));
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
