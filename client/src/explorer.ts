/**
 * The explorer's shared state and the operations panels call: what is on the canvas (through the
 * view and its undoable actions), the filters, the selection and the relationship types the
 * server knows. Panels subscribe to changes instead of calling one another.
 */
import {
  fetchNeighbourGroups,
  fetchNeighbourhood,
  fetchNeighbourPage,
  fetchNeighbourTotals,
  fetchOverview,
  type RelationshipFilter,
} from './api/queries';
import type { GraphOverviewQuery } from './gql/graphql';
import { CanvasActions } from './graph/actions';
import type cytoscape from 'cytoscape';
import type { EntityKind } from './gql/graphql';
import { mergeSubgraphs, subgraphToElements, type SubgraphInput } from '../../shared/graph-elements';
import { emptyFilters, toRelationshipFilter, type FilterState } from './graph/filters';
import {
  collapsedLinks,
  expandPageLimit,
  groupPageSize,
  hubGroupElements,
  hubGroupId,
  isGroupId,
  manualGroupData,
  neighboursReachedBy,
  shrinkHubGroup,
  type NeighbourWay,
  type GroupData,
  type HubGroupData,
} from './graph/groups';
import type { LayoutName } from './graph/layouts';
import type { AddMode, GraphView } from './graph/view';

export interface Selection {
  id: string;
  group: 'nodes' | 'edges';
}

/** The bounds and defaults the server gives for arguments the panels offer. */
export type ServerLimits = GraphOverviewQuery['limits'];

interface ExplorerEvents {
  filters: FilterState;
  selection: Selection | null;
  types: string[];
  limits: ServerLimits;
  /** Anything that changes the URL-worthy view (focus, path ends, layout, filters). */
  url: void;
}

type Listener<T> = (value: T) => void;

/**
 * How many of the ids just added are entities of the subgraph. Counted from the subgraph, not the canvas: a large
 * addition arrives in batches after the call returns, and the canvas would not hold it yet.
 */
function entitiesAmong(addedIds: readonly string[], subgraph: SubgraphInput): number {
  const entityIds = new Set(subgraph.entities.map((entity) => entity.id));
  return addedIds.filter((id) => entityIds.has(id)).length;
}

export class Explorer {
  readonly actions: CanvasActions;
  filters: FilterState = emptyFilters();
  selection: Selection | null = null;
  relationshipTypes: string[] = [];
  /** The node the keyboard is on in the canvas (ui/canvas-keyboard.ts); commands act on it when nothing is selected. */
  keyboardFocus: string | null = null;
  /** The saved view the canvas was opened from or saved as, and its state then (for Copy link). */
  currentView: { id: string; title: string; url: string; stateJson: string } | null = null;
  /** Entities and links in the whole graph (for "showing N of M"); null until known. */
  totals: { entities: number; relationships: number } | null = null;
  /** Path ends, kept so the URL can reopen the path view. */
  pathEnds: { from: string; to: string } | null = null;
  private listeners: { [K in keyof ExplorerEvents]: Listener<ExplorerEvents[K]>[] } = {
    filters: [],
    selection: [],
    types: [],
    limits: [],
    url: [],
  };

  constructor(readonly view: GraphView) {
    this.actions = new CanvasActions(view);
    view.on('select', (id, group) => this.select({ id, group }, false));
    view.on('unselect', () => this.select(null, false));
  }

  on<K extends keyof ExplorerEvents>(event: K, listener: Listener<ExplorerEvents[K]>): void {
    this.listeners[event].push(listener);
  }

  private emit<K extends keyof ExplorerEvents>(event: K, value: ExplorerEvents[K]): void {
    for (const listener of this.listeners[event]) listener(value);
  }

  async loadRelationshipTypes(): Promise<void> {
    const overview = await fetchOverview();
    this.relationshipTypes = overview.relationshipTypes;
    this.totals = overview.stats;
    this.emit('types', this.relationshipTypes);
    this.emit('limits', overview.limits);
  }

  setFilters(next: Partial<FilterState>): void {
    this.filters = { ...this.filters, ...next };
    this.view.applyFilters(this.filters);
    this.emit('filters', this.filters);
    this.emit('url', undefined);
  }

  layout(name: LayoutName): Promise<void> {
    const done = this.actions.layout(name);
    this.emit('url', undefined);
    return done;
  }

  /** The canvas filters as a server filter, so fetches skip what the canvas would hide. */
  serverFilter(): RelationshipFilter {
    return toRelationshipFilter(this.filters, this.relationshipTypes);
  }

  select(selection: Selection | null, onCanvas = true): void {
    this.selection = selection;
    if (onCanvas && selection) this.view.focus(selection.id);
    this.emit('selection', selection);
    this.emit('url', undefined);
  }

  setPathEnds(ends: { from: string; to: string } | null): void {
    this.pathEnds = ends;
    this.emit('url', undefined);
  }

  /** Draws a query result; returns the ids that were new on the canvas. */
  draw(subgraph: SubgraphInput, label: string, mode: AddMode = 'incremental'): string[] {
    const present = new Set(this.view.nodeIds());
    return this.actions.add(subgraphToElements(subgraph, present), label, mode);
  }

  /**
   * Puts an entity on the canvas with its links to what is already there (not its whole
   * neighbourhood: that is what Expand is for).
   */
  async addEntity(id: string): Promise<void> {
    if (!this.view.has(id)) {
      const around = await fetchNeighbourhood({ ids: [id], depth: 1, limit: 500 });
      const present = new Set(this.view.nodeIds());
      const keep = (entityId: string) => entityId === id || present.has(entityId);
      this.draw(
        {
          entities: around.entities.filter((e) => e.id === id),
          relationships: around.relationships.filter((r) => keep(r.from.id) && keep(r.to.id)),
        },
        'Add entity',
      );
    }
    this.select({ id, group: 'nodes' });
  }

  /** The entities on the canvas (group nodes are not entities): what counts and pages leave out. */
  entityIdsOnCanvas(): string[] {
    return this.view.nodeIds().filter((id) => !isGroupId(id));
  }

  /**
   * Adds every neighbour of an entity not yet on the canvas (of the chosen relationship types and directions,
   * `type/direction` keys), group by group, so exactly the counted neighbours arrive, up to `expandPageLimit` a
   * group: the rest of a larger group stays behind as a group node that pages in on demand, so nothing is left out
   * silently. Returns how many arrived and how many wait in groups.
   */
  async expand(id: string, options: { groups?: (way: NeighbourWay) => boolean } = {}): Promise<{ added: number; grouped: number }> {
    const filter = this.serverFilter();
    const exclude = this.entityIdsOnCanvas();
    const groups = (await fetchNeighbourGroups(id, filter, exclude)).filter(options.groups ?? (() => true));
    const pages = await Promise.all(
      groups.map((group) =>
        fetchNeighbourPage({
          id,
          type: group.type,
          direction: group.direction,
          kind: group.kind,
          filter,
          exclude,
          limit: Math.min(expandPageLimit, group.count),
        }),
      ),
    );
    const subgraph = mergeSubgraphs(pages);
    const added = this.draw(subgraph, 'Expand');
    const rest = groups
      .map((group, i) => ({ ...group, count: pages[i].remaining }))
      .filter((group) => group.count > 0 && !this.view.has(hubGroupId(id, group.type, group.direction, group.kind)));
    const hub = this.view.cy.getElementById(id);
    const ring =
      rest.length > 0 ? this.actions.add(hubGroupElements(id, rest, { ...hub.position() }), 'Group the rest', 'incremental') : [];
    void this.view.revealWhenSettled([...added, ...ring]);
    return {
      added: entitiesAmong(added, subgraph),
      grouped: rest.length > 0 ? await this.distinctLeftIn(id, rest, [...exclude, ...subgraph.entities.map((entity) => entity.id)]) : 0,
    };
  }

  /**
   * How many distinct neighbours the given groups still hold once `drawn` is on the canvas: a neighbour linked to the
   * hub in two ways sits in two groups, and adding the groups' counts would count it twice.
   */
  private async distinctLeftIn(id: string, groups: readonly NeighbourWay[], drawn: string[]): Promise<number> {
    const totals = await fetchNeighbourTotals(id, this.serverFilter(), drawn);
    return neighboursReachedBy(totals.overlaps, (way) =>
      groups.some((group) => group.type === way.type && group.direction === way.direction),
    );
  }

  /**
   * Expands a hub without burying the view: optionally its `strongest` links first, then every other neighbour
   * group (relationship type, direction, kind) as a group node that pages in on demand. Nothing is left out
   * silently: each group node says how many it holds; the count returned is of distinct neighbours.
   */
  async expandAsGroups(
    id: string,
    options: { groups?: (way: NeighbourWay) => boolean; strongest?: number } = {},
  ): Promise<{ added: number; grouped: number }> {
    const filter = this.serverFilter();
    let added = 0;
    if (options.strongest) {
      const around = await fetchNeighbourhood({ ids: [id], depth: 1, filter, limit: options.strongest });
      added = entitiesAmong(this.draw(around, 'Expand (strongest)'), around);
    }
    const chosen = options.groups ?? (() => true);
    const exclude = this.entityIdsOnCanvas();
    const [groups, totals] = await Promise.all([fetchNeighbourGroups(id, filter, exclude), fetchNeighbourTotals(id, filter, exclude)]);
    const fresh = groups.filter(chosen).filter((group) => !this.view.has(hubGroupId(id, group.type, group.direction, group.kind)));
    const hub = this.view.cy.getElementById(id);
    const ring = this.actions.add(
      hubGroupElements(id, fresh, hub.nonempty() ? { ...hub.position() } : { x: 0, y: 0 }),
      'Group neighbours',
      'incremental',
    );
    // The ring of groups is the answer to "what is around this hub": bring all of it into view once it is placed.
    await this.view.settled();
    this.view.fit([id, ...ring]);
    return { added, grouped: neighboursReachedBy(totals.overlaps, chosen) };
  }

  /**
   * The next page of a hub group: `limit` neighbours not on the canvas, strongest or newest first, placed around
   * the group node; the group shrinks to what remains. Returns how many entities arrived.
   */
  async openGroup(groupId: string, order: 'STRONGEST' | 'NEWEST' = 'STRONGEST', limit = groupPageSize): Promise<number> {
    const node = this.view.cy.getElementById(groupId);
    const data = node.data() as GroupData;
    if (data.source === 'manual') {
      this.actions.expandCollapsed(groupId, data.members);
      return data.members.length;
    }
    const group = data as HubGroupData;
    const page = await fetchNeighbourPage({
      id: group.hub,
      type: group.type,
      direction: group.direction,
      kind: group.kind as EntityKind,
      filter: this.serverFilter(),
      exclude: this.entityIdsOnCanvas(),
      order,
      limit,
    });
    const centre = { ...node.position() };
    const present = new Set(this.view.nodeIds());
    const elements = subgraphToElements(page, present).map((element, i) =>
      element.group === 'nodes'
        ? {
            ...element,
            position: { x: centre.x + 50 * Math.cos(i * 2.4) * Math.sqrt(i + 1), y: centre.y + 50 * Math.sin(i * 2.4) * Math.sqrt(i + 1) },
          }
        : element,
    );
    const next = page.remaining > 0 ? (shrinkHubGroup(group, page.remaining) as unknown as Record<string, unknown>) : null;
    const added = this.actions.pageIn(groupId, elements, next, `Add ${page.entities.length} from a group`);
    return entitiesAmong(added, page);
  }

  /** Collapses the selected entities into one group node (undoable); double-click opens it again. */
  groupSelection(ids: string[]): boolean {
    const nodes = ids.map((id) => this.view.cy.getElementById(id)).filter((node) => node.isNode() && !isGroupId(node.id()));
    if (nodes.length < 2) return false;
    const members = new Set(nodes.map((node) => node.id()));
    const id = `group:manual:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
    const centre = nodes.reduce(
      (sum, node) => ({ x: sum.x + node.position('x') / nodes.length, y: sum.y + node.position('y') / nodes.length }),
      {
        x: 0,
        y: 0,
      },
    );
    const edges = this.view.cy
      .collection(nodes as unknown as cytoscape.CollectionArgument)
      .connectedEdges()
      .map((edge) => ({ source: edge.data('source') as string, target: edge.data('target') as string }));
    const data = manualGroupData(
      id,
      nodes.map((node) => ({ id: node.id(), kind: node.data('kind') as string })),
    );
    this.actions.collapse({ group: 'nodes', data, classes: 'group', position: centre }, collapsedLinks(id, members, edges), [...members]);
    this.select(null, false);
    return true;
  }
}
