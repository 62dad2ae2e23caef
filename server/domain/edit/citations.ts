import { createHash } from 'node:crypto';
import { markingIdOf } from '../../../shared/markings.js';
import { urlProblem } from '../../../shared/url-policy.js';
import { BadUserInputError } from '../../errors.js';
import { shownValue } from '../text-policy.js';
import type { ImportCitation, ImportSource } from '../import/document.js';
import type { Citation, EntityRecord, RelationshipRecord, StixBookkeeping } from '../types.js';
import type { ImportBookkeeping, ImportEntity, ImportRelationship } from '../import/document.js';
import type { ReliabilityGrade } from '../model.js';
import { inferredDateProblem } from '../import/validate-document.js';

export interface CitationInput {
  sourceId?: string | null;
  title?: string | null;
  publisher?: string | null;
  url?: string | null;
  published?: string | null;
  publishedInferred?: boolean | null;
  publishedNote?: string | null;
  excerpt?: string | null;
  credibility?: number | null;
  reliability?: ReliabilityGrade | null;
  origin?: string | null;
  derivedFrom?: string[] | null;
}

/** Lower-case words joined by dashes, for readable generated ids. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/**
 * Citations given with an edit -> the sources to create (those described inline) and the citations.
 * A citation names an existing source by `sourceId`, or describes a new one with at least a title.
 */
export function citationsFromInput(inputs: CitationInput[], where: string): { sources: ImportSource[]; citations: ImportCitation[] } {
  const sources: ImportSource[] = [];
  const citations: ImportCitation[] = [];
  inputs.forEach((input, index) => {
    const badUrl = input.url ? urlProblem(input.url) : null;
    if (badUrl) throw new BadUserInputError(`${where}.sources[${index}].url "${shownValue(input.url!)}" ${badUrl}.`);
    const credibility = input.credibility ?? null;
    if (credibility !== null && !(Number.isInteger(credibility) && credibility >= 1 && credibility <= 6)) {
      throw new BadUserInputError(`${where}.sources[${index}].credibility must be a whole number from 1 to 6, got ${credibility}.`);
    }
    if (
      !input.title &&
      (input.reliability || input.origin || input.derivedFrom?.length || input.publishedInferred || input.publishedNote)
    ) {
      throw new BadUserInputError(
        `${where}.sources[${index}]: reliability, origin, derivedFrom, publishedInferred and publishedNote describe a new source (with a title); grade an existing one with updateSource.`,
      );
    }
    const dateProblem = inferredDateProblem({ published: input.published ?? null, publishedInferred: input.publishedInferred ?? false });
    if (dateProblem) throw new BadUserInputError(`${where}.sources[${index}] ${dateProblem}.`);
    if (input.title) {
      const id = input.sourceId ?? `src-${slug(input.title).slice(0, 40)}-${shortHash(`${input.title}|${input.url ?? ''}`)}`;
      sources.push({
        id,
        title: input.title,
        publisher: input.publisher ?? null,
        url: input.url ?? null,
        published: input.published ?? null,
        ...(input.publishedInferred ? { publishedInferred: true } : {}),
        ...(input.publishedNote?.trim() ? { publishedNote: input.publishedNote.trim() } : {}),
        reliability: input.reliability ?? null,
        origin: input.origin?.trim() || null,
        derivedFrom: input.derivedFrom ?? [],
      });
      citations.push({ source: id, excerpt: input.excerpt ?? null, credibility });
    } else if (input.sourceId) {
      citations.push({ source: input.sourceId, excerpt: input.excerpt ?? null, credibility });
    } else {
      throw new BadUserInputError(`${where}.sources[${index}] needs a sourceId (an existing source) or a title (a new one).`);
    }
  });
  return { sources, citations };
}

/**
 * The stored citations with the new ones after them; a new one citing the same source with the same excerpt as a
 * stored one is already there. An edit adds evidence: it never drops what was cited before (retracting does that,
 * in the audit history).
 */
export function withCitationsAdded(stored: readonly ImportCitation[], added: readonly ImportCitation[]): ImportCitation[] {
  return [...stored, ...added.filter((c) => !stored.some((b) => b.source === c.source && b.excerpt === c.excerpt))];
}

/** Markings given with an edit (ids or TLP names) as marking-definition ids; an unknown one is refused. */
export function markingIds(given: string[], where: string): string[] {
  return given.map((text, index) => {
    const id = markingIdOf(text);
    if (!id) throw new BadUserInputError(`${where}[${index}] "${text}" is neither a marking-definition id nor a TLP name (TLP:RED, ...).`);
    return id;
  });
}

function citationsOf(cited: Citation[]): ImportCitation[] {
  return cited.map((citation) => ({ source: citation.id, excerpt: citation.excerpt, credibility: citation.credibility }));
}

/**
 * STIX bookkeeping of a stored element, to re-write it with a change: everything but `modified`, which an edit
 * leaves out so that the import pipeline advances it (an element with the same `modified` would be kept as it was).
 */
function bookkeepingToImport(record: StixBookkeeping): ImportBookkeeping {
  return {
    stixObject: record.stixObject ? (JSON.parse(record.stixObject) as Record<string, unknown>) : null,
    created: record.created,
    modified: null,
    markings: record.markings,
    revoked: record.revoked,
    deprecated: record.deprecated,
  };
}

/** An entity as the graph holds it -> the import form, to re-write it with a change. */
export function entityToImport(record: EntityRecord): ImportEntity {
  return {
    ...bookkeepingToImport(record),
    externalIds: record.externalIds,
    id: record.id,
    kind: record.kind,
    name: record.name,
    aliases: record.aliases,
    description: record.description,
    date: record.date,
    properties: Object.fromEntries(Object.entries(record.properties).filter(([, value]) => value !== null)),
    sources: citationsOf(record.sources),
    extra: record.extra ? (JSON.parse(record.extra) as Record<string, unknown>) : null,
  };
}

/** A relationship as the graph holds it -> the import form, to re-write it with a change. */
export function relationshipToImport(record: RelationshipRecord): ImportRelationship {
  return {
    ...bookkeepingToImport(record),
    count: record.count,
    id: record.id,
    type: record.type as ImportRelationship['type'],
    from: record.from.id,
    to: record.to.id,
    stance: record.stance,
    confidence: record.confidence,
    since: record.since,
    until: record.until,
    description: record.description,
    sources: citationsOf(record.sources),
    disputedBy: record.disputedBy.map((entity) => entity.id),
    extra: record.extra ? (JSON.parse(record.extra) as Record<string, unknown>) : null,
  };
}
