/**
 * The project's STIX Extension Definition: the one place the explorer's own properties travel in STIX. Every
 * property the model has and STIX has no standard place for (our kind and stable id, a link's stance and
 * disputes, exact sources with their excerpts, an entity's date, kind-specific fields, ...) goes under
 * `extensions[extensionId]` of the object, as a property-extension, so exports carry no custom top-level
 * properties and pass stix2-validator --strict. Its JSON schema is docs/stix/attribution-explorer-extension.schema.json
 * (tests/unit/server/domain/stix/extension.test.ts keeps it in step with the model; the export integration tests
 * validate real exports against it).
 *
 * Issue 14's source fields (reliability, origin, derivedFrom) and citation credibility ride in `sources` too:
 * each source entry is the Source record as the graph holds it, plus the excerpt.
 */

export const extensionId = 'extension-definition--a84d7b03-ef90-474c-adad-20c993f27e69';
export const explorerIdentityId = 'identity--f19c2360-d685-4f28-a20e-1295ea3bfc87';
export const extensionSchemaFile = 'docs/stix/attribution-explorer-extension.schema.json';

const definedOn = '2026-12-01T00:00:00.000Z';

/** Who defines the extension (an extension definition must name its creator). */
export const explorerIdentity: Record<string, unknown> = {
  type: 'identity',
  spec_version: '2.1',
  id: explorerIdentityId,
  created: definedOn,
  modified: definedOn,
  name: 'Attribution Explorer',
  description: 'The knowledge-graph and attribution explorer that wrote this bundle and defines its property extension.',
  identity_class: 'system',
};

export const extensionDefinition: Record<string, unknown> = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: extensionId,
  created: definedOn,
  modified: definedOn,
  created_by_ref: explorerIdentityId,
  name: 'Attribution Explorer properties',
  description:
    "The explorer's own properties of an object, those STIX has no standard property for: its kind and stable id, a link's stance and disputes, exact sources with their excerpts, dates and kind-specific fields. An object whose `rendered` is true was written from the explorer's model; otherwise it is another producer's object and these properties are what the explorer adds or changed.",
  schema: `The JSON schema ${extensionSchemaFile} of Attribution Explorer (see docs/import-formats.md, "The project's extension").`,
  version: '1.0.0',
  extension_types: ['property-extension'],
};

/** The extension's properties on one object (snake_case, never null or empty: STIX forbids both). */
export type ExtensionProperties = Record<string, unknown>;

/** The project's extension properties of an object, or null when it has none. */
export function readExtension(object: Record<string, unknown>): ExtensionProperties | null {
  const extensions = object.extensions;
  if (!extensions || typeof extensions !== 'object' || Array.isArray(extensions)) return null;
  const ours = (extensions as Record<string, unknown>)[extensionId];
  return ours && typeof ours === 'object' && !Array.isArray(ours) ? (ours as ExtensionProperties) : null;
}

/** The object without the project's extension (and without `extensions` when nothing else is left in it). */
export function withoutExtension(object: Record<string, unknown>): Record<string, unknown> {
  if (!readExtension(object)) return object;
  const { [extensionId]: _ours, ...others } = object.extensions as Record<string, unknown>;
  const { extensions: _extensions, ...rest } = object;
  return Object.keys(others).length > 0 ? { ...rest, extensions: others } : rest;
}

/** Drops nulls, undefined values and empty lists, which STIX properties may not hold. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as T;
}

/** The object with these extension properties added (none added when `properties` is empty). */
export function withExtension(object: Record<string, unknown>, properties: ExtensionProperties): Record<string, unknown> {
  const kept = compact(properties);
  if (Object.keys(kept).length === 0) return object;
  const extensions = { ...((object.extensions as Record<string, unknown> | undefined) ?? {}) };
  extensions[extensionId] = { extension_type: 'property-extension', ...kept };
  return { ...object, extensions };
}
