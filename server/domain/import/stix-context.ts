import { nonEntityTypes } from '../stix/kinds.js';
import { typeOfStixId } from '../stix/ids.js';
import { StixSources } from '../stix/references.js';
import type { ImportBookkeeping, ImportCitation } from './document.js';
import type { StixObject } from './stix-schema.js';

/** One object of the bundle, read: `object` with the project's extension lifted into x_ae_ properties, `stored` as kept. */
export interface BundleObject {
  object: StixObject;
  /** The object as the graph keeps it: as published, without the project's own extension. */
  stored: Record<string, unknown>;
  /**
   * How to read it: `third-party`, another producer's object (kept whole, its fields derived, x_ae_ overrides
   * applied); `rendered`, the explorer's rendering of a project element (the model is read from the extension
   * alone, no STIX object is kept); `legacy`, an export of ours from before the extension (top-level x_ae_id with
   * x_ae_kind or x_ae_type: read like a third-party object, but no STIX object is kept).
   */
  mode: 'third-party' | 'rendered' | 'legacy';
}

/** What a STIX reference points at once mapped: an entity, a relationship, or something no link can end at. */
export type Resolved =
  { to: 'entity'; id: string } | { to: 'relationship'; id: string; inBundle: boolean } | { to: 'skipped'; type: string };

/** Our stable id for a STIX object: the id our export gave it (`local_id`, or an older `x_ae_id`), else the STIX id. */
export function stableId(object: StixObject): string {
  return object.x_ae_id ?? object.id;
}

/** State shared by the mapping steps of one bundle: the object index, sources, and skip counts. */
export class StixContext {
  readonly sources: StixSources;
  /** The newest `modified` of the bundle: which copy wins between two with the same `modified`. */
  readonly bundleModified: string | null;
  private readonly skipCounts = new Map<string, number>();
  private readonly linkedPairs = new Set<string>();

  constructor(
    readonly objects: ReadonlyMap<string, BundleObject>,
    bundleId: string,
  ) {
    const names = new Map<string, string>();
    const producers = new Set<string>();
    let collection: string | null = null;
    let newest: string | null = null;
    for (const { object } of objects.values()) {
      const name = object.name ?? object.x_ae_name;
      if (object.type === 'identity' && name) names.set(object.id, name);
      if (typeof object.created_by_ref === 'string') producers.add(object.created_by_ref);
      // The collection's name, not its version: the source is the same whichever release is imported first.
      if (object.type === 'x-mitre-collection' && object.name) collection = object.name;
      if (typeof object.modified === 'string' && (!newest || object.modified > newest)) newest = object.modified;
      if (object.type !== 'relationship' || !object.source_ref || !object.target_ref) continue;
      this.linkedPairs.add(`${object.source_ref} ${object.target_ref}`).add(`${object.target_ref} ${object.source_ref}`);
    }
    this.bundleModified = newest;
    // A citation's origin and a producer's source name the identity: its name in the bundle, else its id.
    this.sources = new StixSources(bundleId, (ref) => names.get(ref), collection, producers);
  }

  /** An object's citations: the exact records the project's extension carries, else its external references. */
  citations({ object, stored }: BundleObject): ImportCitation[] {
    return object.x_ae_sources?.length ? this.sources.citeGiven(stored, object.x_ae_sources) : this.sources.cite(stored);
  }

  /** Whether a relationship object joins the two refs, either way: it then says more than a link derived from object_refs. */
  linked(a: string, b: string): boolean {
    return this.linkedPairs.has(`${a} ${b}`);
  }

  /**
   * Where a reference leads. A ref outside the bundle stays a plain id (any STIX object can be an entity): the
   * graph may hold it already, and validation against the graph reports it when it does not.
   */
  resolve(ref: string): Resolved {
    const found = this.objects.get(ref);
    const type = found?.object.type ?? typeOfStixId(ref);
    if (type === 'relationship') return { to: 'relationship', id: found ? stableId(found.object) : ref, inBundle: Boolean(found) };
    if (nonEntityTypes.has(type)) return { to: 'skipped', type };
    return { to: 'entity', id: found ? stableId(found.object) : ref };
  }

  /** An id given in an x_ae_ property: a STIX id of the bundle becomes that object's stable id, anything else stays. */
  idOf(ref: string): string {
    const found = this.objects.get(ref);
    return found ? stableId(found.object) : ref;
  }

  /** Counts things passed over; `template` says what, with {n} for the count and {s} for a plural s. */
  skip(template: string, count = 1): void {
    if (count > 0) this.skipCounts.set(template, (this.skipCounts.get(template) ?? 0) + count);
  }

  warnings(): string[] {
    return [...this.skipCounts].map(([template, count]) => template.replace('{n}', String(count)).replace('{s}', count === 1 ? '' : 's'));
  }
}

/** What the standard fields of an object say about its identity and versions (deriveEntity and deriveLink alike). */
interface DerivedBookkeeping {
  created: string | null;
  modified: string | null;
  markings: string[];
  revoked: boolean;
  deprecated: boolean;
}

/**
 * The STIX bookkeeping an imported entity or link carries, read the same way for both: another producer's
 * object is kept whole, the extension may mark the element deprecated, and the bundle's newest `modified` is kept.
 */
export function bookkeepingOf(
  { object, stored, mode }: BundleObject,
  derived: DerivedBookkeeping,
  context: StixContext,
): ImportBookkeeping {
  return {
    stixObject: mode === 'third-party' ? stored : null,
    created: derived.created,
    modified: derived.modified,
    markings: derived.markings,
    revoked: derived.revoked,
    deprecated: object.x_ae_deprecated ?? derived.deprecated,
    bundleModified: context.bundleModified,
  };
}
