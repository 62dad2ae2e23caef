/**
 * How the evidence fields travel in STIX, in one place (the STIX work moves the project's properties into an
 * extension definition; this is the file to change):
 *
 * - export: each entry of an object's `x_ae_sources` (the exact citations, beside the standard
 *   `external_references`) carries `reliability`, `origin`, `derivedFrom`, `publishedInferred` and
 *   `publishedNote` of its source and the citation's `credibility`, when they are stated;
 * - import of our own export: the same entries are read back, exactly;
 * - import of anyone else's bundle: a citation's origin is the identity in the citing object's `created_by_ref`
 *   (its name, or its id when the bundle does not hold it): the organisation whose finding the object is,
 *   whichever outlet carried it; a `derived-from` relationship between two objects makes the sources they cite
 *   derive from one another. Reliability and credibility have no STIX property, so they stay F and 6.
 */
import { z } from 'zod';
import { defaultCredibility, reliabilityGrades } from '../model.js';
import type { Citation } from '../types.js';

/** The evidence part of an `x_ae_sources` entry, as written by exportEvidence and checked on import. */
export const stixEvidenceFields = {
  publishedInferred: z.boolean().optional(),
  publishedNote: z.string().trim().min(1, 'must not be empty when given').nullish(),
  reliability: z.enum(reliabilityGrades).nullish(),
  origin: z.string().trim().min(1, 'must not be empty when given').nullish(),
  derivedFrom: z.array(z.string().min(1)).optional(),
  credibility: z.number().int('must be a whole number').min(1).max(6).nullish(),
};

/** The evidence fields of a citation for its `x_ae_sources` entry: only those stated. */
export function exportEvidence(citation: Citation): Record<string, unknown> {
  return {
    ...(citation.publishedInferred ? { publishedInferred: true } : {}),
    ...(citation.publishedNote ? { publishedNote: citation.publishedNote } : {}),
    ...(citation.reliability ? { reliability: citation.reliability } : {}),
    ...(citation.origin ? { origin: citation.origin } : {}),
    ...(citation.derivedFrom.length > 0 ? { derivedFrom: citation.derivedFrom } : {}),
    ...(citation.credibility !== defaultCredibility ? { credibility: citation.credibility } : {}),
  };
}

/** The name of the identity that created a STIX object, as a citation's origin; null when none is named. */
export function originFromCreator(createdByRef: string | undefined, nameOf: (ref: string) => string | undefined): string | null {
  if (!createdByRef) return null;
  return nameOf(createdByRef) ?? createdByRef;
}

/** The relationship type that makes one object's sources derive from another's. */
export const derivedFromRelationship = 'derived-from';
