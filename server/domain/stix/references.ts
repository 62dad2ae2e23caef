import type { ImportCitation, ImportSource } from '../import/document.js';
import { derivedSourceId } from '../import/derived-source-id.js';
import { derivedFromRelationship, originFromCreator } from '../sources/stix-evidence.js';

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

/**
 * Turns `external_references` into Source records, one per distinct document and origin, and the citations that
 * point at them (docs/import-formats.md, "Sources"). Every element has a source: one without usable references
 * cites its producer's data (created_by_ref), or the bundle when it names no producer.
 *
 * Origin (issue 14, sources/stix-evidence.ts): a citing object's `created_by_ref` names the organisation whose
 * finding it is; the same page cited by two producers is two sources, one per origin, so that independent evidence
 * is counted once and the same finding retold twice is not counted twice. A `derived-from` relationship between
 * two objects makes the sources one cites derive from those the other cites.
 */
export class StixSources {
  private readonly sources = new Map<string, ImportSource>();
  /** The sources each STIX object cites, for `derived-from` between objects. */
  private readonly citedBy = new Map<string, Set<string>>();

  /**
   * @param bundleId the bundle's id, for the source of elements that name no producer
   * @param names the name of an identity of the bundle, by id
   * @param collection the name of the collection the bundle publishes (ATT&CK's x-mitre-collection), if any
   * @param producers identities that other objects of the bundle name as their creator
   */
  constructor(
    private readonly bundleId: string,
    private readonly names: (identityRef: string) => string | undefined = () => undefined,
    private readonly collection: string | null = null,
    private readonly producers: ReadonlySet<string> = new Set(),
  ) {}

  /** The citations of an object, registering the sources they need. */
  cite(object: StixLike): ImportCitation[] {
    const cited = citedKeys(object);
    const creator = typeof object.created_by_ref === 'string' ? object.created_by_ref : undefined;
    const origin = originFromCreator(creator, this.names);
    const citations = new Map<string, ImportCitation>();
    for (const reference of referencesOf(object)) {
      const role = roleOf(reference, cited);
      if (role === 'alias') continue;
      const source = this.remember(this.sourceOf(reference, role, creator, origin));
      const excerpt = role === 'excerpt' ? (reference.description ?? null) : null;
      citations.set(`${source.id}\n${excerpt}`, { source: source.id, excerpt });
    }
    const found = citations.size > 0 ? [...citations.values()] : [{ source: this.remember(this.fallbackSource(object)).id, excerpt: null }];
    this.record(object, found);
    return found;
  }

  /** Citations given whole (the project's extension carries exact records), registering their sources. */
  citeGiven(object: StixLike, entries: (ImportSource & { excerpt: string | null; credibility?: number | null })[]): ImportCitation[] {
    const found = entries.map(({ excerpt, credibility, ...source }) => ({
      source: this.remember(source).id,
      excerpt,
      ...(credibility ? { credibility } : {}),
    }));
    this.record(object, found);
    return found;
  }

  /**
   * Each `derived-from` relationship makes every source its source object cites derive from every source its
   * target object cites (the State Department's statement repeats the Treasury's release).
   */
  applyDerivations(objects: Iterable<StixLike>): void {
    for (const object of objects) {
      if (object.type !== 'relationship' || object.relationship_type !== derivedFromRelationship || object.revoked === true) continue;
      const from = this.citedBy.get(String(object.source_ref));
      const to = this.citedBy.get(String(object.target_ref));
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

  private record(object: StixLike, citations: ImportCitation[]): void {
    if (typeof object.id !== 'string') return;
    const cited = this.citedBy.get(object.id) ?? this.citedBy.set(object.id, new Set()).get(object.id)!;
    for (const citation of citations) cited.add(citation.source);
  }

  private sourceOf(reference: ExternalReference, role: ReferenceRole, creator: string | undefined, origin: string | null): ImportSource {
    const { source_name: name, external_id: externalId, url, description } = reference;
    // The url names a document best; a catalogue entry (mitre-attack G0049) next; the text last.
    const key = url || (name && externalId ? `${name} ${externalId}` : '') || description || JSON.stringify(reference);
    const id = derivedSourceId(creator ? `${key}\n${creator}` : key);
    const stated = origin ? { origin } : {};
    if (role === 'bibliographic') {
      // ATT&CK's citation key (source_name) is a label, not a publisher; the description is the work's entry.
      const title = description?.trim() || name || url || 'external reference';
      return { id, title, publisher: null, url: url ?? null, published: null, ...stated };
    }
    const title = [name, externalId].filter(Boolean).join(' ') || url || description || 'external reference';
    return { id, title, publisher: name ?? null, url: url ?? null, published: null, ...stated };
  }

  /**
   * Where an object without references comes from: its producer (created_by_ref), or an identity that other
   * objects name as their producer (its own description); else the bundle. A victim's identity with no
   * reference is not its own source: whoever wrote the bundle described it.
   */
  private fallbackSource(object: StixLike): ImportSource {
    const creator = typeof object.created_by_ref === 'string' ? object.created_by_ref : null;
    const producer = creator ?? (object.type === 'identity' && this.producers.has(String(object.id)) ? String(object.id) : null);
    if (producer) {
      const name = this.names(producer) ?? producer;
      return {
        id: derivedSourceId(`stix-producer ${producer}`),
        title: this.collection ? `${this.collection}, by ${name} (STIX)` : `STIX data by ${name}`,
        publisher: null,
        url: null,
        published: null,
        origin: name,
      };
    }
    return { id: `src-${this.bundleId}`, title: `STIX bundle ${this.bundleId}`, publisher: null, url: null, published: null };
  }

  /**
   * One record per document and origin. References to one URL may name it differently (another source_name,
   * another bibliographic line): the record that sorts first wins, so the same bundle in any object order (such as
   * an export of it) gives the same record. Only stated evidence fields are kept.
   */
  private remember(given: ImportSource): ImportSource {
    const source: ImportSource = {
      id: given.id,
      title: given.title,
      publisher: given.publisher ?? null,
      url: given.url ?? null,
      published: given.published ?? null,
      ...(given.publishedInferred ? { publishedInferred: true } : {}),
      ...(given.publishedNote ? { publishedNote: given.publishedNote } : {}),
      ...(given.reliability ? { reliability: given.reliability } : {}),
      ...(given.origin ? { origin: given.origin } : {}),
      ...(given.derivedFrom?.length ? { derivedFrom: given.derivedFrom } : {}),
    };
    const known = this.sources.get(source.id);
    if (known && JSON.stringify(known) <= JSON.stringify(source)) return known;
    this.sources.set(source.id, source);
    return source;
  }
}
