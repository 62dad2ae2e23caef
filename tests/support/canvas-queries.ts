/**
 * GraphQL the canvas tests share (tests/integration/canvas-api, tests/integration/fuzz-api, tests/browser/canvas-scale):
 * a hub's neighbour groups, a page of one group, and the distinct totals around an entity.
 */

/** The fields of a neighbour group the tests read. */
export const neighbourGroupFields = 'type direction kind count maxConfidence';

export const neighbourGroupsQuery = /* GraphQL */ `
  query Groups($id: ID!, $exclude: [ID!]) {
    neighbourGroups(id: $id, exclude: $exclude) { ${neighbourGroupFields} }
  }
`;

/** Every field of neighbourTotals. */
export const neighbourTotalsFields = 'neighbours links overlaps { count ways { type direction } }';

export const neighbourPageQuery = /* GraphQL */ `
  query Page($id: ID!, $type: String!, $direction: String!, $kind: EntityKind!, $exclude: [ID!], $order: NeighbourOrder, $limit: Int) {
    neighbourPage(id: $id, type: $type, direction: $direction, kind: $kind, exclude: $exclude, order: $order, limit: $limit) {
      entities {
        id
        date
      }
      relationships {
        id
        type
        confidence
        from {
          id
        }
        to {
          id
        }
      }
      total
      remaining
    }
  }
`;

export interface NeighbourPage {
  entities: { id: string; date: string | null }[];
  relationships: { id: string; type: string; confidence: number; from: { id: string }; to: { id: string } }[];
  total: number;
  remaining: number;
}
