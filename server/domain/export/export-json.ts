import { defaultCredibility } from '../model.js';
import type { Citation, SourceDocument, StixBookkeeping } from '../types.js';
import type { ExportSubgraph } from './types.js';

/** Citations as the import format writes them: a credibility only when one was judged (not 6). */
const cite = (sources: Citation[]) =>
  sources.map(({ id, excerpt, credibility }) => ({
    source: id,
    excerpt,
    ...(credibility !== defaultCredibility ? { credibility } : {}),
  }));

/** Every source document the subgraph cites, once, in id order. */
export function citedSources(subgraph: ExportSubgraph): SourceDocument[] {
  const documents = new Map<string, SourceDocument>();
  for (const element of [...subgraph.entities, ...subgraph.relationships]) {
    for (const { excerpt: _excerpt, credibility: _credibility, markings: _markings, ...document } of element.sources) {
      if (!documents.has(document.id)) documents.set(document.id, document);
    }
  }
  return [...documents.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** A source as the import format writes it: reliability, origin, derivedFrom and an inferred date's fields only when stated. */
function sourceEntry({ reliability, origin, derivedFrom, publishedInferred, publishedNote, ...document }: SourceDocument) {
  return {
    ...document,
    ...(publishedInferred ? { publishedInferred } : {}),
    ...(publishedNote ? { publishedNote } : {}),
    ...(reliability ? { reliability } : {}),
    ...(origin ? { origin } : {}),
    ...(derivedFrom.length ? { derivedFrom } : {}),
  };
}

/**
 * An entity as the project's JSON format writes it, its sources and extra already in the file's form; empty
 * properties and a missing extra are left out. Also how `npm run generate` writes its entities.
 */
export function projectEntityJson(
  entity: {
    id: string;
    kind: string;
    name: string;
    aliases: readonly string[];
    description: string | null;
    date: string | null;
    properties: Record<string, string | null>;
  },
  sources: unknown,
  extra: unknown,
): Record<string, unknown> {
  return {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases: entity.aliases,
    description: entity.description,
    date: entity.date,
    properties: Object.fromEntries(Object.entries(entity.properties).filter(([, value]) => value !== null)),
    sources,
    ...(extra ? { extra } : {}),
  };
}

/** An element's STIX bookkeeping as the format writes it: only what it has, so plain project data stays plain. */
function bookkeeping(element: StixBookkeeping) {
  return {
    ...(element.created ? { created: element.created } : {}),
    ...(element.modified ? { modified: element.modified } : {}),
    ...(element.markings.length > 0 ? { markings: element.markings } : {}),
    ...(element.revoked ? { revoked: true } : {}),
    ...(element.deprecated ? { deprecated: true } : {}),
    ...(element.stixObject ? { stix: JSON.parse(element.stixObject) as unknown } : {}),
  };
}

const extraOf = (extra: string | null) => (extra ? { extra: JSON.parse(extra) as unknown } : {});

/** The project's own import format (see cypher/README.md), so an export can be imported again as it is. */
export function exportProjectJson(subgraph: ExportSubgraph): string {
  const document = {
    format: 'attribution-explorer',
    version: 1,
    sources: [...citedSources(subgraph), ...(subgraph.ancestors ?? [])].map(sourceEntry),
    entities: subgraph.entities.map((entity) => ({
      ...projectEntityJson(entity, cite(entity.sources), entity.extra ? (JSON.parse(entity.extra) as unknown) : null),
      ...(entity.externalIds.length > 0 ? { externalIds: entity.externalIds } : {}),
      ...bookkeeping(entity),
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
      ...(relationship.count !== null ? { count: relationship.count } : {}),
      ...extraOf(relationship.extra),
      ...bookkeeping(relationship),
    })),
    ...(subgraph.markings.size > 0
      ? {
          markingDefinitions: [...subgraph.markings.values()]
            .filter((marking) => marking.object)
            .map((marking) => ({ id: marking.id, object: JSON.parse(marking.object!) as unknown })),
        }
      : {}),
    ...(subgraph.withheld.entities + subgraph.withheld.relationships > 0
      ? { withheld: { tlpCeiling: subgraph.request.tlpCeiling, ...subgraph.withheld } }
      : {}),
  };
  return JSON.stringify(document, null, 2) + '\n';
}
