import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { kindDefinitions } from '../../../shared/vocabulary.js';
import { seededRandom } from '../../../shared/seeded-random.js';
import type { ExportSubgraph } from './types.js';

cytoscape.use(fcose);

const layoutSeed = 20_231_225;

/**
 * fcose's force-directed phase ('proof' quality) gives the clearest picture but its time grows much faster than
 * the graph (measured on 2 cores: 250 entities 3 s, 960 entities and 2,200 links 27 s, 2,000 entities 31 s);
 * beyond proofMaxEntities the spectral phase alone ('draft': 0.7 s for 960 entities, 5 s for 5,000) places them.
 */
export const layoutLimits = { proofMaxEntities: 500 } as const;

/** The room a node's label takes under it (about three lines of 22 characters), for spacing. */
const labelRoom = { width: 120, height: 40 };

export interface Point {
  x: number;
  y: number;
}

export interface SubgraphLayout {
  positions: Map<string, Point>;
  /** Bounding box of the node centres. */
  box: { x1: number; y1: number; x2: number; y2: number };
}

/**
 * Node positions for pictures and Cytoscape files, computed headless with fcose from a fixed seed, so
 * the same subgraph always gives the same picture. Node sizes are the client's plus room for labels.
 */
export function layoutSubgraph(subgraph: ExportSubgraph): SubgraphLayout {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(width)', height: 'data(height)' } }],
    elements: [
      // Headless Cytoscape cannot measure labels, so each node claims the room its label will take below it.
      ...subgraph.entities.map((entity) => ({
        group: 'nodes' as const,
        data: { id: entity.id, width: labelRoom.width, height: kindDefinitions[entity.kind].size + labelRoom.height },
      })),
      ...subgraph.relationships.map((rel) => ({ group: 'edges' as const, data: { id: rel.id, source: rel.from.id, target: rel.to.id } })),
    ],
  });
  if (subgraph.entities.length > 1) {
    // fcose's spectral start draws random samples; a fixed seed makes it repeatable. The layout runs
    // synchronously (animate: false), so no other code sees the seeded Math.random.
    const random = Math.random;
    Math.random = seededRandom(layoutSeed);
    try {
      cy.layout({
        name: 'fcose',
        randomize: true,
        quality: subgraph.entities.length <= layoutLimits.proofMaxEntities ? 'proof' : 'draft',
        animate: false,
        nodeSeparation: 45,
        idealEdgeLength: () => 85,
        nodeRepulsion: () => 25_000,
        packComponents: true,
        fit: false,
      } as cytoscape.LayoutOptions).run();
    } finally {
      Math.random = random;
    }
  }
  const positions = new Map<string, Point>();
  const box = cy.nodes().boundingBox({});
  // Pages are wider than tall: a tall layout is turned a quarter, which keeps every distance.
  const turn = box.h > box.w * 1.1;
  cy.nodes().forEach((node) => {
    const { x, y } = node.position();
    positions.set(node.id(), { x: Math.round((turn ? y : x) * 10) / 10, y: Math.round((turn ? x : y) * 10) / 10 });
  });
  cy.destroy();
  const xs = [...positions.values()].map((point) => point.x);
  const ys = [...positions.values()].map((point) => point.y);
  return { positions, box: { x1: Math.min(...xs, 0), y1: Math.min(...ys, 0), x2: Math.max(...xs, 0), y2: Math.max(...ys, 0) } };
}
