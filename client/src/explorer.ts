/**
 * The explorer's shared state and the operations panels call: what is on the canvas (through the
 * view and its undoable actions), the filters, the selection and the relationship types the
 * server knows. Panels subscribe to changes instead of calling one another.
 */
import { fetchNeighbourhood, fetchOverview, type RelationshipFilter } from './api/queries';
import { CanvasActions } from './graph/actions';
import { subgraphToElements, type SubgraphInput } from '../../shared/graph-elements';
import { emptyFilters, toRelationshipFilter, type FilterState } from './graph/filters';
import type { LayoutName } from './graph/layouts';
import type { AddMode, GraphView } from './graph/view';

export interface Selection {
  id: string;
  group: 'nodes' | 'edges';
}

interface ExplorerEvents {
  filters: FilterState;
  selection: Selection | null;
  types: string[];
  /** Anything that changes the URL-worthy view (focus, path ends, layout, filters). */
  url: void;
}

type Listener<T> = (value: T) => void;

export class Explorer {
  readonly actions: CanvasActions;
  filters: FilterState = emptyFilters();
  selection: Selection | null = null;
  relationshipTypes: string[] = [];
  /** Path ends, kept so the URL can reopen the path view. */
  pathEnds: { from: string; to: string } | null = null;
  private listeners: { [K in keyof ExplorerEvents]: Listener<ExplorerEvents[K]>[] } = { filters: [], selection: [], types: [], url: [] };

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
    this.emit('types', this.relationshipTypes);
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
    const present = new Set(this.view.ids('node'));
    return this.actions.add(subgraphToElements(subgraph, present), label, mode);
  }

  /**
   * Puts an entity on the canvas with its links to what is already there (not its whole
   * neighbourhood: that is what Expand is for).
   */
  async addEntity(id: string): Promise<void> {
    if (!this.view.has(id)) {
      const around = await fetchNeighbourhood({ ids: [id], depth: 1, limit: 500 });
      const present = new Set(this.view.ids('node'));
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

  /** Adds the neighbours of an entity, optionally limited to some types or the strongest links. */
  async expand(id: string, options: { types?: string[]; limit?: number } = {}): Promise<number> {
    const filter = { ...this.serverFilter(), ...(options.types ? { types: options.types } : {}) };
    const around = await fetchNeighbourhood({ ids: [id], depth: 1, filter, limit: options.limit ?? 500 });
    return this.draw(around, 'Expand').length;
  }
}
