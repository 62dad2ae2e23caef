import type { ImportCitation, ImportSource } from './document.js';
import { derivedSourceId } from './derived-source-id.js';
import type { StixExternalReference, StixObject } from './stix-schema.js';

/**
 * Turns `external_references` into Source records, one per distinct document, and the citations that
 * point at them. Our rule is that every element has a source, so an element without references cites
 * the bundle itself. Our own export also writes the exact records in `x_ae_sources`, which then win.
 */
export class StixSources {
  private readonly sources = new Map<string, ImportSource>();

  constructor(private readonly bundleId: string) {}

  cite(object: StixObject): ImportCitation[] {
    if (object.x_ae_sources && object.x_ae_sources.length > 0) {
      return object.x_ae_sources.map(({ excerpt, ...source }) => ({ source: this.remember(source).id, excerpt }));
    }
    const references = object.external_references ?? [];
    if (references.length === 0) return [{ source: this.bundleSource().id, excerpt: null }];
    const citations = new Map<string, ImportCitation>();
    for (const reference of references) {
      const source = this.add(reference);
      const excerpt = reference.description ?? null;
      citations.set(`${source.id}\n${excerpt}`, { source: source.id, excerpt });
    }
    return [...citations.values()];
  }

  list(): ImportSource[] {
    return [...this.sources.values()];
  }

  private add(reference: StixExternalReference): ImportSource {
    const { source_name: name, external_id: externalId, url, description } = reference;
    // The url names a document best; a catalogue entry (mitre-attack G0049) next; the text last.
    const key = url || (name && externalId ? `${name} ${externalId}` : '') || description || JSON.stringify(reference);
    const id = derivedSourceId(key);
    const title = [name, externalId].filter(Boolean).join(' ') || url || description || 'external reference';
    return this.remember({ id, title, publisher: name ?? null, url: url ?? null, published: null });
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
    this.sources.set(source.id, source);
    return source;
  }
}
