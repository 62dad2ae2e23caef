import type { ImportNote } from './document.js';
import { stableId, type BundleObject, type StixContext } from './stix-context.js';
import type { StixObject } from './stix-schema.js';

/**
 * Whether a STIX note is an analyst's note from our export (the project's extension, or an older export's top-level
 * property, names its subject), not a statement to map as a claim.
 */
export function isAnalystNote(object: StixObject): boolean {
  return object.type === 'note' && object.x_ae_note_subject !== undefined;
}

/**
 * An analyst's note from our export -> the note it was: its subject (our id, which the export also gave as the
 * first object_ref), its text, its first author, when it was written (`created`) and its citations.
 */
export function fromAnalystNote(read: BundleObject, context: StixContext): ImportNote {
  const { object } = read;
  const created = (object as { created?: unknown }).created;
  return {
    id: stableId(object),
    subject: context.idOf(object.x_ae_note_subject!),
    text: object.content ?? '',
    author: object.authors?.[0] ?? 'unknown',
    createdAt: typeof created === 'string' ? created : '',
    // A note written without sources stays without: it does not cite the bundle the way an entity must.
    sources: object.x_ae_sources?.length || object.external_references?.length ? context.citations(read) : [],
  };
}
