import { v5 as uuidv5 } from 'uuid';

/**
 * STIX ids are `type--uuid`; ours are uuidv5 of our stable id in this fixed namespace, so exporting the
 * same entity twice (or from two installations) gives the same STIX id and re-imports match up.
 * Never change it: every bundle exported so far would stop matching.
 */
export const stixNamespace = 'a088d37f-15fd-404f-89a9-0d252dc421d3';

export function stixId(type: string, stableId: string): string {
  return `${type}--${uuidv5(stableId, stixNamespace)}`;
}

/** A calendar date as a STIX timestamp (millisecond precision, UTC). */
export function stixTimestamp(date: string): string {
  return `${date.slice(0, 10)}T00:00:00.000Z`;
}

/** `firstSeen` -> `x_ae_first_seen`: STIX property names are lowercase with underscores. */
export function customName(property: string): string {
  return `x_ae_${property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
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
