import { v5 as uuidv5 } from 'uuid';

/**
 * STIX ids for the project's own elements: the SHA-1 name-based UUID (RFC 4122 version 5) of our stable id in
 * this fixed namespace, with the version digit set to 4, because STIX 2.1 asks domain and relationship objects
 * for UUIDv4 (the validator's strict check 103). The same element always gets the same id, in every export and
 * every installation, so re-imports match up; the hash is as collision-free as a random v4 id. Never change the
 * namespace or the recipe: bundles exported so far would stop matching. (Exports before this carried version 5
 * and `x_ae_id`, which the importer still reads.)
 */
export const stixNamespace = 'a088d37f-15fd-404f-89a9-0d252dc421d3';

/** `type--uuid`, the only id form STIX 2.1 allows. */
export const stixIdPattern = /^([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isStixId(value: unknown): value is string {
  return typeof value === 'string' && stixIdPattern.test(value);
}

/** The object type a STIX id names (`intrusion-set` for `intrusion-set--...`). */
export function typeOfStixId(id: string): string {
  return id.slice(0, id.indexOf('--'));
}

/** The deterministic STIX id of a project element of that STIX type (an id that already is one of that type stays). */
export function stixIdFor(type: string, stableId: string): string {
  if (isStixId(stableId) && typeOfStixId(stableId) === type) return stableId;
  const uuid = uuidv5(stableId, stixNamespace);
  return `${type}--${uuid.slice(0, 14)}4${uuid.slice(15)}`;
}

/** A calendar date as a STIX timestamp (millisecond precision, UTC). */
export function stixTimestamp(date: string): string {
  return `${date.slice(0, 10)}T00:00:00.000Z`;
}

/** `firstSeen` -> `first_seen`: STIX property names are lowercase with underscores. */
export function snakeCase(property: string): string {
  return property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * A STIX timestamp as a string that sorts in time order: the instant to the millisecond (ISO, UTC), then the
 * digits below the millisecond, so 2025-04-16T20:37:51.908Z and 2025-04-16T20:37:51.9080001Z order correctly.
 * Null for text that is not a timestamp.
 */
export function timestampKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) return null;
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return `${new Date(millis).toISOString()}${fraction.slice(3).padEnd(6, '0')}`;
}

/** -1, 0 or 1 as timestamp a is before, at or after b; a missing timestamp is before any other. */
export function compareTimestamps(a: string | null | undefined, b: string | null | undefined): number {
  const [x, y] = [timestampKey(a) ?? '', timestampKey(b) ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The latest of some ISO dates, or null when none is given. */
export function latestDate(dates: (string | null | undefined)[]): string | null {
  return (
    dates
      .filter((date): date is string => Boolean(date))
      .sort()
      .at(-1) ?? null
  );
}
