import { entityKindOf, entityTypes } from './stix-mapping.js';
import { typeOfStixId, type StixObject } from './stix-schema.js';
import { StixSources } from './stix-sources.js';

/** What a STIX reference points at once mapped: an entity, a relationship, or something skipped. */
export type Resolved =
  { to: 'entity'; id: string } | { to: 'relationship'; id: string; inBundle: boolean } | { to: 'skipped'; type: string };

/** Our stable id for a STIX object: the id our export put in `x_ae_id`, else the STIX id itself. */
export function stableId(object: StixObject): string {
  return object.x_ae_id ?? object.id;
}

/** State shared by the mapping steps of one bundle: the object index, sources, and skip counts. */
export class StixContext {
  readonly sources: StixSources;
  private readonly skipCounts = new Map<string, number>();
  private readonly linkedPairs = new Set<string>();

  constructor(
    private readonly objects: ReadonlyMap<string, StixObject>,
    bundleId: string,
  ) {
    this.sources = new StixSources(bundleId, (ref) => {
      const identity = objects.get(ref);
      return identity?.name ?? identity?.x_ae_name;
    });
    for (const object of objects.values()) {
      if (object.type !== 'relationship' || !object.source_ref || !object.target_ref) continue;
      this.linkedPairs.add(`${object.source_ref} ${object.target_ref}`).add(`${object.target_ref} ${object.source_ref}`);
    }
  }

  /** Whether a relationship object joins the two refs, either way: it then says more than a link derived from object_refs. */
  linked(a: string, b: string): boolean {
    return this.linkedPairs.has(`${a} ${b}`);
  }

  /**
   * Where a reference leads. A ref outside the bundle stays a plain id when its type can be an entity:
   * the graph may hold it already, and validation against the graph reports it when it does not.
   */
  resolve(ref: string): Resolved {
    const object = this.objects.get(ref);
    const type = object?.type ?? typeOfStixId(ref);
    if (object?.revoked) return { to: 'skipped', type };
    if (type === 'relationship') return { to: 'relationship', id: object ? stableId(object) : ref, inBundle: Boolean(object) };
    if (object) return entityKindOf(object) ? { to: 'entity', id: stableId(object) } : { to: 'skipped', type };
    return entityTypes.has(type) && type !== 'course-of-action' ? { to: 'entity', id: ref } : { to: 'skipped', type };
  }

  /** An id given in an x_ae_ property: a STIX id of the bundle becomes that object's stable id, anything else stays. */
  idOf(ref: string): string {
    const object = this.objects.get(ref);
    return object ? stableId(object) : ref;
  }

  /** Counts things passed over; `template` says what, with {n} for the count and {s} for a plural s. */
  skip(template: string, count = 1): void {
    if (count > 0) this.skipCounts.set(template, (this.skipCounts.get(template) ?? 0) + count);
  }

  warnings(): string[] {
    return [...this.skipCounts].map(([template, count]) => template.replace('{n}', String(count)).replace('{s}', count === 1 ? '' : 's'));
  }
}
