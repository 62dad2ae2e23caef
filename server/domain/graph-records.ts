import type { EntityMap, MaybeVanished, RelationshipMap, SourceMap } from '../graph/statements.js';
import { defaultCredibility, kindProperties } from './model.js';
import type { Citation, EntityRecord, RelationshipRecord, SourceDocument, StixBookkeeping } from './types.js';

/**
 * Whether a map is an element at all. Neo4j reads committed data as a query goes, so an entity or
 * relationship deleted by another transaction meanwhile (a retraction, say) arrives as an empty map.
 */
export function isPresent<T extends { id: string }>(map: MaybeVanished<T> | null | undefined): map is T {
  return map?.id != null;
}

/** A relationship touching an entity, with the entity at its other end. */
export interface EntityLink {
  relationship: RelationshipRecord;
  other: EntityRecord;
}

/** A Source node's map as the domain's record (evidence fields as stored: null means not stated). */
export function toSourceDocument(source: SourceMap): SourceDocument {
  return {
    id: source.id,
    title: source.title ?? source.id,
    publisher: source.publisher ?? null,
    url: source.url ?? null,
    published: source.published ?? null,
    publishedInferred: source.publishedInferred === true,
    publishedNote: source.publishedNote ?? null,
    reliability: source.reliability ?? null,
    origin: source.origin ?? null,
    derivedFrom: source.derivedFrom ?? [],
  };
}

export class SourceIndex {
  private readonly byId = new Map<string, SourceDocument>();
  constructor(sources: readonly SourceMap[] = []) {
    for (const source of sources) this.byId.set(source.id, toSourceDocument(source));
  }
  /**
   * Pairs each cited source id with its excerpt and credibility (6 where none was stored); a source missing
   * from the graph still shows its id. The citations carry the markings of the element citing them, which
   * govern the excerpt too.
   */
  cite(
    sourceIds: readonly string[] | null | undefined,
    excerpts: readonly string[] | null | undefined,
    credibilities?: readonly number[] | null,
    markings: string[] = [],
  ): Citation[] {
    const texts = excerpts ?? [];
    return (sourceIds ?? []).map((id, index) => ({
      ...(this.byId.get(id) ?? toSourceDocument({ id })),
      excerpt: texts[index] ? texts[index] : null,
      credibility: credibilities?.[index] ?? defaultCredibility,
      markings,
    }));
  }
}

/** STIX bookkeeping of a node's or relationship's map, with the defaults of an element that predates it. */
function bookkeeping(map: EntityMap | RelationshipMap): StixBookkeeping {
  return {
    stixObject: map.stixObject ?? null,
    created: map.created ?? null,
    modified: map.modified ?? null,
    markings: map.markingRefs ?? [],
    revoked: map.revoked === true,
    deprecated: map.deprecated === true,
  };
}

export function toEntityRecord(map: EntityMap, sources: SourceIndex): EntityRecord {
  const properties: Record<string, string | null> = {};
  for (const key of kindProperties[map.kind] ?? []) {
    const value = map[key];
    properties[key] = typeof value === 'string' ? value : null;
  }
  const stix = bookkeeping(map);
  return {
    ...stix,
    id: map.id,
    kind: map.kind,
    name: map.name,
    aliases: map.aliases ?? [],
    description: map.description ?? null,
    date: map.date ?? null,
    properties,
    sources: sources.cite(map.sourceIds, map.excerpts, map.credibilities, stix.markings),
    extra: map.extra ?? null,
    externalIds: map.externalIds ?? [],
    recordedAt: map.createdAt ?? null,
    ...(map.knownSince !== undefined ? { knownSince: map.knownSince } : {}),
  };
}

/** Builds entity and relationship records from one query's rows, sharing entity objects by id. */
export class RecordBuilder {
  readonly sources: SourceIndex;
  private readonly entities = new Map<string, EntityRecord>();

  constructor(sources: readonly SourceMap[] = [], disputing: readonly MaybeVanished<EntityMap>[] = []) {
    this.sources = new SourceIndex(sources);
    for (const map of disputing) if (isPresent(map)) this.entity(map);
  }

  /** The entities of a list of maps, leaving out any deleted while the query ran. */
  entityList(maps: readonly MaybeVanished<EntityMap>[] = []): EntityRecord[] {
    return maps.filter(isPresent).map((map) => this.entity(map));
  }

  /** The relationships of a list of maps (ends built first), leaving out any deleted, or left without an end, meanwhile. */
  relationshipList(maps: readonly MaybeVanished<RelationshipMap>[] = []): RelationshipRecord[] {
    return maps
      .filter((map): map is RelationshipMap => isPresent(map) && this.entities.has(map.from) && this.entities.has(map.to))
      .map((map) => this.relationship(map));
  }

  entity(map: EntityMap): EntityRecord {
    let record = this.entities.get(map.id);
    if (!record) {
      record = toEntityRecord(map, this.sources);
      this.entities.set(map.id, record);
    }
    return record;
  }

  known(id: string): EntityRecord | undefined {
    return this.entities.get(id);
  }

  /** Needs both ends already built (via `entity`). */
  relationship(map: RelationshipMap): RelationshipRecord {
    const from = this.entities.get(map.from);
    const to = this.entities.get(map.to);
    if (!from || !to) throw new Error(`relationship ${map.id} arrived without its ends`);
    const stix = bookkeeping(map);
    return {
      ...stix,
      id: map.id,
      type: map.type,
      from,
      to,
      stance: map.stance,
      confidence: map.confidence ?? null,
      since: map.since ?? null,
      until: map.until ?? null,
      description: map.description ?? null,
      sources: this.sources.cite(map.sourceIds, map.excerpts, map.credibilities, stix.markings),
      disputedBy: (map.disputedBy ?? []).map((id) => this.entities.get(id)).filter((entity): entity is EntityRecord => Boolean(entity)),
      recordedAt: map.createdAt ?? null,
      ...(map.knownSince !== undefined ? { knownSince: map.knownSince } : {}),
      count: map.count ?? null,
      extra: map.extra ?? null,
    };
  }

  /** `links` rows of find-entity-links: {rel, other} around an entity already built. */
  links(links: readonly { rel: MaybeVanished<RelationshipMap>; other: MaybeVanished<EntityMap> }[] = []): EntityLink[] {
    return links.flatMap(({ rel, other }) => {
      if (!isPresent(rel) || !isPresent(other)) return [];
      const otherRecord = this.entity(other);
      return [{ relationship: this.relationship(rel), other: otherRecord }];
    });
  }
}
