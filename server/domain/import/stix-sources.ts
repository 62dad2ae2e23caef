import type { ImportCitation, ImportSource } from './document.js';
import { derivedSourceId } from './derived-source-id.js';
import type { StixExternalReference, StixObject } from './stix-schema.js';
import { derivedFromRelationship, originFromCreator } from '../sources/stix-evidence.js';

/**
 * Turns `external_references` into Source records, one per distinct document and origin, and the citations that
 * point at them. Our rule is that every element has a source, so an element without references cites the bundle
 * itself. Our own export also writes the exact records in `x_ae_sources`, which then win.
 *
 * Origin. A citing object's `created_by_ref` names the organisation whose finding it is (sources/stix-evidence.ts):
 * the same news page carrying Mandiant's finding and the outlet's own reporting is two sources, one per origin,
 * so that independent evidence is counted once and the same finding retold twice is not counted twice.
 */
export class StixSources {
  private readonly sources = new Map<string, ImportSource>();
  /** The sources each STIX object cites, for `derived-from` between objects. */
  private readonly citedBy = new Map<string, Set<string>>();

  constructor(
    private readonly bundleId: string,
    private readonly nameOf: (ref: string) => string | undefined = () => undefined,
  ) {}

  cite(object: StixObject): ImportCitation[] {
    const citations = this.citationsOf(object);
    const cited = this.citedBy.get(object.id) ?? this.citedBy.set(object.id, new Set()).get(object.id)!;
    for (const citation of citations) cited.add(citation.source);
    return citations;
  }

  /**
   * Each `derived-from` relationship makes every source its source object cites derive from every source its
   * target object cites (the State Department's statement repeats the Treasury's release).
   */
  applyDerivations(objects: Iterable<StixObject>): void {
    for (const object of objects) {
      if (object.type !== 'relationship' || object.relationship_type !== derivedFromRelationship || object.revoked) continue;
      const from = this.citedBy.get(object.source_ref ?? '');
      const to = this.citedBy.get(object.target_ref ?? '');
      if (!from || !to) continue;
      for (const id of from) {
        const source = this.sources.get(id)!;
        const derived = new Set([...(source.derivedFrom ?? []), ...[...to].filter((other) => other !== id)]);
        if (derived.size > 0) this.sources.set(id, { ...source, derivedFrom: [...derived].sort() });
      }
    }
  }

  list(): ImportSource[] {
    return [...this.sources.values()];
  }

  private citationsOf(object: StixObject): ImportCitation[] {
    if (object.x_ae_sources && object.x_ae_sources.length > 0) {
      return object.x_ae_sources.map(({ excerpt, credibility, ...source }) => ({
        source: this.remember(source).id,
        excerpt,
        ...(credibility ? { credibility } : {}),
      }));
    }
    const references = object.external_references ?? [];
    if (references.length === 0) return [{ source: this.bundleSource().id, excerpt: null }];
    const origin = originFromCreator(object.created_by_ref, this.nameOf);
    const citations = new Map<string, ImportCitation>();
    for (const reference of references) {
      const source = this.add(reference, object.created_by_ref, origin);
      const excerpt = reference.description ?? null;
      citations.set(`${source.id}\n${excerpt}`, { source: source.id, excerpt });
    }
    return [...citations.values()];
  }

  private add(reference: StixExternalReference, creator: string | undefined, origin: string | null): ImportSource {
    const { source_name: name, external_id: externalId, url, description } = reference;
    // The url names a document best; a catalogue entry (mitre-attack G0049) next; the text last.
    const key = url || (name && externalId ? `${name} ${externalId}` : '') || description || JSON.stringify(reference);
    const id = derivedSourceId(creator ? `${key}\n${creator}` : key);
    const title = [name, externalId].filter(Boolean).join(' ') || url || description || 'external reference';
    return this.remember({ id, title, publisher: name ?? null, url: url ?? null, published: null, ...(origin ? { origin } : {}) });
  }

  private bundleSource(): ImportSource {
    return this.remember({
      id: `src-${this.bundleId}`,
      title: `STIX bundle ${this.bundleId}`,
      publisher: null,
      url: null,
      published: null,
    });
  }

  // The first object to cite a document decides its title, so a re-import produces the same record.
  private remember(source: ImportSource): ImportSource {
    const known = this.sources.get(source.id);
    if (known) return known;
    const stated = {
      id: source.id,
      title: source.title,
      publisher: source.publisher,
      url: source.url,
      published: source.published,
      ...(source.reliability ? { reliability: source.reliability } : {}),
      ...(source.origin ? { origin: source.origin } : {}),
      ...(source.derivedFrom?.length ? { derivedFrom: source.derivedFrom } : {}),
    };
    this.sources.set(source.id, stated);
    return stated;
  }
}
