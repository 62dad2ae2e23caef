import type { Citation } from '../types.js';
import type { ExportSubgraph } from './types.js';

const cite = (sources: Citation[]) => sources.map((source) => ({ source: source.id, excerpt: source.excerpt }));

/** Every source document the subgraph cites, once, in id order. */
export function citedSources(subgraph: ExportSubgraph): Omit<Citation, 'excerpt'>[] {
  const documents = new Map<string, Omit<Citation, 'excerpt'>>();
  for (const element of [...subgraph.entities, ...subgraph.relationships]) {
    for (const { excerpt: _excerpt, ...document } of element.sources) if (!documents.has(document.id)) documents.set(document.id, document);
  }
  return [...documents.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The project's own import format (see cypher/README.md), so an export can be imported again as it is. */
export function exportProjectJson(subgraph: ExportSubgraph): string {
  const document = {
    format: 'attribution-explorer',
    version: 1,
    sources: citedSources(subgraph),
    entities: subgraph.entities.map((entity) => ({
      id: entity.id,
      kind: entity.kind,
      name: entity.name,
      aliases: entity.aliases,
      description: entity.description,
      date: entity.date,
      properties: Object.fromEntries(Object.entries(entity.properties).filter(([, value]) => value !== null)),
      sources: cite(entity.sources),
      ...(entity.extra ? { extra: JSON.parse(entity.extra) as unknown } : {}),
    })),
    relationships: subgraph.relationships.map((relationship) => ({
      id: relationship.id,
      type: relationship.type,
      from: relationship.from.id,
      to: relationship.to.id,
      stance: relationship.stance,
      confidence: relationship.confidence,
      since: relationship.since,
      until: relationship.until,
      description: relationship.description,
      sources: cite(relationship.sources),
      disputedBy: relationship.disputedBy.map((entity) => entity.id),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}
