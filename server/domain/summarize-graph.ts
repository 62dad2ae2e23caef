import type { Graph } from '../graph/run.js';
import { rankingConfidence, unstatedConfidenceWeight } from './confidence.js';
import { RecordBuilder } from './graph-records.js';
import { graphStats } from './graph-stats.js';
import { kindsHiddenByDefault } from './model.js';
import { checkRange } from './relationship-filter.js';
import type { EntityRecord, RelationshipRecord } from './types.js';

export const summaryLimits = { minEntities: 5, maxEntities: 200 } as const;

export interface GraphSummaryRecord {
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
  totalEntities: number;
  totalRelationships: number;
  /** Well-connected entities left out because nothing in the picture links to them. */
  unconnected: number;
}

interface CandidateLink {
  id: string;
  from: string;
  to: string;
  /** null when the source states none: ranked as an even chance (server/domain/confidence.ts). */
  confidence: number | null;
}

/**
 * A connected picture from ranked candidates: start from the best-ranked one and keep adding the best-ranked
 * candidate linked to what is already chosen, up to `limit`. Every chosen entity brings the strongest link that
 * attached it, so the picture stays connected whatever else is cut; the other links among the chosen follow,
 * strongest first, up to `maxLinks`. Pure: server/domain tests run it on hand-made graphs.
 */
export function pickConnected(
  ranked: readonly string[],
  links: readonly CandidateLink[],
  limit: number,
  maxLinks: number,
): { ids: string[]; links: string[]; /** Candidates no chain of candidate links joins to the first. */ unreached: string[] } {
  if (ranked.length === 0) return { ids: [], links: [], unreached: [] };
  const rank = new Map(ranked.map((id, i) => [id, i]));
  const around = new Map<string, CandidateLink[]>();
  for (const link of links) {
    if (link.from === link.to || !rank.has(link.from) || !rank.has(link.to)) continue;
    for (const end of [link.from, link.to]) around.set(end, [...(around.get(end) ?? []), link]);
  }
  const chosen = new Set<string>([ranked[0]]);
  const spanning = new Set<string>();
  // For each candidate next to the picture: the strongest link that joins it.
  const joining = new Map<string, CandidateLink>();
  const reach = (id: string) => {
    for (const link of around.get(id) ?? []) {
      const other = link.from === id ? link.to : link.from;
      if (chosen.has(other)) continue;
      const best = joining.get(other);
      if (!best || rankingConfidence(link.confidence) > rankingConfidence(best.confidence)) joining.set(other, link);
    }
  };
  reach(ranked[0]);
  while (chosen.size < limit && joining.size > 0) {
    let next: string | null = null;
    for (const id of joining.keys()) if (next === null || rank.get(id)! < rank.get(next)!) next = id;
    chosen.add(next!);
    spanning.add(joining.get(next!)!.id);
    joining.delete(next!);
    reach(next!);
  }
  const among = links
    .filter((link) => chosen.has(link.from) && chosen.has(link.to) && !spanning.has(link.id))
    .sort((a, b) => rankingConfidence(b.confidence) - rankingConfidence(a.confidence) || (a.id < b.id ? -1 : 1));
  const kept = [...spanning, ...among.slice(0, Math.max(0, maxLinks - spanning.size)).map((link) => link.id)];
  // Candidates no link path joins to the picture at all (not merely cut by the limit).
  const component = new Set([ranked[0]]);
  for (const queue = [ranked[0]]; queue.length > 0;) {
    const id = queue.pop()!;
    for (const link of around.get(id) ?? []) {
      const other = link.from === id ? link.to : link.from;
      if (!component.has(other)) {
        component.add(other);
        queue.push(other);
      }
    }
  }
  return { ids: ranked.filter((id) => chosen.has(id)), links: kept, unreached: ranked.filter((id) => !component.has(id)) };
}

/**
 * A first view of a graph too big to draw whole: its most connected entities, the entities linking two or more
 * of them, and the newest entities linked to them, as one connected picture of at most `limit` entities with
 * the links among them (summary fields), and the graph's totals so the client can say what it leaves out. Revoked,
 * deprecated and hidden-by-default kinds (generic STIX objects) are left out, as from the other first view.
 */
export async function summarizeGraph(graph: Graph, limit: number): Promise<GraphSummaryRecord> {
  checkRange(limit, 'limit', summaryLimits.minEntities, summaryLimits.maxEntities);
  const [row] = await graph.read('graph/find-summary', {
    hubs: Math.max(10, Math.ceil(limit / 2)),
    bridges: limit * 2,
    recent: Math.max(3, Math.ceil(limit / 6)),
    recentScan: 2_000,
    linkLimit: limit * 20,
    hiddenKinds: kindsHiddenByDefault,
    unstatedConfidence: unstatedConfidenceWeight,
  });
  const stats = await graphStats(graph);
  const hubIds = row.hubs.map((hub) => hub.entity.id);
  // Hubs first (most connected first), then what links them (most hubs first), then the newest entities.
  const ranked = [...new Set([...hubIds, ...row.bridges.map((bridge) => bridge.entity.id), ...row.recent.map((entity) => entity.id)])];
  const picked = pickConnected(ranked, row.rels, limit, limit * 4);
  const builder = new RecordBuilder();
  const all = new Map(
    builder
      .entityList([...row.hubs.map((hub) => hub.entity), ...row.bridges.map((bridge) => bridge.entity), ...row.recent])
      .map((e) => [e.id, e]),
  );
  const keptLinks = new Set(picked.links);
  return {
    entities: picked.ids.map((id) => all.get(id)!),
    relationships: builder.relationshipList(row.rels.filter((rel) => keptLinks.has(rel.id))),
    totalEntities: stats.entities,
    totalRelationships: stats.relationships,
    unconnected: picked.unreached.filter((id) => hubIds.includes(id)).length,
  };
}
