/**
 * A saved view as an export: its entities (not hidden, not folded into a group the analyst made), the links it drew,
 * its filters applied as the canvas applies them (shared/canvas-filters.ts), and the analyst's arrangement: every
 * entity at its saved position and the view's group nodes, so pictures and reports show what the team sees at
 * /v/<id> instead of a new layout.
 */
import { edgePasses, nodePasses, parseFilterState, type FilterState } from '../../../shared/canvas-filters.js';
import type { TlpLevel } from '../../../shared/markings.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import type { RelationshipFilterInput } from '../types.js';
import { knownSinceOf } from '../knowledge-time.js';
import { findView } from '../views.js';
import { collectSubgraph } from './collect-subgraph.js';
import type { Point, SubgraphLayout } from './layout-subgraph.js';
import type { ExportSubgraph } from './types.js';

/** The most entities a view export takes (a report of more is summarised, with every entity in its appendix). */
export const viewExportLimit = 20_000;

/** A group node of the view: a hub's neighbours not drawn, or entities the analyst folded together. */
export interface PictureGroup {
  id: string;
  label: string;
  at: Point;
  /** The entity it hangs from (a hub group), drawn as a link to it. */
  hub: string | null;
}

export interface ViewExport {
  title: string;
  subgraph: ExportSubgraph;
  layout: SubgraphLayout;
  groups: PictureGroup[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The server-side relationship filter that fetches no more than the view's own filters let through. */
function serverFilter(filters: FilterState): RelationshipFilterInput | null {
  const filter: RelationshipFilterInput = {
    types: null,
    minConfidence: filters.minConfidence > 0 ? filters.minConfidence : null,
    stances: null,
    asOf: filters.asOf,
    knownAsOf: filters.knownAsOf,
    includeUndated: filters.includeUndated,
  };
  return filter.minConfidence !== null || filter.asOf !== null || filter.knownAsOf !== null ? filter : null;
}

function parseGroups(value: unknown): { groups: PictureGroup[]; folded: Set<string> } {
  const groups: PictureGroup[] = [];
  const folded = new Set<string>();
  for (const group of Array.isArray(value) ? value : []) {
    if (!isObject(group) || !isObject(group.data) || !isObject(group.position)) continue;
    const { x, y } = group.position;
    const { id, label, source, hub, members } = group.data;
    if (typeof id !== 'string' || typeof label !== 'string' || !finite(x) || !finite(y)) continue;
    if (source === 'manual') for (const member of strings(members)) folded.add(member);
    groups.push({ id, label, at: { x, y }, hub: source === 'hub' && typeof hub === 'string' ? hub : null });
  }
  return { groups, folded };
}

/** A saved view as an export; with a TLP ceiling, what is marked above it is withheld as in any other export. */
export async function collectViewExport(
  graph: Graph,
  viewId: string,
  exportedOn: string,
  tlpCeiling: TlpLevel | null = null,
): Promise<ViewExport> {
  const view = await findView(graph, viewId);
  if (!view) throw new NotFoundError(`No saved view with id "${viewId}".`);
  const state = await view.state();
  if (!isObject(state)) throw new NotFoundError(`The view "${viewId}" has no state.`);
  const hidden = new Set(strings(state.hidden));
  const { groups, folded } = parseGroups(state.groups);
  const positions = new Map<string, Point>();
  for (const position of Array.isArray(state.positions) ? state.positions : []) {
    if (!isObject(position) || typeof position.id !== 'string' || !finite(position.x) || !finite(position.y)) continue;
    if (hidden.has(position.id) || folded.has(position.id)) continue;
    positions.set(position.id, { x: position.x, y: position.y });
  }
  if (positions.size === 0) throw new BadUserInputError(`The view "${view.title}" shows no entity to export.`);
  if (positions.size > viewExportLimit) {
    throw new BadUserInputError(`The view "${view.title}" holds ${positions.size} entities; an export takes at most ${viewExportLimit}.`);
  }
  const filters = parseFilterState(state.filters);
  const drawn = Array.isArray(state.edges) ? new Set(strings(state.edges)) : null;
  const collected = await collectSubgraph(
    graph,
    { ids: [...positions.keys()], depth: 0, filter: serverFilter(filters), exportedOn, tlpCeiling, missing: 'skip' },
    viewExportLimit,
  );
  // As the canvas shows it: entities its filters let through, and the links it drew between two of them.
  const shown = new Set(
    collected.entities
      .filter((entity) => positions.has(entity.id) && nodePasses({ ...entity, knownSince: knownSinceOf(entity) }, filters))
      .map((entity) => entity.id),
  );
  let relationships = collected.relationships.filter(
    (rel) =>
      shown.has(rel.from.id) &&
      shown.has(rel.to.id) &&
      (!drawn || drawn.has(rel.id)) &&
      edgePasses({ ...rel, knownSince: knownSinceOf(rel) }, filters),
  );
  if (filters.hideOrphans) {
    const linked = new Set(relationships.flatMap((rel) => [rel.from.id, rel.to.id]));
    for (const id of [...shown]) if (!linked.has(id)) shown.delete(id);
    relationships = relationships.filter((rel) => shown.has(rel.from.id) && shown.has(rel.to.id));
  }
  const entities = collected.entities.filter((entity) => shown.has(entity.id));
  const placed = new Map([...positions].filter(([id]) => shown.has(id)));
  const points = [...placed.values(), ...groups.map((group) => group.at)];
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  return {
    title: view.title,
    // The entities the view has selected stand out in its pictures, as the analyst's chosen ones do in other exports.
    subgraph: {
      ...collected,
      entities,
      relationships,
      request: { ...collected.request, ids: strings(state.selection).filter((id) => shown.has(id)) },
    },
    layout: { positions: placed, box: { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) } },
    groups: groups.filter((group) => !group.hub || shown.has(group.hub)),
  };
}
