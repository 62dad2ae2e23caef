import type { EntityKindName } from '../model.js';
import { isAllowedUrl } from '../../../shared/url-policy.js';
import type { Citation, EntityRecord } from '../types.js';
import { exportEvidence } from '../sources/stix-evidence.js';
import { customName, stixTimestamp } from './stix-ids.js';

export type StixObject = Record<string, unknown>;

/** Our kind -> STIX type. A report with nothing to refer to becomes a note (see export-stix.ts). */
export const stixTypes: Record<EntityKindName, string> = {
  THREAT_ACTOR: 'threat-actor',
  STATE: 'identity',
  ORGANIZATION: 'identity',
  PERSON: 'identity',
  GROUP: 'identity',
  LOCATION: 'location',
  INCIDENT: 'incident',
  CAMPAIGN: 'campaign',
  MALWARE: 'malware',
  TOOL: 'tool',
  VULNERABILITY: 'vulnerability',
  REPORT: 'report',
  CLAIM: 'note',
  DENIAL: 'opinion',
  SANCTION: 'course-of-action',
  DIPLOMATIC_ACTION: 'course-of-action',
};

// STIX lets only these types carry aliases, and note/opinion have neither name nor description.
const typesWithAliases = new Set(['threat-actor', 'campaign', 'malware', 'tool']);
const typesWithoutName = new Set(['note', 'opinion']);

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
 * Citations as STIX external references, and again losslessly as `x_ae_sources`. A URL stored before the URL
 * policy existed and failing it stays in x_ae_sources only: external_references.url must be a valid URL.
 */
export function citationProperties(sources: Citation[]): StixObject {
  if (sources.length === 0) return {};
  return {
    external_references: sources.map((source) =>
      compact({
        source_name: source.publisher ?? source.title,
        description: source.excerpt,
        url: isAllowedUrl(source.url) ? source.url : null,
        external_id: source.id,
      }),
    ),
    x_ae_sources: sources.map((citation) => {
      const { id, title, publisher, url, published, excerpt } = citation;
      return { id, title, publisher, url, published, excerpt, ...exportEvidence(citation) };
    }),
  };
}

/** The type-specific STIX properties of an entity (beside the common ones export-stix.ts adds). */
function typeProperties(entity: EntityRecord, type: string, countryHint: string | null): StixObject {
  const p = entity.properties;
  switch (entity.kind) {
    case 'THREAT_ACTOR':
      return { threat_actor_types: ['unknown'], first_seen: p.firstSeen ? stixTimestamp(p.firstSeen) : null };
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
      return { first_seen: p.firstSeen ? stixTimestamp(p.firstSeen) : null, last_seen: p.lastSeen ? stixTimestamp(p.lastSeen) : null };
    case 'MALWARE':
      return { is_family: true, malware_types: ['unknown'] };
    case 'TOOL':
      return { tool_types: ['unknown'] };
    case 'CLAIM':
      return { content: p.statement ?? entity.name, abstract: entity.name };
    case 'DENIAL':
      return { opinion: 'strongly-disagree', explanation: p.statement ?? entity.name };
    case 'REPORT':
      return type === 'note' ? { content: entity.description ?? entity.name, abstract: entity.name } : { report_types: ['threat-report'] };
    default:
      return {};
  }
}

/** An entity as a STIX domain object (without object_refs, which need the whole subgraph). */
export function entityObject(entity: EntityRecord, type: string, id: string, timestamp: string, countryHint: string | null): StixObject {
  const named = !typesWithoutName.has(type);
  const aliased = typesWithAliases.has(type);
  const kindSpecific = Object.fromEntries(Object.entries(entity.properties).map(([key, value]) => [customName(key), value]));
  const vulnerabilityRef =
    entity.kind === 'VULNERABILITY' && /^CVE-\d{4}-\d+$/i.test(entity.name)
      ? [{ source_name: 'cve', external_id: entity.name.toUpperCase() }]
      : [];
  const citations = citationProperties(entity.sources);
  const references = [...vulnerabilityRef, ...((citations.external_references as StixObject[]) ?? [])];
  return compact({
    type,
    spec_version: '2.1',
    id,
    created: timestamp,
    modified: timestamp,
    name: named ? entity.name : null,
    description: named ? entity.description : null,
    aliases: aliased && entity.aliases.length > 0 ? entity.aliases : null,
    ...typeProperties(entity, type, countryHint),
    external_references: references.length > 0 ? references : null,
    x_ae_id: entity.id,
    x_ae_kind: entity.kind,
    x_ae_name: named ? null : entity.name,
    x_ae_description: named ? null : entity.description,
    x_ae_aliases: !aliased && entity.aliases.length > 0 ? entity.aliases : null,
    x_ae_date: entity.date,
    ...kindSpecific,
    x_ae_sources: citations.x_ae_sources ?? null,
    x_ae_extra: parseExtra(entity.extra),
  });
}

function parseExtra(extra: string | null): unknown {
  if (!extra) return null;
  try {
    return JSON.parse(extra);
  } catch {
    return extra;
  }
}

/** Drops null and undefined properties: STIX wants absent properties left out, not null. */
export function compact(object: StixObject): StixObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));
}
