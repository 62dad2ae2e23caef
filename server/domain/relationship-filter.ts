import { BadUserInputError } from '../errors.js';
import { isCalendarDate } from '../../shared/calendar-date.js';
import { isRelationshipType, relationshipTypes, stances, type StanceName } from './model.js';
import { unstatedConfidenceWeight } from './confidence.js';
import { originKey, originOf } from './sources/source-evidence.js';
import type { RelationshipFilterInput } from './types.js';

/** The filter as Cypher parameters: absent lists are null, meaning "any". */
export interface FilterParams {
  types: string[] | null;
  minConfidence: number;
  stances: StanceName[] | null;
  asOf: string | null;
  /** The what-if's sources to leave out (named, or of the origins named), null for none. */
  excludedSources: string[] | null;
  /** Also keep revoked or deprecated links, and links touching a revoked or deprecated entity. */
  includeRetired: boolean;
  /** How a link whose confidence is not stated ranks where a number is needed (server/domain/confidence.ts). */
  unstatedConfidence: number;
  /** Knowledge time: links known by the end of this day (knowledge-time.ts), null for all. */
  knownAsOf: string | null;
  /** With knownAsOf: keep links with no known date. */
  includeUndated: boolean;
}

/** Every source's id and what decides its origin (graph/find-source-origins). */
export type ReadSourceOrigins = () => Promise<{ id: string; origin: string | null; publisher: string | null; title: string | null }[]>;

/** Most sources and origins one what-if may name. */
export const whatIfLimits = { maxExcluded: 500 } as const;

/** Checks a date argument and says what is expected when it is wrong. */
export function checkDate(value: string, argument: string): string {
  if (!isCalendarDate(value)) {
    throw new BadUserInputError(`${argument} must be a date written YYYY-MM-DD, got "${value}".`);
  }
  return value;
}

/** Checks that a whole-number argument lies in its allowed range. */
export function checkRange(value: number, argument: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`${argument} must be a whole number from ${min} to ${max}, got ${value}.`);
  }
  return value;
}

/**
 * Validates a RelationshipFilter. `defaultStances` applies when the caller names none: paths leave
 * DENIED links out unless asked, neighbourhoods show everything.
 */
export function toFilterParams(
  filter: RelationshipFilterInput | null | undefined,
  defaultStances: StanceName[] | null = null,
): FilterParams {
  const types = filter?.types ?? null;
  if (types) {
    const unknown = types.filter((type) => !isRelationshipType(type));
    if (unknown.length > 0) {
      throw new BadUserInputError(`Unknown relationship type ${unknown.join(', ')}; known types are ${relationshipTypes.join(', ')}.`);
    }
  }
  const minConfidence = checkRange(filter?.minConfidence ?? 0, 'filter.minConfidence', 0, 100);
  const chosenStances = filter?.stances && filter.stances.length > 0 ? filter.stances : defaultStances;
  if (chosenStances?.some((stance) => !(stances as readonly string[]).includes(stance))) {
    throw new BadUserInputError(`filter.stances takes ${stances.join(', ')}.`);
  }
  const asOf = filter?.asOf ? checkDate(filter.asOf, 'filter.asOf') : null;
  const knownAsOf = filter?.knownAsOf ? checkDate(filter.knownAsOf, 'filter.knownAsOf') : null;
  const excludeSources = filter?.excludeSources ?? [];
  if (excludeSources.length > whatIfLimits.maxExcluded || (filter?.excludeOrigins?.length ?? 0) > whatIfLimits.maxExcluded) {
    throw new BadUserInputError(`filter.excludeSources and filter.excludeOrigins take at most ${whatIfLimits.maxExcluded} names each.`);
  }
  return {
    types: types && types.length > 0 ? types : null,
    minConfidence,
    stances: chosenStances,
    asOf,
    excludedSources: excludeSources.length > 0 ? [...new Set(excludeSources)] : null,
    includeRetired: filter?.includeRetired ?? false,
    unstatedConfidence: unstatedConfidenceWeight,
    knownAsOf,
    includeUndated: filter?.includeUndated ?? false,
  };
}

/**
 * The filter with its what-if resolved: the sources of every origin named in excludeOrigins (compared
 * normalised, as evidence groups compare them) join the sources named in excludeSources. Origins are read only
 * when some are named.
 */
export async function resolveFilterParams(
  filter: RelationshipFilterInput | null | undefined,
  defaultStances: StanceName[] | null,
  readOrigins: ReadSourceOrigins,
): Promise<FilterParams> {
  const params = toFilterParams(filter, defaultStances);
  const origins = new Set((filter?.excludeOrigins ?? []).map(originKey).filter(Boolean));
  if (origins.size === 0) return params;
  const ofOrigins = (await readOrigins())
    .filter((source) => origins.has(originKey(originOf({ ...source, title: source.title ?? source.id }))))
    .map((source) => source.id);
  // An origin nobody cites still leaves out nothing, rather than everything: the list stays non-empty.
  const excluded = [...new Set([...(params.excludedSources ?? []), ...ofOrigins])];
  return { ...params, excludedSources: excluded.length > 0 ? excluded : null };
}
