/**
 * A canvas as a saved view holds it, as plain data: every entity's position in model coordinates (not screen
 * pixels, so any window reproduces it), which links were drawn, what was hidden, pinned and selected, the
 * filters and time settings, the groups, the layout and the viewport. `captureViewState` reads it off a Cytoscape
 * core; `parseViewState` reads one back from the server leniently (a view saved by an older build still opens).
 */
import type cytoscape from 'cytoscape';
import type { Core, Position } from 'cytoscape';
import { parseFilterState, type FilterState } from '../../../shared/canvas-filters';
import { isGroupId, type GroupData } from '../graph/groups';
import { isLayoutName, type LayoutName } from '../graph/layouts';

export interface SavedGroup {
  data: GroupData;
  position: Position;
}

export interface ViewState {
  positions: { id: string; x: number; y: number }[];
  /**
   * The links drawn: links among the view's entities added to the graph since are not drawn. Null (a state
   * written without it) draws every link among the entities.
   */
  edges: string[] | null;
  hidden: string[];
  pinned: string[];
  selection: string[];
  filters: FilterState;
  groups: SavedGroup[];
  layout: LayoutName;
  /** The part of the graph in view, in model coordinates: any window shows the same part (zoom and pan depend on its size). */
  viewport: { x1: number; y1: number; x2: number; y2: number } | null;
  captions: boolean;
}

export interface CanvasSettings {
  filters: FilterState;
  layout: LayoutName;
  captions: boolean;
}

export function captureViewState(cy: Core, settings: CanvasSettings): ViewState {
  const entities = cy
    .nodes()
    .toArray()
    .filter((node) => !isGroupId(node.id())) as cytoscape.NodeSingular[];
  return {
    positions: entities.map((node) => ({ id: node.id(), x: node.position('x'), y: node.position('y') })),
    edges: cy
      .edges()
      .filter((edge) => !isGroupId(edge.id()))
      .map((edge) => edge.id()),
    hidden: cy.elements('.hidden').map((ele) => ele.id()),
    pinned: cy.nodes('.pinned').map((node) => node.id()),
    selection: cy.elements(':selected').map((ele) => ele.id()),
    filters: settings.filters,
    groups: cy.nodes('.group').map((node) => ({ data: { ...(node.data() as GroupData) }, position: { ...node.position() } })),
    layout: settings.layout,
    viewport: (({ x1, y1, x2, y2 }) => ({ x1, y1, x2, y2 }))(cy.extent()),
    captions: settings.captions,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function parseGroup(value: unknown): SavedGroup | null {
  if (!isObject(value) || !isObject(value.data) || !isObject(value.position)) return null;
  const data = value.data as unknown as GroupData;
  const { x, y } = value.position;
  if (typeof data.id !== 'string' || !isGroupId(data.id) || !finite(x) || !finite(y)) return null;
  if (data.source !== 'hub' && data.source !== 'manual') return null;
  if (data.source === 'manual' && !Array.isArray(data.members)) return null;
  return { data, position: { x, y } };
}

/** A state from the server as the canvas can use it; what cannot be trusted is dropped, not fatal. */
export function parseViewState(value: unknown): ViewState {
  const state = isObject(value) ? value : {};
  const positions = (Array.isArray(state.positions) ? state.positions : [])
    .filter((p): p is { id: string; x: number; y: number } => isObject(p) && typeof p.id === 'string' && finite(p.x) && finite(p.y))
    .map(({ id, x, y }) => ({ id, x, y }));
  const box = isObject(state.viewport) ? state.viewport : {};
  const viewport =
    finite(box.x1) && finite(box.y1) && finite(box.x2) && finite(box.y2) && box.x2 > box.x1 && box.y2 > box.y1
      ? { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 }
      : null;
  return {
    positions,
    edges: Array.isArray(state.edges) ? strings(state.edges) : null,
    hidden: strings(state.hidden),
    pinned: strings(state.pinned),
    selection: strings(state.selection),
    filters: parseFilterState(state.filters),
    groups: (Array.isArray(state.groups) ? state.groups : []).map(parseGroup).filter((group): group is SavedGroup => group !== null),
    layout: isLayoutName(state.layout) ? state.layout : 'fcose',
    viewport,
    captions: state.captions === true,
  };
}
