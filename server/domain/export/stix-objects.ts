import { defaultCredibility, kindProperties } from '../model.js';
import { compact, type ExtensionProperties } from '../stix/extension.js';
import { snakeCase, stixTimestamp } from '../stix/ids.js';
import type { Citation, EntityRecord } from '../types.js';

export type StixObject = Record<string, unknown>;

// STIX lets only these types carry aliases, and note and opinion have neither name nor description.
const typesWithAliases = new Set(['threat-actor', 'intrusion-set', 'campaign', 'malware', 'tool', 'infrastructure']);
const typesWithoutName = new Set(['note', 'opinion', 'observed-data']);

// Sectors from STIX's industry-sector-ov that our free-text `sector` values can name exactly.
const stixSectors = new Set([
  'telecommunications',
  'aviation',
  'defense',
  'energy',
  'financial-services',
  'government',
  'healthcare',
  'technology',
  'transportation',
]);

/**
 * A source and excerpt as the project's extension carries them: the Source record as the graph holds it (its
 * reliability, origin, derivedFrom and an inferred publication date's flag and note when stated), the excerpt, and
 * the citation's credibility when judged (not 6). Empty fields are left out.
 */
export function sourceEntry(citation: Citation): Record<string, unknown> {
  const { markings: _markings, credibility, publishedInferred, ...entry } = citation;
  return compact({
    ...entry,
    ...(publishedInferred ? { publishedInferred } : {}),
    ...(credibility !== defaultCredibility ? { credibility } : {}),
  } as Record<string, unknown>);
}

/**
 * Citations as STIX external references: who published it, the excerpt, our source id. The URL is not among
 * them: STIX asks for the hashes of a referenced document's contents beside its url, which the graph does not
 * hold, so a url there would be an error of the strict validator (check 302); the exact source records, url
 * included, travel in the project's extension (`sources`).
 */
export function externalReferences(sources: Citation[]): StixObject[] {
  return sources.map((source) =>
    compact({ source_name: source.publisher ?? source.title, description: source.excerpt, external_id: source.id }),
  );
}

/** The type-specific STIX properties of a project entity (beside the common ones). */
function typeProperties(entity: EntityRecord, countryHint: string | null): StixObject {
  const p = entity.properties;
  const at = (date: string | null | undefined) => (date ? stixTimestamp(date) : null);
  switch (entity.kind) {
    case 'THREAT_ACTOR':
      return { threat_actor_types: ['unknown'], first_seen: at(p.firstSeen) };
    case 'INTRUSION_SET':
    case 'INFRASTRUCTURE':
      return {
        ...(entity.kind === 'INFRASTRUCTURE' ? { infrastructure_types: ['unknown'] } : {}),
        first_seen: at(p.firstSeen),
        last_seen: p.lastSeen && p.lastSeen !== p.firstSeen ? at(p.lastSeen) : null,
      };
    case 'STATE':
      return { identity_class: 'organization', sectors: ['government-national'] };
    case 'ORGANIZATION':
      return { identity_class: 'organization', sectors: p.sector && stixSectors.has(p.sector) ? [p.sector] : null };
    case 'PERSON':
      return { identity_class: 'individual', roles: p.role ? [p.role] : null };
    case 'GROUP':
      return { identity_class: 'group' };
    case 'LOCATION':
      // STIX needs a country, a region or coordinates; "unknown" is the honest region when we have none.
      return p.countryCode || countryHint ? { country: p.countryCode ?? countryHint } : { region: 'unknown' };
    case 'CAMPAIGN':
      return { first_seen: at(p.firstSeen), last_seen: p.lastSeen && p.lastSeen !== p.firstSeen ? at(p.lastSeen) : null };
    case 'MALWARE':
      return { is_family: true, malware_types: ['unknown'] };
    case 'TOOL':
      return { tool_types: ['unknown'] };
    case 'CLAIM':
      return { content: p.statement ?? entity.name, abstract: entity.name };
    case 'DENIAL':
      return { opinion: 'strongly-disagree', explanation: p.statement ?? entity.name };
    case 'REPORT':
      return { report_types: ['threat-report'] };
    case 'INDICATOR':
      return {
        indicator_types: ['unknown'],
        pattern: p.pattern ?? null,
        pattern_type: p.patternType ?? (p.pattern ? 'stix' : null),
        valid_from: at(p.validFrom ?? entity.date),
        valid_until: at(p.validUntil),
      };
    case 'OBSERVED_DATA':
      return {
        first_observed: at(p.firstObserved),
        last_observed: at(p.lastObserved ?? p.firstObserved),
        number_observed: Number(p.numberObserved ?? 1),
      };
    case 'GROUPING':
      return { context: p.context ?? 'unspecified' };
    case 'MALWARE_ANALYSIS':
      return { product: p.product ?? 'unknown', result: p.result ?? null };
    default:
      return {};
  }
}

/**
 * The project's extension properties of a project entity: all of its model, so an import reads it back whole
 * whatever the standard properties could hold (`rendered` says so).
 */
function entityExtension(entity: EntityRecord, stixId: string): ExtensionProperties {
  return {
    rendered: true,
    local_id: entity.id === stixId ? null : entity.id,
    kind: entity.kind,
    name: entity.name,
    description: entity.description,
    aliases: entity.aliases,
    date: entity.date,
    ...Object.fromEntries(kindProperties[entity.kind].map((key) => [snakeCase(key), entity.properties[key]])),
    external_ids: entity.externalIds,
    deprecated: entity.deprecated || null,
    sources: entity.sources.map(sourceEntry),
    extra: entity.extra ? (JSON.parse(entity.extra) as unknown) : null,
  };
}

/** A project entity as a STIX domain object, and its extension properties (without object_refs, which need the whole subgraph). */
export function renderEntity(
  entity: EntityRecord,
  type: string,
  id: string,
  timestamps: { created: string; modified: string },
  countryHint: string | null,
): { object: StixObject; extension: ExtensionProperties } {
  const named = !typesWithoutName.has(type);
  const vulnerabilityRef =
    entity.kind === 'VULNERABILITY' && /^CVE-\d{4}-\d+$/i.test(entity.name)
      ? [{ source_name: 'cve', external_id: entity.name.toUpperCase() }]
      : [];
  const references = [...vulnerabilityRef, ...externalReferences(entity.sources)];
  const object = compact({
    type,
    spec_version: '2.1',
    id,
    created: timestamps.created,
    modified: timestamps.modified,
    name: named ? entity.name : null,
    description: named && type !== 'malware-analysis' ? entity.description : null,
    aliases: typesWithAliases.has(type) && entity.aliases.length > 0 ? entity.aliases : null,
    ...typeProperties(entity, countryHint),
    external_references: references,
    object_marking_refs: entity.markings,
    revoked: entity.revoked || null,
  });
  return { object, extension: entityExtension(entity, id) };
}
