import type { ImportCitation, ImportSource } from '../import/document.js';
import { derivedSourceId } from '../import/derived-source-id.js';

/** An external reference as STIX has it. */
export interface ExternalReference {
  source_name?: string;
  description?: string;
  url?: string;
  external_id?: string;
  [key: string]: unknown;
}

type StixLike = Record<string, unknown>;

const citationMarker = /\(Citation: ([^)]*)\)/g;

/** Text without ATT&CK's `(Citation: key)` markers (the citations themselves are the element's sources). */
export function withoutCitationMarkers(text: string): string {
  return text
    .replace(citationMarker, '')
    .replace(/[ \t]+([.,;:])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** The citation keys an object's text cites, ATT&CK style: `(Citation: Dragos EKANS)`. */
function citedKeys(object: StixLike): Set<string> {
  const keys = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') for (const match of value.matchAll(citationMarker)) keys.add(match[1].trim());
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) if (key !== 'external_references') walk(inner);
    }
  };
  walk(object);
  return keys;
}

export function referencesOf(object: StixLike): ExternalReference[] {
  return Array.isArray(object.external_references) ? (object.external_references as ExternalReference[]) : [];
}

/** Catalogue ids of an object (ATT&CK T0800, G0034, CVE ids): every reference's external_id, once, in order. */
export function externalIdsOf(object: StixLike): string[] {
  return [...new Set(referencesOf(object).flatMap((reference) => (reference.external_id ? [reference.external_id] : [])))];
}

/**
 * What a reference is, read the way its producer means it:
 * - `catalogue`: an entry in a catalogue (source_name plus external_id: mitre-attack T0800, cve CVE-2021-44228);
 * - `alias`: ATT&CK's note of who uses an alias, only `(Citation: ...)` markers: no document of its own;
 * - `bibliographic`: a work the object's text cites as `(Citation: key)`, the description being its
 *   bibliographic entry (author, date, title), not a quotation;
 * - `excerpt`: any other reference, whose description (when present) is the passage that supports the fact.
 */
export type ReferenceRole = 'catalogue' | 'alias' | 'bibliographic' | 'excerpt';

function roleOf(reference: ExternalReference, cited: Set<string>): ReferenceRole {
  const description = reference.description?.trim() ?? '';
  if (reference.external_id && reference.source_name) return 'catalogue';
  if (!reference.url && description && description.replace(citationMarker, '').trim() === '') return 'alias';
  if (reference.source_name && cited.has(reference.source_name.trim())) return 'bibliographic';
  return 'excerpt';
}

/** Where an object without references comes from: its producer (created_by_ref; an identity without one is its own), else the bundle. */
function producerKey(object: StixLike): string | null {
  if (typeof object.created_by_ref === 'string') return object.created_by_ref;
  return object.type === 'identity' && typeof object.id === 'string' ? object.id : null;
}

/**
 * Turns `external_references` into Source records, one per distinct document, and the citations that point at
 * them (docs/import-formats.md, "Sources"). Every element has a source: one without usable references cites its
 * producer's data (created_by_ref), or the bundle when it names no producer.
 */
export class StixSources {
  private readonly sources = new Map<string, ImportSource>();

  /**
   * @param bundleId the bundle's id, for the source of elements that name no producer
   * @param producerTitle the title of a producer's source (its identity's name, the collection's name)
   */
  constructor(
    private readonly bundleId: string,
    private readonly producerTitle: (identityRef: string) => string = (ref) => `STIX data by ${ref}`,
  ) {}

  /** The citations of an object, registering the sources they need. */
  cite(object: StixLike): ImportCitation[] {
    const cited = citedKeys(object);
    const citations = new Map<string, ImportCitation>();
    for (const reference of referencesOf(object)) {
      const role = roleOf(reference, cited);
      if (role === 'alias') continue;
      const source = this.remember(this.sourceOf(reference, role));
      const excerpt = role === 'excerpt' ? (reference.description ?? null) : null;
      citations.set(`${source.id}\n${excerpt}`, { source: source.id, excerpt });
    }
    if (citations.size > 0) return [...citations.values()];
    return [{ source: this.remember(this.fallbackSource(object)).id, excerpt: null }];
  }

  /** A source given whole (the project's extension carries its exact records). */
  define(source: ImportSource): ImportSource {
    return this.remember(source);
  }

  list(): ImportSource[] {
    return [...this.sources.values()];
  }

  private sourceOf(reference: ExternalReference, role: ReferenceRole): ImportSource {
    const { source_name: name, external_id: externalId, url, description } = reference;
    // The url names a document best; a catalogue entry (mitre-attack G0049) next; the text last.
    const key = url || (name && externalId ? `${name} ${externalId}` : '') || description || JSON.stringify(reference);
    const id = derivedSourceId(key);
    if (role === 'bibliographic') {
      // ATT&CK's citation key (source_name) is a label, not a publisher; the description is the work's entry.
      return { id, title: description?.trim() || name || url || 'external reference', publisher: null, url: url ?? null, published: null };
    }
    const title = [name, externalId].filter(Boolean).join(' ') || url || description || 'external reference';
    return { id, title, publisher: name ?? null, url: url ?? null, published: null };
  }

  private fallbackSource(object: StixLike): ImportSource {
    const producer = producerKey(object);
    if (producer) {
      return {
        id: derivedSourceId(`stix-producer ${producer}`),
        title: this.producerTitle(producer),
        publisher: null,
        url: null,
        published: null,
      };
    }
    return { id: `src-${this.bundleId}`, title: `STIX bundle ${this.bundleId}`, publisher: null, url: null, published: null };
  }

  /**
   * One record per document. References to one URL may name it differently (another source_name, another
   * bibliographic line): the record that sorts first wins, so the same bundle in any object order (such as an
   * export of it) gives the same record.
   */
  private remember(source: ImportSource): ImportSource {
    const known = this.sources.get(source.id);
    if (known && JSON.stringify(known) <= JSON.stringify(source)) return known;
    this.sources.set(source.id, source);
    return source;
  }
}
