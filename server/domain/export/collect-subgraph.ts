import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { findNeighbourhood, neighbourhoodLimits } from '../find-neighbourhood.js';
import { RecordBuilder } from '../graph-records.js';
import { checkRange, toFilterParams } from '../relationship-filter.js';
import type { RelationshipFilterInput } from '../types.js';
import { isAboveTlp, tlpMarking, type TlpLevel } from '../../../shared/markings.js';
import type { MarkingMap } from '../../graph/statements.js';
import { allMarkingRefs } from '../stix/element-stix.js';
import type { EntityRecord, RelationshipRecord } from '../types.js';
import { tlpOfElement } from './markings.js';
import type { ExportSubgraph, StatementAuthor } from './types.js';

export const exportLimits = { maxIds: 2_000, maxDepth: 3, maxNeighbourhoodIds: neighbourhoodLimits.maxIds } as const;

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
  request: { ids: string[]; depth: number; filter: RelationshipFilterInput | null; exportedOn: string; tlpCeiling?: TlpLevel | null },
): Promise<ExportSubgraph> {
  checkRange(request.depth, 'depth', 0, exportLimits.maxDepth);
  const ids = checkIds(request.ids, request.depth);
  const filterParams = toFilterParams(request.filter);
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
  const tlpCeiling = request.tlpCeiling ?? null;
  const kept = tlpCeiling ? withinCeiling(entities, relationships, tlpCeiling) : { entities, relationships };
  return {
    entities: kept.entities.sort(byId),
    relationships: kept.relationships.sort(byId),
    truncated,
    authors,
    request: { ...request, ids, tlpCeiling },
    markings: await markingDefinitions(graph, [...kept.entities, ...kept.relationships]),
    withheld: { entities: entities.length - kept.entities.length, relationships: relationships.length - kept.relationships.length },
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
