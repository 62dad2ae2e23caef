import type { EntityKindName, StanceName } from './model.js';
import { kindProperties } from './model.js';
import type { Citation, EntityRecord, RelationshipRecord, SourceDocument } from './types.js';

/** Raw maps as the Cypher files return them (after graph/records.ts made them plain). */
export type RawMap = Record<string, unknown>;

/**
 * Whether a raw map is an element at all. Neo4j reads committed data as a query goes, so an entity or
 * relationship deleted by another transaction meanwhile (a retraction, say) arrives as an empty map.
 */
export function isPresent(raw: unknown): raw is RawMap {
  return typeof raw === 'object' && raw !== null && (raw as RawMap).id != null;
}

/** A relationship touching an entity, with the entity at its other end. */
export interface EntityLink {
  relationship: RelationshipRecord;
  other: EntityRecord;
}

export class SourceIndex {
  private readonly byId = new Map<string, SourceDocument>();
  constructor(rows: unknown) {
    for (const row of (rows ?? []) as RawMap[]) {
      this.byId.set(String(row.id), {
        id: String(row.id),
        title: String(row.title ?? row.id),
        publisher: (row.publisher as string) ?? null,
        url: (row.url as string) ?? null,
        published: (row.published as string) ?? null,
      });
    }
  }
  /** Pairs each cited source id with its excerpt; a source missing from the graph still shows its id. */
  cite(sourceIds: unknown, excerpts: unknown): Citation[] {
    const ids = (sourceIds ?? []) as string[];
    const texts = (excerpts ?? []) as string[];
    return ids.map((id, index) => ({
      ...(this.byId.get(id) ?? { id, title: id, publisher: null, url: null, published: null }),
      excerpt: texts[index] ? texts[index] : null,
    }));
  }
}

export function toEntityRecord(raw: RawMap, sources: SourceIndex): EntityRecord {
  const kind = raw.kind as EntityKindName;
  const properties: Record<string, string | null> = {};
  for (const key of kindProperties[kind] ?? []) properties[key] = raw[key] == null ? null : String(raw[key]);
  return {
    id: String(raw.id),
    kind,
    name: String(raw.name),
    aliases: (raw.aliases as string[]) ?? [],
    description: (raw.description as string) ?? null,
    date: (raw.date as string) ?? null,
    properties,
    sources: sources.cite(raw.sourceIds, raw.excerpts),
    extra: (raw.extra as string) ?? null,
  };
}

/** Builds entity and relationship records from one query's rows, sharing entity objects by id. */
export class RecordBuilder {
  readonly sources: SourceIndex;
  private readonly entities = new Map<string, EntityRecord>();

  constructor(sourceRows: unknown, disputingRows: unknown = []) {
    this.sources = new SourceIndex(sourceRows);
    for (const raw of (disputingRows ?? []) as RawMap[]) if (isPresent(raw)) this.entity(raw);
  }

  /** The entities of a list of raw maps, leaving out any deleted while the query ran. */
  entityList(rows: unknown): EntityRecord[] {
    return ((rows ?? []) as unknown[]).filter(isPresent).map((raw) => this.entity(raw));
  }

  /** The relationships of a list of raw maps (ends built first), leaving out any deleted, or left without an end, meanwhile. */
  relationshipList(rows: unknown): RelationshipRecord[] {
    return ((rows ?? []) as unknown[])
      .filter((raw): raw is RawMap => isPresent(raw) && this.entities.has(String(raw.from)) && this.entities.has(String(raw.to)))
      .map((raw) => this.relationship(raw));
  }

  entity(raw: RawMap): EntityRecord {
    const id = String(raw.id);
    let record = this.entities.get(id);
    if (!record) {
      record = toEntityRecord(raw, this.sources);
      this.entities.set(id, record);
    }
    return record;
  }

  known(id: string): EntityRecord | undefined {
    return this.entities.get(id);
  }

  /** Needs both ends already built (via `entity`). */
  relationship(raw: RawMap): RelationshipRecord {
    const from = this.entities.get(String(raw.from));
    const to = this.entities.get(String(raw.to));
    if (!from || !to) throw new Error(`relationship ${String(raw.id)} arrived without its ends`);
    return {
      id: String(raw.id),
      type: String(raw.type),
      from,
      to,
      stance: raw.stance as StanceName,
      confidence: Number(raw.confidence ?? 0),
      since: (raw.since as string) ?? null,
      until: (raw.until as string) ?? null,
      description: (raw.description as string) ?? null,
      sources: this.sources.cite(raw.sourceIds, raw.excerpts),
      disputedBy: ((raw.disputedBy ?? []) as string[])
        .map((id) => this.entities.get(id))
        .filter((entity): entity is EntityRecord => Boolean(entity)),
    };
  }

  /** `links` rows of find-entity / find-entity-links: {rel, other} around an entity already built. */
  links(rows: unknown): EntityLink[] {
    return ((rows ?? []) as { rel: RawMap; other: RawMap }[])
      .filter(({ rel, other }) => isPresent(rel) && isPresent(other))
      .map(({ rel, other }) => {
        const otherRecord = this.entity(other);
        return { relationship: this.relationship(rel), other: otherRecord };
      });
  }
}
