import { subgraphToElements } from '../../../shared/graph-elements.js';
import { knownSinceOf } from '../knowledge-time.js';
import type { SubgraphLayout } from './layout-subgraph.js';
import { stixIdOfEntity, stixTypeOfEntity } from '../stix/element-stix.js';
import { markingNames } from './markings.js';
import type { ExportSubgraph } from './types.js';

/**
 * Cytoscape JSON as `cy.json()` writes it (elements grouped into nodes and edges), with the client's own
 * element data (so it loads into the explorer and Cytoscape desktop alike), the facts the canvas leaves
 * out, and positions (a saved view's, or laid out).
 */
export function exportCytoscapeJson(subgraph: ExportSubgraph, layout: SubgraphLayout): string {
  const { positions } = layout;
  const entities = new Map(subgraph.entities.map((entity) => [entity.id, entity]));
  const relationships = new Map(subgraph.relationships.map((rel) => [rel.id, rel]));
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  for (const element of subgraphToElements(subgraph)) {
    const id = String(element.data.id);
    const entity = entities.get(id);
    if (element.group === 'nodes' && entity) {
      nodes.push({
        data: {
          ...element.data,
          knownSince: knownSinceOf(entity),
          description: entity.description,
          ...entity.properties,
          markings: markingNames(entity, subgraph),
          stixId: stixIdOfEntity(entity),
          stixType: stixTypeOfEntity(entity),
          externalIds: entity.externalIds,
          sources: entity.sources,
        },
        position: positions.get(id),
      });
    } else {
      const rel = relationships.get(id)!;
      edges.push({
        data: {
          ...element.data,
          knownSince: knownSinceOf(rel),
          description: rel.description,
          disputedBy: rel.disputedBy.map((entity) => entity.id),
          markings: markingNames(rel, subgraph),
          sources: rel.sources,
        },
      });
    }
  }
  return JSON.stringify({ format_version: '1.0', generated_by: 'attribution-explorer', elements: { nodes, edges } }, null, 2) + '\n';
}
