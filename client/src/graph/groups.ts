/**
 * Group nodes, as plain data: a hub's neighbours of one kind over one relationship type and direction ("312
 * incidents targeted"), which page in on demand, and groups the analyst makes by collapsing a selection. Pure, so
 * the labels, ids and the links a collapsed group keeps are unit-tested headless.
 */
import type { ElementDefinition, Position } from 'cytoscape';
import { isEntityKind, kindDefinitions, relationshipLabel } from '../../../shared/vocabulary';

/** How many neighbours a group adds per page. */
export const groupPageSize = 25;

/** How many neighbours of one group "Add them all" adds: the server's largest page (neighbourPageLimits.maxLimit). */
export const expandPageLimit = 500;

/** One way a neighbour is linked to its hub: a relationship type and direction. */
export interface NeighbourWay {
  type: string;
  direction: string;
}

/**
 * How many distinct neighbours are linked in at least one of the chosen ways, from the server's overlaps (each a set
 * of ways and how many neighbours have exactly that set). Adding up per-way counts would count a neighbour linked in
 * two chosen ways twice ("1,162 neighbours" for 1,087).
 */
export function neighboursReachedBy(
  overlaps: readonly { ways: readonly NeighbourWay[]; count: number }[],
  chosen: (way: NeighbourWay) => boolean,
): number {
  return overlaps.reduce((sum, overlap) => sum + (overlap.ways.some(chosen) ? overlap.count : 0), 0);
}

export interface HubGroupData {
  id: string;
  source: 'hub';
  hub: string;
  type: string;
  direction: 'OUT' | 'IN';
  kind: string;
  /** Neighbours of the group not on the canvas. */
  count: number;
  label: string;
  size: number;
  color: string;
  hint: string;
}

export interface ManualGroupData {
  id: string;
  source: 'manual';
  members: string[];
  label: string;
  size: number;
  color: string;
  hint: string;
}

export type GroupData = HubGroupData | ManualGroupData;

/** "incidents", "people", "vulnerabilities", "malware". */
export function kindPlural(kind: string, count: number): string {
  const label = (isEntityKind(kind) ? kindDefinitions[kind].label : kind).toLowerCase();
  if (count === 1 || label === 'malware') return label;
  if (label === 'person') return 'people';
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  return `${label}s`;
}

export const hubGroupId = (hub: string, type: string, direction: string, kind: string) => `group:${hub}:${type}:${direction}:${kind}`;

/** "312 incidents targeted" (they link to the hub) or "targeted 12 organizations" (the hub links to them). */
export function hubGroupLabel(count: number, type: string, direction: 'OUT' | 'IN', kind: string): string {
  const things = `${count.toLocaleString('en')} ${kindPlural(kind, count)}`;
  return direction === 'IN' ? `${things} ${relationshipLabel(type)}` : `${relationshipLabel(type)} ${things}`;
}

/** Bigger groups draw bigger, gently: 44 px for one member, about 74 px for a thousand. */
export const groupSize = (count: number) => Math.round(44 + 10 * Math.log10(Math.max(1, count)));

const colorOf = (kind: string) => (isEntityKind(kind) ? kindDefinitions[kind].color : '#8D98AC');

export function hubGroupData(hub: string, group: { type: string; direction: string; kind: string; count: number }): HubGroupData {
  const direction = group.direction === 'OUT' ? 'OUT' : 'IN';
  return {
    id: hubGroupId(hub, group.type, direction, group.kind),
    source: 'hub',
    hub,
    type: group.type,
    direction,
    kind: group.kind,
    count: group.count,
    label: hubGroupLabel(group.count, group.type, direction, group.kind),
    size: groupSize(group.count),
    color: colorOf(group.kind),
    hint: `Not on the canvas yet. Double-click (or Enter) adds the next ${Math.min(groupPageSize, group.count)}, strongest first; right-click for newest first or all.`,
  };
}

/** The link that ties a hub group to its hub, in the group's direction. */
export function hubGroupLink(data: HubGroupData): ElementDefinition {
  return {
    group: 'edges',
    data: {
      id: `${data.id}:link`,
      source: data.direction === 'OUT' ? data.hub : data.id,
      target: data.direction === 'OUT' ? data.id : data.hub,
      label: relationshipLabel(data.type),
      type: data.type,
    },
    classes: 'group-link',
  };
}

/** The group nodes of a hub on a ring around it, each tied to the hub by a link in the group's direction. */
export function hubGroupElements(
  hub: string,
  groups: readonly { type: string; direction: string; kind: string; count: number }[],
  at: Position,
): ElementDefinition[] {
  const radius = 150 + 14 * groups.length;
  return groups.flatMap((group, i) => {
    const data = hubGroupData(hub, group);
    const angle = (i / Math.max(1, groups.length)) * 2 * Math.PI - Math.PI / 2;
    return [
      {
        group: 'nodes' as const,
        data,
        classes: 'group',
        position: { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) },
      },
      hubGroupLink(data),
    ];
  });
}

/** A hub group's data once some of it is on the canvas: `remaining` still out there. */
export function shrinkHubGroup(data: HubGroupData, remaining: number): HubGroupData {
  return { ...hubGroupData(data.hub, { ...data, count: remaining }), id: data.id };
}

/** "5 incidents" when all members are of one kind, "7 entities" otherwise. */
export function manualGroupLabel(kinds: readonly string[]): string {
  const distinct = new Set(kinds);
  return distinct.size === 1 ? `${kinds.length} ${kindPlural([...distinct][0], kinds.length)}` : `${kinds.length} entities`;
}

export function manualGroupData(id: string, members: readonly { id: string; kind: string }[]): ManualGroupData {
  const kinds = members.map((member) => member.kind);
  const distinct = new Set(kinds);
  return {
    id,
    source: 'manual',
    members: members.map((member) => member.id),
    label: manualGroupLabel(kinds),
    size: groupSize(members.length),
    color: distinct.size === 1 ? colorOf(kinds[0]) : '#BBBBBB',
    hint: 'A group you made. Double-click (or Enter) opens it again.',
  };
}

/**
 * The links a collapsed group keeps to the rest of the canvas: one per outside node, labelled with how many links
 * it stands for, pointing the way most of them point.
 */
export function collapsedLinks(
  groupId: string,
  members: ReadonlySet<string>,
  edges: readonly { source: string; target: string }[],
): ElementDefinition[] {
  const byOther = new Map<string, { out: number; in: number }>();
  for (const edge of edges) {
    const fromInside = members.has(edge.source);
    const toInside = members.has(edge.target);
    if (fromInside === toInside) continue;
    const other = fromInside ? edge.target : edge.source;
    const tally = byOther.get(other) ?? { out: 0, in: 0 };
    if (fromInside) tally.out += 1;
    else tally.in += 1;
    byOther.set(other, tally);
  }
  return [...byOther].map(([other, tally]) => {
    const total = tally.out + tally.in;
    const outward = tally.out >= tally.in;
    return {
      group: 'edges' as const,
      data: {
        id: `${groupId}:to:${other}`,
        source: outward ? groupId : other,
        target: outward ? other : groupId,
        label: `${total} link${total === 1 ? '' : 's'}`,
      },
      classes: 'group-link',
    };
  });
}

export const isGroupId = (id: string) => id.startsWith('group:');
