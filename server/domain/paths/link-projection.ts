/**
 * The path search's links held in memory: what graph/expand-for-paths reads, for every entity, in typed arrays.
 *
 * Why. A search reads thousands of links a request, and Neo4j Community's interpreted runtime spends about 25 µs on
 * each under the search's rules (README, Performance): on the medium benchmark graph three quarters of a search's
 * time. Read from memory under the same rules, the same links take microseconds.
 *
 * Exact, never stale. The projection is read at one graph revision (graph/find-graph-revision: every write the
 * explorer's executor commits raises it) and a search uses it only when its own read transaction still finds that
 * revision; otherwise, and for the filters it holds no facts for (as-of date, excluded sources, knowledge time), the
 * search reads Neo4j as before. `expand` returns exactly the rows the statement returns (a test compares them on
 * every entity of two cases, under every profile and several filters), and the search code is the same either way.
 *
 * Shared. Every array lives on a SharedArrayBuffer, so one copy, built in a worker thread, serves every path worker
 * (postMessage shares such arrays instead of copying them).
 */
import type { PathExpansionSlots, PathLinkParams } from '../../graph/statements.js';
import type { Graph } from '../../graph/run.js';
import { stanceCodes, typeCodes } from './link-codes.js';

/** Labels of an entity that the rules read, as bits (graph/read-link-projection), and one the projection adds. */
const reportFlag = 1;
const claimFlag = 2;
const denialFlag = 4;
const retiredFlag = 8;
/** A link from the entity to itself: the statement's undirected pattern meets it twice; such entities are left to it. */
const loopFlag = 16;

const denied = stanceCodes.DENIED;
const claimed = stanceCodes.CLAIMED;

export interface LinkProjectionData {
  /** The graph revision it was read at. */
  revision: number;
  /** Entities' internal ids, ascending (an entity's index is its place here). */
  nodeIds: Float64Array;
  degrees: Int32Array;
  flags: Uint8Array;
  /** The links touching entity i are entries offsets[i] to offsets[i + 1] - 1 of `entries` (link indexes). */
  offsets: Int32Array;
  entries: Int32Array;
  /** Per link: internal id, start and end (entity indexes), type and stance codes (-1 for none), confidence (-1 when not stated), citations, retired. */
  linkIds: Float64Array;
  starts: Int32Array;
  ends: Int32Array;
  types: Int8Array;
  stances: Int8Array;
  confidences: Float64Array;
  citations: Uint8Array;
  retired: Uint8Array;
}

/** The size of a projection, for /healthz and the logs. */
export function projectionSize(data: LinkProjectionData): { entities: number; links: number; megabytes: number } {
  const bytes = Object.values(data).reduce((sum: number, value) => sum + (ArrayBuffer.isView(value) ? value.byteLength : 0), 0);
  return { entities: data.nodeIds.length, links: data.linkIds.length, megabytes: Math.round((bytes / 1e6) * 10) / 10 };
}

/** Why a build gave no projection: more links than it may hold, or a graph that changed while it was read. */
export interface ProjectionNotBuilt {
  notBuilt: string;
  /** True when reading again may succeed (the graph changed meanwhile); false when it is too large. */
  retry: boolean;
}

/** Entities read per round trip while building. */
const pageSize = 4000;

type NumberArray = Int32Array | Float64Array | Int8Array | Uint8Array;

/** A typed array that grows by doubling as values are pushed: a column of the build, read back with `values()`. */
class Column<T extends NumberArray> {
  private store: T;
  length = 0;

  constructor(private readonly Type: { new (length: number): T }) {
    this.store = new Type(1 << 14);
  }

  push(value: number): void {
    if (this.length === this.store.length) {
      const grown = new this.Type(this.store.length * 2);
      grown.set(this.store);
      this.store = grown;
    }
    this.store[this.length++] = value;
  }

  /** The values pushed so far (a view, not a copy). */
  values(): T {
    return this.store.subarray(0, this.length) as T;
  }
}

function shared<T extends NumberArray>(Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}

/**
 * Reads the projection: the revision first, every entity a page at a time, and the revision again (a write committed
 * meanwhile would leave a mix of two states: then it is not built). Each page is a read transaction of its own: the
 * driver keeps every result of a transaction until it ends, and one transaction over 500,000 links held about 200 MB
 * of records at once (lab, medium graph); Neo4j's reads are read-committed anyway, so the revision read before and
 * after is what makes the pages one state. Refuses a graph of more than `maxLinks` links between entities before
 * holding them. Not building is an answer, not a failure (a thrown error would be logged as a failed query).
 */
export async function buildLinkProjection(
  graph: Pick<Graph, 'readTransaction'>,
  maxLinks: number,
): Promise<LinkProjectionData | ProjectionNotBuilt> {
  const { revision, nodes } = await graph.readTransaction(async (tx) => {
    const [{ revision: before }] = await tx.run('graph/find-graph-revision', {});
    const [found] = await tx.run('graph/find-entity-nodes', {});
    return { revision: before, nodes: found.nodes };
  });
  const nodeIds = shared(Float64Array, nodes.length);
  nodeIds.set(nodes);
  const degrees = shared(Int32Array, nodes.length);
  const flags = shared(Uint8Array, nodes.length);
  // Typed columns, not arrays of numbers: 500,000 links in eight plain arrays, grown by copying, were about a third
  // of the building thread's peak heap (lab, medium graph).
  const found = { rels: new Column(Float64Array), targets: new Column(Float64Array), sources: new Column(Int32Array) };
  const columns = {
    types: new Column(Int8Array),
    stances: new Column(Int8Array),
    confidences: new Column(Float64Array),
    citations: new Column(Uint8Array),
    retired: new Column(Uint8Array),
  };
  for (let first = 0; first < nodes.length; first += pageSize) {
    const page = nodes.slice(first, first + pageSize);
    const rows = await graph.readTransaction((tx) => tx.run('graph/read-link-projection', { nodes: page, typeCodes, stanceCodes }));
    for (const row of rows) {
      const node = indexIn(nodeIds, row.node);
      degrees[node] = row.degree;
      flags[node] = row.flags;
      for (let i = 0; i < row.rels.length; i += 1) {
        found.rels.push(row.rels[i]);
        found.sources.push(node);
        found.targets.push(row.targets[i]);
        columns.types.push(row.types[i]);
        columns.stances.push(row.stances[i]);
        columns.confidences.push(row.confidences[i]);
        columns.citations.push(Math.min(row.citations[i], 31));
        columns.retired.push(row.retired[i] ? 1 : 0);
      }
    }
    if (found.rels.length > maxLinks) {
      return { notBuilt: `the graph has more than ${maxLinks} links between entities (PATH_PROJECTION_MAX_LINKS)`, retry: false };
    }
  }
  const [again] = await graph.readTransaction((tx) => tx.run('graph/find-graph-revision', {}));
  if (again.revision !== revision) return { notBuilt: 'the graph changed while it was read', retry: true };

  const count = found.rels.length;
  const data: LinkProjectionData = {
    revision,
    nodeIds,
    degrees,
    flags,
    offsets: shared(Int32Array, nodes.length + 1),
    entries: shared(Int32Array, 0),
    linkIds: shared(Float64Array, count),
    starts: shared(Int32Array, count),
    ends: shared(Int32Array, count),
    types: shared(Int8Array, count),
    stances: shared(Int8Array, count),
    confidences: shared(Float64Array, count),
    citations: shared(Uint8Array, count),
    retired: shared(Uint8Array, count),
  };
  data.linkIds.set(found.rels.values());
  data.starts.set(found.sources.values());
  data.types.set(columns.types.values());
  data.stances.set(columns.stances.values());
  data.confidences.set(columns.confidences.values());
  data.citations.set(columns.citations.values());
  data.retired.set(columns.retired.values());
  const targets = found.targets.values();
  // Each link is an entry of both its ends (once for a loop, whose entity is then left to the statement).
  const { offsets } = data;
  for (let link = 0; link < count; link += 1) {
    const end = indexIn(nodeIds, targets[link]);
    data.ends[link] = end;
    const start = data.starts[link];
    offsets[start + 1] += 1;
    if (end === start) flags[start] |= loopFlag;
    else offsets[end + 1] += 1;
  }
  for (let node = 0; node < nodes.length; node += 1) offsets[node + 1] += offsets[node];
  data.entries = shared(Int32Array, offsets[nodes.length]);
  const next = offsets.slice(0, nodes.length);
  for (let link = 0; link < count; link += 1) {
    data.entries[next[data.starts[link]]++] = link;
    if (data.ends[link] !== data.starts[link]) data.entries[next[data.ends[link]]++] = link;
  }
  return data;
}

/** The index of an internal id among the sorted ids, or -1. */
function indexIn(ids: Float64Array, id: number): number {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = ids[middle];
    if (value === id) return middle;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** A row of graph/expand-for-paths. */
export interface ExpansionRow {
  node: number;
  degree: number;
  rels: number[];
  others: number[];
  otherDegrees: number[];
  confidences: number[];
  codes: number[];
}

/** Whether the projection holds the facts these parameters filter on (it holds no dates and no citations' ids). */
export function projectionAnswers(params: PathLinkParams): boolean {
  return params.asOf === null && params.excludedSources === null && params.knownAsOf === null;
}

/**
 * The rows graph/expand-for-paths returns for these entities under these parameters and slots, from memory; null
 * when some entity is not in the projection or has a link to itself (the caller then asks Neo4j).
 */
export function expandFromProjection(
  data: LinkProjectionData,
  nodes: readonly number[],
  params: PathLinkParams,
  slots: PathExpansionSlots,
): ExpansionRow[] | null {
  const { offsets, entries, starts, ends: linkEnds, types, stances, confidences, citations, retired, flags, degrees, nodeIds } = data;
  const through = new Set(slots.throughTypes.map((type) => typeCodes[type]));
  const endsOnly = new Set(slots.endTypes.map((type) => typeCodes[type]));
  const pathEnds = new Set(params.ends.map((end) => indexIn(nodeIds, end)));
  const kept = new Set(params.stances.map((stance) => stanceCodes[stance]));
  const indexes: number[] = [];
  for (const id of nodes) {
    const node = indexIn(nodeIds, id);
    if (node < 0 || flags[node] & loopFlag) return null;
    indexes.push(node);
  }
  return indexes.map((node) => {
    const row: ExpansionRow = {
      node: nodeIds[node],
      degree: degrees[node],
      rels: [],
      others: [],
      otherDegrees: [],
      confidences: [],
      codes: [],
    };
    const nodeIsEnd = pathEnds.has(node);
    const nodeStance = nodeIsEnd ? -1 : flags[node] & denialFlag ? denied : flags[node] & claimFlag ? claimed : -1;
    for (let entry = offsets[node]; entry < offsets[node + 1]; entry += 1) {
      const link = entries[entry];
      const outgoing = starts[link] === node;
      const other = outgoing ? linkEnds[link] : starts[link];
      const otherIsEnd = pathEnds.has(other);
      const type = types[link];
      // Ends-only types: from an end, or into one (the statement's second and third patterns).
      if (!through.has(type) && !(endsOnly.has(type) && (nodeIsEnd || otherIsEnd))) continue;
      const confidence = confidences[link];
      // fragments/link-filter: an unstated confidence counts as 0 against the minimum; a stated 0 carries no evidence.
      if (Math.max(confidence, 0) < params.minConfidence || confidence === 0) continue;
      if (!params.includeRetired && (retired[link] || (flags[node] | flags[other]) & retiredFlag)) continue;
      if (!otherIsEnd && flags[other] & reportFlag) continue;
      const otherStance = otherIsEnd ? -1 : flags[other] & denialFlag ? denied : flags[other] & claimFlag ? claimed : -1;
      const stance =
        nodeStance === denied || otherStance === denied
          ? denied
          : nodeStance >= 0
            ? nodeStance
            : otherStance >= 0
              ? otherStance
              : stances[link];
      if (!kept.has(stance)) continue;
      row.rels.push(data.linkIds[link]);
      row.others.push(nodeIds[other]);
      row.otherDegrees.push(degrees[other]);
      row.confidences.push(confidence);
      row.codes.push(((type * 4 + stance) * 2 + (outgoing ? 1 : 0)) * 32 + citations[link]);
    }
    return row;
  });
}
