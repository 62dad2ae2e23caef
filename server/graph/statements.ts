/**
 * Every named Cypher statement with its parameters, its row type and its result columns, in one place. The
 * executor (run.ts) takes a name from here and returns rows of that type, so the domain neither casts nor
 * re-coerces what comes back: values arrive as records.ts made them (Integers as numbers, dates as ISO
 * strings). The Cypher catalog test checks each entry against its file: the file exists, and EXPLAIN reports
 * exactly these columns.
 */
import type { EntityKindName, ReliabilityGrade, RelationshipTypeName, StanceName } from '../../shared/vocabulary.js';
import type { CypherSlots } from './cypher.js';
import type { Neo4jDate } from './records.js';

/**
 * An entity node's properties (`n {.*}`): the common ones, kind-specific ones such as `aim` or `firstSeen`,
 * and the index helpers (`nameLower`, ...). All are strings or lists of strings once made plain.
 */
export interface EntityMap {
  id: string;
  kind: EntityKindName;
  name: string;
  aliases?: string[] | null;
  description?: string | null;
  date?: string | null;
  sourceIds?: string[] | null;
  excerpts?: string[] | null;
  /** Admiralty credibility (1-6) of each citation, parallel to sourceIds; absent on data written before it existed. */
  credibilities?: number[] | null;
  /** Custom import properties as a JSON object string. */
  extra?: string | null;
  stixObject?: string | null;
  stixType?: string | null;
  created?: string | null;
  modified?: string | null;
  markingRefs?: string[] | null;
  externalIds?: string[] | null;
  revoked?: boolean | null;
  deprecated?: boolean | null;
  /** When the entity was recorded here (ISO date-time). */
  createdAt?: string | null;
  /** Knowledge time (YYYY-MM-DD), where a statement computes it (fragments/known-since); null when undated. */
  knownSince?: string | null;
  [property: string]: string | string[] | number[] | boolean | null | undefined;
}

/** What every relationship has: its id, type, ends (by entity id), stance and confidence. */
interface RelationshipCore {
  id: string;
  type: RelationshipTypeName;
  from: string;
  to: string;
  stance: StanceName;
  /** Null when the source states none. */
  confidence: number | null;
}

/** A relationship's properties with its type and the ids of its ends (`r {.*, type: type(r), from: ..., to: ...}`). */
export interface RelationshipMap extends RelationshipCore {
  since?: string | null;
  until?: string | null;
  description?: string | null;
  sourceIds?: string[] | null;
  excerpts?: string[] | null;
  credibilities?: number[] | null;
  disputedBy?: string[] | null;
  extra?: string | null;
  count?: number | null;
  stixObject?: string | null;
  created?: string | null;
  modified?: string | null;
  markingRefs?: string[] | null;
  revoked?: boolean | null;
  deprecated?: boolean | null;
  /** When the link was first written here (ISO date-time); absent on links loaded by other means. */
  createdAt?: string | null;
  /** Knowledge time (YYYY-MM-DD), where a statement computes it (fragments/known-since); null when undated. */
  knownSince?: string | null;
}

/** A `Source` node's properties. */
export interface SourceMap {
  id: string;
  title?: string | null;
  publisher?: string | null;
  url?: string | null;
  published?: string | null;
  publishedInferred?: boolean | null;
  publishedNote?: string | null;
  reliability?: ReliabilityGrade | null;
  origin?: string | null;
  derivedFrom?: string[] | null;
}

/**
 * What a map projection of a node or relationship gives when another transaction deleted it while the query
 * ran (Neo4j reads committed data as it goes): an empty map. `isPresent` in the domain tells the two apart.
 */
export interface Vanished {
  id?: null;
}
export type MaybeVanished<T> = T | Vanished;

/**
 * The relationship filter as parameters: absent lists are null, meaning "any"; asOf is YYYY-MM-DD or null;
 * excludedSources are the what-if's source ids (origins already resolved to their sources), null for none.
 */
export interface RelationshipFilterParams {
  types: string[] | null;
  minConfidence: number;
  stances: StanceName[] | null;
  asOf: string | null;
  excludedSources: string[] | null;
  /** Also follow revoked and deprecated links, and links touching revoked or deprecated entities. */
  includeRetired: boolean;
  /** How a link without a stated confidence ranks where a statement orders by confidence (server/domain/confidence.ts). */
  unstatedConfidence: number;
  /** Knowledge time, YYYY-MM-DD or null; includeUndated keeps links with no known date when it is set. */
  knownAsOf: string | null;
  includeUndated: boolean;
}

/** A Marking node: a marking definition other than the predefined TLP ones. */
export interface MarkingMap {
  id: string;
  /** The marking-definition object as JSON. */
  object?: string | null;
  name?: string | null;
  statement?: string | null;
}

/**
 * A set of ids as a Cypher map parameter (id -> true): `$set[o.id] IS NULL` tests membership in constant time,
 * where `o.id IN $list` would compare with every id of a long list.
 */
export type IdSet = Record<string, true>;
/** What the path search reads links with (graph/expand-for-paths): the filter, and the profile's rules. */
export type PathLinkParams = Omit<RelationshipFilterParams, 'stances'> & {
  stances: StanceName[];
  ends: number[];
  endsOnlyTypes: string[];
  typeCodes: Record<string, number>;
  stanceCodes: Record<string, number>;
};

/**
 * How the path search's expansion is spliced (graph/expand-for-paths): the followed types split into those a path
 * may pass along and those it follows only at its ends, and which tests of the link filter say something.
 */
export interface PathExpansionSlots {
  [slot: string]: boolean | readonly RelationshipTypeName[];
  throughTypes: RelationshipTypeName[];
  endTypes: RelationshipTypeName[];
  /** The filter's own type test: the search leaves it out (its patterns make it); a reference reading keeps it. */
  types: boolean;
  asOf: boolean;
  excludedSources: boolean;
  knownAsOf: boolean;
}

/** An element as an audit snapshot keeps it: whatever properties it has. */
export type PropertySnapshot = { id: string } & Record<string, unknown>;

export interface AuditEventMap {
  id: string;
  at: string;
  actor: string;
  action: string;
  subjectId: string;
  subjectType: string;
  reason: string | null;
  before: string | null;
  after: string | null;
}

export interface SourceWrite {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: Neo4jDate | null;
  /** True, or null (the property removed) when the date is not inferred. */
  publishedInferred: true | null;
  publishedNote: string | null;
  reliability: ReliabilityGrade | null;
  origin: string | null;
  derivedFrom: string[];
  fingerprint: string;
}

export interface EntityWrite {
  id: string;
  /** The kind's label, from the vocabulary's whitelist (a dynamic label in the statement). */
  label: string;
  kind: EntityKindName;
  name: string;
  nameLower: string;
  aliases: string[];
  aliasLower: string;
  aliasText: string;
  description: string | null;
  date: Neo4jDate | null;
  properties: Record<string, string | Neo4jDate | null>;
  sourceIds: string[];
  excerpts: string[];
  credibilities: number[];
  extra: string | null;
  stixObject: string | null;
  stixType: string;
  created: string | null;
  modified: string | null;
  markingRefs: string[];
  externalIds: string[];
  externalIdLower: string;
  revoked: boolean;
  deprecated: boolean;
  /** Revoked or deprecated: the entity carries the label Retired. */
  retired: boolean;
  bundleModified: string | null;
  fingerprint: string;
}

/** A relationship as the import writes it; its type comes from the vocabulary's whitelist (a dynamic type). */
export interface RelationshipWrite extends RelationshipCore {
  since: Neo4jDate | null;
  until: Neo4jDate | null;
  description: string | null;
  sourceIds: string[];
  excerpts: string[];
  credibilities: number[];
  disputedBy: string[];
  extra: string | null;
  count: number | null;
  stixObject: string | null;
  created: string | null;
  modified: string | null;
  markingRefs: string[];
  revoked: boolean;
  deprecated: boolean;
  bundleModified: string | null;
  fingerprint: string;
}

/** A relationship as a merge reads it, with the ids of parallel links folded into it by earlier merges. */
export type LinkWithMergeIds = RelationshipMap & { absorbedIds?: string[] | null };

/** A merge or deletion as recorded (`MergeRecord` node). */
export interface MergeRecordMap {
  id: string;
  kind: 'MERGE' | 'DELETE';
  keep: string | null;
  merged: string[];
  createdRelationshipIds: string[];
  actor: string;
  reason: string;
  at: string;
  status: 'ACTIVE' | 'UNDONE';
  undoneBy?: string | null;
  undoneAt?: string | null;
}

export interface MarkingWrite {
  id: string;
  object: string;
  name: string | null;
  statement: string | null;
}

interface Fingerprint {
  id: string;
  fingerprint: string | null;
}

/** What an import compares with an element it may update: its content fingerprint and its version. */
export interface StoredVersion extends Fingerprint {
  created: string | null;
  modified: string | null;
  bundleModified: string | null;
}

/** Entities with the sources they cite, the shape of most reads. */
interface EntitiesWithSources {
  entities: MaybeVanished<EntityMap>[];
  sources: SourceMap[];
}

type NoParams = Record<string, never>;

/** A statement's types (compile time only) and its result columns (checked against the file at test time). */
interface Statement<Params, Row, Slots extends CypherSlots | null> {
  columns: readonly (keyof Row & string)[];
  /** Never set: carries the types. */
  types?: { params: Params; row: Row; slots: Slots };
}

function statement<Params, Row = Record<string, never>, Slots extends CypherSlots | null = null>(
  ...columns: (keyof Row & string)[]
): Statement<Params, Row, Slots> {
  return { columns };
}

/** An analyst's hypothesis as stored. */
export interface AnalystHypothesisMap {
  id: string;
  incidentId: string;
  label: string;
  author: string;
  createdAt: string;
  reason: string | null;
}

/** An analyst's rating of one cell, replacing the proposed one. */
export interface CellRatingMap {
  id: string;
  incidentId: string;
  hypothesisId: string;
  evidenceId: string;
  rating: string;
  reason: string;
  author: string;
  at: string;
}

/** An analyst's note as stored: about one entity, relationship or hypothesis (subjectId), with its citations. */
export interface NoteMap {
  id: string;
  subjectId: string;
  text: string;
  author: string;
  /** ISO date-time. */
  createdAt: string;
  sourceIds?: string[] | null;
  excerpts?: string[] | null;
  credibilities?: number[] | null;
}

export interface NoteWrite extends NoteMap {
  sourceIds: string[];
  excerpts: string[];
  credibilities: number[];
  fingerprint: string;
}

/** Notes with the sources they cite. */
interface NotesWithSources {
  notes: NoteMap[];
  sources: SourceMap[];
}

/** A saved view as stored: its state is JSON text. */
export interface SavedViewMap {
  id: string;
  title: string;
  note: string | null;
  state?: string;
  author: string | null;
  createdAt: string;
  updatedAt: string;
}

export const statements = {
  'analysis/create-hypothesis': statement<{ hypothesis: AnalystHypothesisMap }>(),
  'analysis/find-analyst-input': statement<{ incidentId: string }, { hypotheses: AnalystHypothesisMap[]; ratings: CellRatingMap[] }>(
    'hypotheses',
    'ratings',
  ),
  'analysis/find-audit-between': statement<{ from: string; to: string }, { event: AuditEventMap }>('event'),
  'analysis/find-link-knowledge': statement<
    { ids: string[] | null },
    { rel: RelationshipMap; fromEntity: EntityMap; toEntity: EntityMap; sources: SourceMap[] }
  >('rel', 'fromEntity', 'toEntity', 'sources'),
  'analysis/set-cell-rating': statement<{ rating: CellRatingMap }, { before: CellRatingMap | null }>('before'),
  'admin/count-entities': statement<NoParams, { count: number }>('count'),
  'admin/drop-relationship-id-index': statement<NoParams>(),
  'admin/find-index-names': statement<NoParams, { names: string[] }>('names'),
  'admin/find-relationship-id-index': statement<NoParams, { types: string[] }>('types'),
  'admin/delete-by-id-prefix': statement<{ prefix: string }, { entities: number; sources: number }>('entities', 'sources'),
  'admin/ping': statement<NoParams, { ok: number }>('ok'),
  'audit/find-current': statement<
    { entityIds: string[]; relationshipIds: string[]; noteIds: string[] },
    { entities: PropertySnapshot[]; relationships: PropertySnapshot[]; notes: PropertySnapshot[] }
  >('entities', 'relationships', 'notes'),
  'audit/find-history': statement<{ subjectId: string; limit: number }, { event: AuditEventMap }>('event'),
  'audit/record-events': statement<{ events: AuditEventMap[] }>(),
  'edit/delete-relationship': statement<{ id: string }, { rel: PropertySnapshot }>('rel'),
  'edit/lock-entities': statement<{ ids: string[] }>(),
  'edit/bump-graph-revision': statement<NoParams>(),
  'duplicates/find-blocking-candidates': statement<
    { queries: { id: string; query: string }[]; perEntity: number },
    { id: string; candidates: string[] }
  >('id', 'candidates'),
  'duplicates/find-match-facts': statement<
    { ids: string[]; neighbourLimit: number },
    { entity: EntityMap; neighbours: string[]; linked: string[]; sameAs: string[]; sourceTitles: string[] }
  >('entity', 'neighbours', 'linked', 'sameAs', 'sourceTitles'),
  'duplicates/find-rejections': statement<{ keys: string[] }, { key: string }>('key'),
  'duplicates/list-entity-ids': statement<{ after: string; limit: number }, { id: string }>('id'),
  'duplicates/record-rejection': statement<{ key: string; a: string; b: string; actor: string; reason: string | null; at: string }>(),
  'merge/archive-entities': statement<{ mergeId: string; survivor: string | null; entities: { id: string; label: string }[] }>(),
  'merge/archive-relationships': statement<{
    mergeId: string;
    rels: { id: string; type: RelationshipTypeName; from: string; to: string; role: 'DELETED' | 'CHANGED' }[];
  }>(),
  'merge/find-links': statement<
    { ids: string[]; keep: string },
    { links: LinkWithMergeIds[]; keepLinks: LinkWithMergeIds[]; disputing: LinkWithMergeIds[] }
  >('links', 'keepLinks', 'disputing'),
  'merge/find-merge': statement<
    { id: string },
    {
      merge: MergeRecordMap;
      archives: { role: string; key: string; type: string | null; from: string | null; to: string | null; id: string }[];
      entities: { id: string; kind: string }[];
      laterMerges: string[];
      survivorPresent: boolean;
    }
  >('merge', 'archives', 'entities', 'laterMerges', 'survivorPresent'),
  'merge/record-merge': statement<{ merge: Omit<MergeRecordMap, 'status' | 'undoneBy' | 'undoneAt'> }>(),
  'merge/repoint-relationships': statement<{ mergeId: string; rels: { id: string; type: string; from: string; to: string }[] }>(),
  'merge/resolve-merged-ids': statement<{ ids: string[] }, { id: string; mergedInto: string | null }>('id', 'mergedInto'),
  'merge/restore-merge': statement<{
    id: string;
    created: { id: string; type: string; from: string; to: string }[];
    entities: { id: string; label: string }[];
    deleted: { key: string; type: string }[];
    changed: { key: string; type: string }[];
    actor: string;
    at: string;
  }>(),
  'merge/update-link-evidence': statement<{
    rels: {
      id: string;
      type: string;
      from: string;
      to: string;
      sourceIds: string[];
      excerpts: string[];
      credibilities: number[];
      markingRefs: string[];
      disputedBy: string[];
      absorbedIds: string[];
    }[];
  }>(),
  'export/find-subgraph': statement<
    { ids: string[] } & RelationshipFilterParams,
    EntitiesWithSources & {
      rels: MaybeVanished<RelationshipMap>[];
      authors: { statement: string; id: string; name: string; kind: EntityKindName }[];
    }
  >('entities', 'rels', 'sources', 'authors'),
  'graph/count-graph': statement<
    NoParams,
    {
      entities: number;
      relationships: number;
      byKind: { kind: EntityKindName; count: number }[];
      byType: { type: RelationshipTypeName; count: number }[];
    }
  >('entities', 'relationships', 'byKind', 'byType'),
  'graph/count-neighbour-groups': statement<
    { id: string; exclude: IdSet } & RelationshipFilterParams,
    {
      groups: {
        type: RelationshipTypeName;
        direction: 'OUT' | 'IN';
        kind: EntityKindName;
        count: number;
        maxConfidence: number | null;
        latest: string | null;
      }[];
    }
  >('groups'),
  'graph/count-neighbour-totals': statement<
    { id: string; exclude: IdSet } & RelationshipFilterParams,
    {
      neighbours: number;
      links: number;
      overlaps: { ways: { type: RelationshipTypeName; direction: 'OUT' | 'IN' }[]; count: number }[];
    }
  >('neighbours', 'links', 'overlaps'),
  'graph/count-neighbours': statement<
    { id: string; exclude: IdSet } & RelationshipFilterParams,
    { counts: { type: RelationshipTypeName; direction: 'OUT' | 'IN'; count: number; maxConfidence: number | null }[] }
  >('counts'),
  'graph/expand-for-paths': statement<
    { nodes: number[] } & PathLinkParams,
    { node: number; degree: number; rels: number[]; others: number[]; otherDegrees: number[]; confidences: number[]; codes: number[] },
    PathExpansionSlots
  >('node', 'degree', 'rels', 'others', 'otherDegrees', 'confidences', 'codes'),
  'graph/find-chosen-path': statement<
    { ids: string[]; queries: string[] },
    {
      id: string;
      internalId: number;
      type: RelationshipTypeName;
      from: string;
      to: string;
      fromName: string;
      toName: string;
      fromNode: number;
      toNode: number;
    }
  >('id', 'internalId', 'type', 'from', 'to', 'fromName', 'toName', 'fromNode', 'toNode'),
  'graph/find-entities': statement<{ ids: string[] }, EntitiesWithSources>('entities', 'sources'),
  'graph/find-entity-nodes': statement<NoParams, { nodes: number[] }>('nodes'),
  'graph/find-graph-revision': statement<NoParams, { revision: number }>('revision'),
  'graph/find-entity-links': statement<
    { ids: string[] },
    {
      entity: MaybeVanished<EntityMap>;
      links: { rel: MaybeVanished<RelationshipMap>; other: MaybeVanished<EntityMap> }[];
      sources: SourceMap[];
      disputing: MaybeVanished<EntityMap>[];
    }
  >('entity', 'links', 'sources', 'disputing'),
  'graph/find-fewest-hop-paths': statement<
    { from: number; to: number; limit: number } & Omit<PathLinkParams, 'ends'>,
    // -1 where a link's confidence is not stated.
    { nodes: number[]; degrees: number[]; rels: number[]; confidences: number[]; codes: number[] },
    { maxHops: number }
  >('nodes', 'degrees', 'rels', 'confidences', 'codes'),
  'graph/find-links-among': statement<
    { ids: string[]; idSet: IdSet; limit: number; unstatedConfidence: number },
    { entities: MaybeVanished<EntityMap>[]; rels: MaybeVanished<RelationshipMap>[]; truncated: boolean }
  >('entities', 'rels', 'truncated'),
  'graph/find-most-connected': statement<
    { limit: number; kinds: EntityKindName[] | null; hiddenKinds: readonly EntityKindName[] },
    EntitiesWithSources
  >('entities', 'sources'),
  'graph/find-neighbourhood': statement<
    { ids: string[]; limit: number; summary: boolean } & RelationshipFilterParams,
    EntitiesWithSources & { rels: MaybeVanished<RelationshipMap>[]; truncated: boolean; disputing: MaybeVanished<EntityMap>[] },
    { inner: number }
  >('entities', 'rels', 'truncated', 'sources', 'disputing'),
  'graph/find-neighbour-page': statement<
    {
      id: string;
      type: string;
      direction: 'OUT' | 'IN';
      kind: EntityKindName;
      exclude: IdSet;
      order: 'STRONGEST' | 'NEWEST';
      limit: number;
    } & RelationshipFilterParams,
    { self: EntityMap; total: number; entities: MaybeVanished<EntityMap>[]; rels: MaybeVanished<RelationshipMap>[][] }
  >('self', 'total', 'entities', 'rels'),
  'graph/find-path-ends': statement<
    { ids: string[]; grades: ReliabilityGrade[] },
    { ends: { id: string; node: number; degree: number }[]; grades: ReliabilityGrade[] }
  >('ends', 'grades'),
  'graph/find-path-evidence': statement<
    { links: number[]; nodes: number[]; knownSources: string[] },
    {
      links: { key: number; id: string; sourceIds: string[]; credibilities: number[]; disputed: boolean }[];
      nodes: { key: number; id: string; kind: EntityKindName }[];
      sources: SourceMap[];
    }
  >('links', 'nodes', 'sources'),
  'graph/read-link-projection': statement<
    { nodes: number[]; typeCodes: Record<string, number>; stanceCodes: Record<string, number> },
    {
      node: number;
      degree: number;
      flags: number;
      rels: number[];
      targets: number[];
      types: number[];
      stances: number[];
      confidences: number[];
      citations: number[];
      retired: boolean[];
    }
  >('node', 'degree', 'flags', 'rels', 'targets', 'types', 'stances', 'confidences', 'citations', 'retired'),
  'graph/find-path-links': statement<
    { links: number[] },
    EntitiesWithSources & { rels: MaybeVanished<RelationshipMap & { internalId: number }>[]; disputing: MaybeVanished<EntityMap>[] }
  >('entities', 'rels', 'sources', 'disputing'),
  'graph/find-relationship': statement<
    { id: string },
    {
      rel: MaybeVanished<RelationshipMap>;
      from: MaybeVanished<EntityMap>;
      to: MaybeVanished<EntityMap>;
      sources: SourceMap[];
      disputing: MaybeVanished<EntityMap>[];
    }
  >('rel', 'from', 'to', 'sources', 'disputing'),
  'graph/find-summary': statement<
    {
      hubs: number;
      bridges: number;
      recent: number;
      recentScan: number;
      linkLimit: number;
      hiddenKinds: readonly EntityKindName[];
      unstatedConfidence: number;
    },
    {
      hubs: { entity: EntityMap; degree: number }[];
      bridges: { entity: EntityMap; touching: number }[];
      recent: EntityMap[];
      rels: RelationshipMap[];
    }
  >('hubs', 'bridges', 'recent', 'rels'),
  'graph/find-source-origins': statement<NoParams, { id: string; origin: string | null; publisher: string | null; title: string | null }>(
    'id',
    'origin',
    'publisher',
    'title',
  ),
  'graph/find-sources': statement<{ ids: string[] }, { source: SourceMap }>('source'),
  'graph/search-entities': statement<
    {
      query: string;
      text: string;
      key: string;
      ignored: string[];
      kinds: EntityKindName[] | null;
      limit: number;
      candidates: number;
      summary: boolean;
      includeRetired: boolean;
    },
    EntitiesWithSources
  >('entities', 'sources'),
  'import/create-relationships': statement<{ relationships: RelationshipWrite[] }>(),
  'import/find-existing-ids': statement<{ entityIds: string[]; sourceIds: string[] }, { entityIds: string[]; sourceIds: string[] }>(
    'entityIds',
    'sourceIds',
  ),
  'import/find-fingerprints': statement<
    { sourceIds: string[]; entityIds: string[]; stixWanted: string[]; relationshipStixWanted: string[]; relationshipQueries: string[] },
    {
      sources: Fingerprint[];
      entities: (StoredVersion & { stixObject: string | null })[];
      relationships: (StoredVersion & { type: RelationshipTypeName; from: string; to: string; stixObject: string | null })[];
    }
  >('sources', 'entities', 'relationships'),
  'import/upsert-entities': statement<{ entities: EntityWrite[] }>(),
  'import/upsert-relationships': statement<{ relationships: RelationshipWrite[] }>(),
  'import/upsert-sources': statement<{ sources: SourceWrite[] }>(),
  'notes/find-note-context': statement<
    { subjectIds: string[]; relationshipQueries: string[]; noteIds: string[] },
    { subjectIds: string[]; notes: Fingerprint[] }
  >('subjectIds', 'notes'),
  'notes/find-notes': statement<{ subjectIds: string[] }, NotesWithSources>('notes', 'sources'),
  'notes/search-notes': statement<{ query: string; limit: number }, NotesWithSources>('notes', 'sources'),
  'notes/upsert-notes': statement<{ notes: NoteWrite[] }>(),
  'views/delete-view': statement<{ id: string }, { view: SavedViewMap }>('view'),
  'views/find-view': statement<{ id: string }, { view: SavedViewMap }>('view'),
  'views/list-views': statement<{ limit: number }, { view: SavedViewMap }>('view'),
  'views/save-view': statement<
    { view: { id: string; title: string; note: string | null; state: string; author: string; at: string } },
    { view: SavedViewMap }
  >('view'),
  'import/upsert-markings': statement<{ markings: MarkingWrite[] }>(),
  'graph/find-markings': statement<{ ids: string[] }, { marking: MarkingMap }>('marking'),
};

export type StatementName = keyof typeof statements;
type TypesOf<Name extends StatementName> = NonNullable<(typeof statements)[Name]['types']>;
export type ParamsOf<Name extends StatementName> = TypesOf<Name>['params'];
export type RowOf<Name extends StatementName> = TypesOf<Name>['row'];
/** The slot values a statement needs as its last argument, or no argument when it has none. */
export type SlotsArgument<Name extends StatementName> = TypesOf<Name>['slots'] extends null ? [] : [slots: TypesOf<Name>['slots']];
