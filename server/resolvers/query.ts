import { NotFoundError } from '../errors.js';
import { findRelationship } from '../domain/find-entity.js';
import { findEntityResolvingMerges } from '../domain/merge/resolve-merged.js';
import { countNeighbours, countNeighbourTotals, findNeighbourhood, isLargeNeighbourhood } from '../domain/find-neighbourhood.js';
import { pathLimits } from '../domain/find-paths.js';
import { graphStats } from '../domain/graph-stats.js';
import { findLinksAmong } from '../domain/find-links-among.js';
import { findEntitiesByIds, findMostConnected } from '../domain/list-entities.js';
import { countNeighbourGroups, findNeighbourPage } from '../domain/neighbour-groups.js';
import { summarizeGraph } from '../domain/summarize-graph.js';
import { relationshipTypes } from '../domain/model.js';
import { searchEntities } from '../domain/search-entities.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { queryArgumentDefault } from './schema-defaults.js';
import { asksOnly, summaryFields } from './selection.js';

export const queryResolvers: QueryResolvers = {
  search: (_parent, { text, kinds, limit, includeRetired }, { graph }, info) =>
    searchEntities(graph, text, kinds, limit, asksOnly(info, summaryFields.entity) ? 'summary' : 'full', includeRetired),

  entity: async (_parent, { id }, { graph }) => {
    const found = await findEntityResolvingMerges(graph, id);
    if (!found) throw new NotFoundError(`No entity with id "${id}".`);
    return found;
  },

  relationship: async (_parent, { id }, { graph }) => {
    const found = await findRelationship(graph, id);
    if (!found) throw new NotFoundError(`No relationship with id "${id}".`);
    return found;
  },

  neighbourhood: (_parent, { ids, depth, filter, limit }, { graph, heavy }, info) => {
    const find = () => findNeighbourhood(graph, ids, depth, filter, limit, asksOnly(info, summaryFields.subgraph) ? 'summary' : 'full');
    return isLargeNeighbourhood(depth, limit) ? heavy(find) : find();
  },

  neighbourCounts: (_parent, { id, filter, exclude }, { graph }) => countNeighbours(graph, id, filter, exclude),
  neighbourTotals: (_parent, { id, filter, exclude }, { graph }) => countNeighbourTotals(graph, id, filter, exclude),

  neighbourGroups: (_parent, { id, filter, exclude }, { graph }) => countNeighbourGroups(graph, id, filter, exclude),

  neighbourPage: (_parent, { id, type, direction, kind, filter, exclude, order, limit }, { graph }) =>
    findNeighbourPage(graph, { id, type, direction, kind, filter, exclude, order, limit }),

  graphSummary: (_parent, { limit }, { graph }) => summarizeGraph(graph, limit),

  linksAmong: (_parent, { ids, limit }, { graph }) => findLinksAmong(graph, ids, limit),

  paths: (_parent, { from, to, maxHops, limit, filter, profile, typeWeights, maxOverlap }, { graph, heavy, findPaths }) =>
    heavy(() => findPaths(graph, from, to, { maxHops, limit, filter, profile, typeWeights, maxOverlap })),

  stats: (_parent, _args, { graph }) => graphStats(graph),

  relationshipTypes: () => [...relationshipTypes],

  limits: (_parent, _args, _context, { schema }) => ({
    paths: {
      maxHops: { default: queryArgumentDefault(schema, 'paths', 'maxHops'), max: pathLimits.maxHops },
      limit: { default: queryArgumentDefault(schema, 'paths', 'limit'), max: pathLimits.maxLimit },
    },
  }),

  entities: (_parent, { ids }, { graph }) => findEntitiesByIds(graph, ids),

  overview: (_parent, { limit, kinds }, { graph }) => findMostConnected(graph, limit, kinds),
};
