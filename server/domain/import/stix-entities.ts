import { dateProperties, kindProperties } from '../model.js';
import { deriveEntity, extraOfObject, propertiesOf } from '../stix/entity-fields.js';
import type { ImportEntity } from './document.js';
import { bookkeepingOf, stableId, type BundleObject, type StixContext } from './stix-context.js';
import { propertyOverrides, toDate, type StixObject } from './stix-schema.js';

/** The x_ae_ properties (lifted from the project's extension, or an older export's) that the mapping reads. */
const readOverrides = new Set([
  'x_ae_id',
  'x_ae_kind',
  'x_ae_rendered',
  'x_ae_name',
  'x_ae_description',
  'x_ae_aliases',
  'x_ae_date',
  'x_ae_author',
  'x_ae_sources',
  'x_ae_extra',
  'x_ae_external_ids',
  'x_ae_deprecated',
]);

/** Custom properties of one of our own objects that are not ours: kept in `extra` beside x_ae_extra. */
function extraOfRendered(object: StixObject): Record<string, unknown> | null {
  const carried = object.x_ae_extra;
  const extra: Record<string, unknown> =
    carried && typeof carried === 'object' && !Array.isArray(carried) ? { ...(carried as Record<string, unknown>) } : {};
  if (carried !== undefined && (typeof carried !== 'object' || Array.isArray(carried))) extra.x_ae_extra = carried;
  for (const [key, value] of Object.entries(object)) if (key.startsWith('x_') && !key.startsWith('x_ae_')) extra[key] = value;
  return Object.keys(extra).length > 0 ? extra : null;
}

/**
 * The entity a STIX object becomes (docs/import-formats.md, "Objects to entities"). Every object that is not a
 * link or a marking becomes one: types the model has no kind for are kept whole as STIX_OBJECT entities.
 * x_ae_ properties (the project's extension, lifted) override what the standard fields say.
 */
export function toEntity(read: BundleObject, context: StixContext): ImportEntity {
  const { object, stored, mode } = read;
  const rendered = mode === 'rendered';
  const derived = deriveEntity(stored);
  const kind = object.x_ae_kind ?? derived.kind;
  const properties: Record<string, string> = rendered ? {} : kind === derived.kind ? { ...derived.properties } : propertiesOf(stored, kind);
  for (const name of kindProperties[kind]) {
    const override = object[propertyOverrides.get(name)!] as string | undefined;
    if (override !== undefined) properties[name] = dateProperties.has(name) ? toDate(override)! : override;
  }
  const extra =
    mode !== 'third-party'
      ? extraOfRendered(object)
      : (() => {
          const all = extraOfObject(stored);
          if (!all) return null;
          const read = new Set([...readOverrides, ...kindProperties[kind].map((name) => propertyOverrides.get(name)!)]);
          const kept = Object.fromEntries(Object.entries(all).filter(([key]) => !read.has(key)));
          return Object.keys(kept).length > 0 ? kept : null;
        })();
  return {
    id: stableId(object),
    kind,
    name: object.x_ae_name ?? derived.name,
    aliases: object.x_ae_aliases ?? (rendered ? [] : derived.aliases),
    description: object.x_ae_description !== undefined ? object.x_ae_description : rendered ? null : derived.description,
    // Our export writes the date whenever there is one, so for its objects no date there means none.
    date: object.x_ae_date ? toDate(object.x_ae_date) : mode !== 'third-party' ? null : derived.date,
    properties,
    sources: context.citations({ object, stored, mode }),
    extra,
    externalIds: object.x_ae_external_ids ?? (rendered ? [] : derived.externalIds),
    ...bookkeepingOf(read, derived, context),
  };
}
