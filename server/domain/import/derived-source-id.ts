import { createHash } from 'node:crypto';

/**
 * A stable source id for a document that arrives without one of ours (a STIX external reference, a CSV row
 * that defines a source by title): the same key always gives the same id, so re-imports update in place.
 */
export function derivedSourceId(key: string): string {
  return `src-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}
