/** GraphQL the canvas tests share: a page of a hub's neighbour group (tests/integration/canvas-api, tests/browser/canvas-scale). */

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
