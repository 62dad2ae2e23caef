/**
 * The one mapping between a STIX domain object's properties and an entity's fields, both ways: `deriveEntity`
 * reads an object (import), `overlayEntity` writes changed fields back into it (edits, export). For an object
 * nobody edited, overlay(object, derive(object)) gives the object back unchanged, which is what lets an export
 * give every imported object back as it came. What a STIX type has no property for comes back as `residual`,
 * for the project's extension. docs/import-formats.md has this mapping as a table.
 */
import { dateProperties, kindProperties, type EntityKindName } from '../model.js';
import { kindOfStixObject } from './kinds.js';
import { externalIdsOf, withoutCitationMarkers } from './references.js';
import { snakeCase, stixTimestamp } from './ids.js';
import type { ExtensionProperties } from './extension.js';

export type StixObjectMap = Record<string, unknown>;

/** An entity's fields that a STIX object carries. */
export interface EntityFields {
  kind: EntityKindName;
  name: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  properties: Record<string, string>;
  externalIds: string[];
  markings: string[];
  created: string | null;
  modified: string | null;
  revoked: boolean;
  deprecated: boolean;
}

/** What entityFieldsOf reads: a stored entity record or an imported entity (absent bookkeeping reads as none). */
interface EntityLike {
  kind: EntityKindName;
  name: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  properties: Record<string, string | null>;
  externalIds?: string[];
  markings?: string[];
  created?: string | null;
  modified?: string | null;
  revoked?: boolean;
  deprecated?: boolean;
}

/** An entity's fields as the STIX overlay writes them into an object (export, and the kept copy on import). */
export function entityFieldsOf(entity: EntityLike): EntityFields {
  return {
    kind: entity.kind,
    name: entity.name,
    aliases: entity.aliases,
    description: entity.description,
    date: entity.date,
    properties: Object.fromEntries(Object.entries(entity.properties).filter((entry): entry is [string, string] => entry[1] !== null)),
    externalIds: entity.externalIds ?? [],
    markings: entity.markings ?? [],
    created: entity.created ?? null,
    modified: entity.modified ?? null,
    revoked: entity.revoked ?? false,
    deprecated: entity.deprecated ?? false,
  };
}

/** The entity's date, per STIX type: the day a report was published, a campaign or incident first seen. */
const dateFields: Record<string, string> = { report: 'published', incident: 'first_seen', campaign: 'first_seen' };

/** Where each kind-specific property is found in STIX (the first field present wins). */
const propertyFields: Record<string, string[]> = {
  firstSeen: ['first_seen'],
  lastSeen: ['last_seen'],
  sector: ['sectors'],
  role: ['roles'],
  countryCode: ['country'],
  isoCode: ['country'],
  statement: ['content', 'explanation'],
  killChainPhases: ['kill_chain_phases'],
  pattern: ['pattern'],
  patternType: ['pattern_type'],
  validFrom: ['valid_from'],
  validUntil: ['valid_until'],
  firstObserved: ['first_observed'],
  lastObserved: ['last_observed'],
  numberObserved: ['number_observed'],
  context: ['context'],
  product: ['product'],
  result: ['result'],
};

/** STIX types with a `name`, `description` and `aliases` property (spec section 4). */
const typesWithName = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);
const typesWithoutDescription = new Set(['note', 'opinion', 'observed-data', 'malware-analysis']);
const typesWithAliases = new Set(['campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool']);

/** Properties that are STIX bookkeeping, kept on the element itself rather than in `extra`. */
export const bookkeepingProperties = new Set([
  'type',
  'spec_version',
  'id',
  'created',
  'modified',
  'created_by_ref',
  'object_marking_refs',
  'granular_markings',
  'external_references',
  'lang',
  'labels',
  'revoked',
  'extensions',
  'confidence',
]);

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** `phase (kill chain)` entries joined by ` | `, as the killChainPhases property holds them. */
function killChainText(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const phases = value
    .filter((phase): phase is { kill_chain_name: string; phase_name: string } => Boolean(phase?.phase_name && phase?.kill_chain_name))
    .map((phase) => `${phase.phase_name} (${phase.kill_chain_name})`);
  return phases.length > 0 ? phases.join(' | ') : null;
}

function killChainPhases(textValue: string): { kill_chain_name: string; phase_name: string }[] {
  return textValue
    .split('|')
    .map((part) => /^\s*(.+?)\s*\((.+)\)\s*$/.exec(part))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ kill_chain_name: match[2], phase_name: match[1] }));
}

/** A property's value as the entity holds it (text; dates as YYYY-MM-DD, lists joined). */
function readProperty(object: StixObjectMap, property: string): { field: string; value: string } | null {
  for (const field of propertyFields[property] ?? []) {
    const raw = object[field];
    if (raw === undefined || raw === null) continue;
    let value: string | null;
    if (property === 'killChainPhases') value = killChainText(raw);
    else if (Array.isArray(raw)) value = raw.length > 0 ? raw.join(', ') : null;
    else if (typeof raw === 'number') value = String(raw);
    else value = text(raw);
    if (value !== null) return { field, value: dateProperties.has(property) ? value.slice(0, 10) : value };
  }
  return null;
}

/** An SCO or custom object's display name: its name, else its value (an address, a domain), else type and id. */
function nameOf(object: StixObjectMap): string {
  const statement = text(object.explanation) ?? text(object.content);
  const shortStatement = statement && (statement.length > 100 ? `${statement.slice(0, 99).trimEnd()}…` : statement);
  return (
    text(object.name)?.trim() ??
    text(object.abstract)?.trim() ??
    text(object.value)?.trim() ??
    shortStatement ??
    `${String(object.type)} ${String(object.id)}`
  );
}

/** The kind-specific properties of `kind` that an object's standard fields give. */
export function propertiesOf(object: StixObjectMap, kind: EntityKindName): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const property of kindProperties[kind]) {
    const found = readProperty(object, property);
    if (found) properties[property] = found.value;
  }
  return properties;
}

/** The entity fields a STIX object gives (the kind from its type; the project's extension may say otherwise). */
export function deriveEntity(object: StixObjectMap): EntityFields {
  const type = String(object.type);
  const kind = kindOfStixObject(object as { type: string });
  const name = nameOf(object);
  const aliases = texts(object.aliases ?? object.x_mitre_aliases).filter((alias) => alias !== name);
  const properties = propertiesOf(object, kind);
  const dateField = dateFields[type];
  const description = text(object.description);
  return {
    kind,
    name,
    aliases,
    description: description === null ? null : withoutCitationMarkers(description) || null,
    date: dateField && text(object[dateField]) ? String(object[dateField]).slice(0, 10) : null,
    properties,
    externalIds: externalIdsOf(object),
    markings: texts(object.object_marking_refs),
    created: text(object.created),
    modified: text(object.modified),
    revoked: object.revoked === true,
    deprecated: object.x_mitre_deprecated === true,
  };
}

/** Properties the mapping reads: the rest of a third-party object is shown as the entity's `extra`. */
export function mappedEntityProperties(object: StixObjectMap): Set<string> {
  const type = String(object.type);
  const mapped = new Set([...bookkeepingProperties, 'name', 'description', 'aliases', 'x_mitre_aliases', 'x_mitre_deprecated']);
  if (dateFields[type]) mapped.add(dateFields[type]);
  for (const property of kindProperties[kindOfStixObject(object as { type: string })]) {
    const found = readProperty(object, property);
    if (found) mapped.add(found.field);
  }
  if (type === 'note' && text(object.abstract)) mapped.add('abstract');
  return mapped;
}

/** The custom and standard properties the model has no field for (malware_types, x_mitre_platforms, ...), or null. */
export function extraOfObject(object: StixObjectMap): Record<string, unknown> | null {
  const mapped = mappedEntityProperties(object);
  const extra = Object.fromEntries(Object.entries(object).filter(([key]) => !mapped.has(key)));
  return Object.keys(extra).length > 0 ? extra : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Sets or removes a property (removing when the value is null or an empty list). */
function put(object: StixObjectMap, key: string, value: unknown) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) delete object[key];
  else object[key] = value;
}

/** Writes one kind-specific property into its STIX field; false when the object's type has none for it. */
function writeProperty(object: StixObjectMap, property: string, value: string | undefined): boolean {
  const type = String(object.type);
  const current = readProperty(object, property);
  const field = current?.field ?? propertyFields[property]?.find((candidate) => fieldFits(type, candidate));
  if (!field) return false;
  if (value === undefined) put(object, field, null);
  else if (property === 'killChainPhases') put(object, field, killChainPhases(value));
  else if (field === 'sectors' || field === 'roles') put(object, field, value.split(/,\s*/));
  else if (field === 'number_observed') put(object, field, Number(value));
  else if (dateProperties.has(property)) {
    const kept = typeof object[field] === 'string' && String(object[field]).slice(0, 10) === value;
    if (!kept) put(object, field, stixTimestamp(value));
  } else put(object, field, value);
  return true;
}

/** Which STIX type has which of the property fields (spec section 4). */
const fieldsByType: Record<string, string[]> = {
  campaign: ['first_seen', 'last_seen'],
  'intrusion-set': ['first_seen', 'last_seen'],
  'threat-actor': ['first_seen', 'last_seen', 'roles'],
  infrastructure: ['first_seen', 'last_seen', 'kill_chain_phases'],
  identity: ['sectors', 'roles'],
  location: ['country'],
  note: ['content'],
  opinion: ['explanation'],
  'attack-pattern': ['kill_chain_phases'],
  indicator: ['pattern', 'pattern_type', 'valid_from', 'valid_until', 'kill_chain_phases'],
  malware: ['first_seen', 'last_seen', 'kill_chain_phases'],
  tool: ['kill_chain_phases'],
  'observed-data': ['first_observed', 'last_observed', 'number_observed'],
  grouping: ['context'],
  'malware-analysis': ['product', 'result'],
};

function fieldFits(type: string, field: string): boolean {
  return fieldsByType[type]?.includes(field) ?? false;
}

/**
 * The object with the entity's fields written where they differ from what it says, and what it could not take
 * (`residual`, for the project's extension, with extension property names). The object is not changed in place.
 */
export function overlayEntity(base: StixObjectMap, entity: EntityFields): { object: StixObjectMap; residual: ExtensionProperties } {
  const object: StixObjectMap = structuredClone(base);
  const type = String(object.type);
  const residual: ExtensionProperties = {};
  const derived = deriveEntity(base);
  if (entity.kind !== derived.kind) residual.kind = entity.kind;
  if (entity.name !== derived.name) {
    if (typesWithName.has(type) || 'name' in object) object.name = entity.name;
    else if (type === 'note') object.abstract = entity.name;
    else residual.name = entity.name;
  }
  if (entity.description !== derived.description) {
    if (!typesWithoutDescription.has(type) || 'description' in object) put(object, 'description', entity.description);
    else residual.description = entity.description;
  }
  if (!same(entity.aliases, derived.aliases)) {
    const mitre = Array.isArray(object.x_mitre_aliases) && !('aliases' in object);
    if (mitre) {
      const withName = texts(object.x_mitre_aliases).includes(derived.name);
      object.x_mitre_aliases = withName ? [entity.name, ...entity.aliases] : entity.aliases;
    } else if (typesWithAliases.has(type) || 'aliases' in object) put(object, 'aliases', entity.aliases);
    else residual.aliases = entity.aliases;
  }
  if (entity.date !== derived.date) {
    const field = dateFields[type];
    if (field && entity.date) object[field] = stixTimestamp(entity.date);
    else residual.date = entity.date;
  }
  const changed: Record<string, string> = {};
  for (const property of new Set([...Object.keys(entity.properties), ...Object.keys(derived.properties)])) {
    if (entity.properties[property] === derived.properties[property]) continue;
    if (!writeProperty(object, property, entity.properties[property])) changed[snakeCase(property)] = entity.properties[property];
  }
  Object.assign(residual, changed);
  if (!same(entity.externalIds, derived.externalIds)) residual.external_ids = entity.externalIds;
  if (!same(entity.markings, derived.markings)) put(object, 'object_marking_refs', entity.markings);
  // An object without timestamps (a cyber observable) gets none: the graph's are its own bookkeeping.
  if (entity.created && 'created' in object && entity.created !== derived.created) object.created = entity.created;
  if (entity.modified && 'modified' in object && entity.modified !== derived.modified) object.modified = entity.modified;
  if (entity.revoked !== derived.revoked) object.revoked = entity.revoked;
  if (entity.deprecated !== derived.deprecated) {
    if ('x_mitre_deprecated' in object) object.x_mitre_deprecated = entity.deprecated;
    else residual.deprecated = entity.deprecated;
  }
  return { object, residual };
}
