import { BadUserInputError } from '../errors.js';
import { isCalendarDate } from '../../shared/calendar-date.js';
import { isRelationshipType, relationshipTypes, stances, type StanceName } from './model.js';
import type { RelationshipFilterInput } from './types.js';

/** The filter as Cypher parameters: absent lists are null, meaning "any". */
export interface FilterParams {
  types: string[] | null;
  minConfidence: number;
  stances: StanceName[] | null;
  asOf: string | null;
}

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
  return { types: types && types.length > 0 ? types : null, minConfidence, stances: chosenStances, asOf };
}
