/**
 * A link as the path search reads it, packed into one whole number by graph/expand-for-paths.cypher:
 *
 *   code = ((type * 4 + stance) * 2 + outgoing) * 32 + min(citations, 31)
 *
 * `type` and `stance` are indexes into the vocabulary's lists, `outgoing` is 1 when the expanded entity is the
 * link's start. One number per link instead of four values: a search reads thousands of links per request.
 */
import { relationshipTypes, stances, type RelationshipTypeName, type StanceName } from '../model.js';

/** 31 stands for "31 or more": a bound must then assume any number. */
export const manyCitations = 31;

export interface LinkCode {
  type: number;
  stance: number;
  outgoing: boolean;
  citations: number;
}

export function encodeLink(code: LinkCode): number {
  return ((code.type * 4 + code.stance) * 2 + (code.outgoing ? 1 : 0)) * 32 + Math.min(code.citations, manyCitations);
}

export function decodeLink(code: number): LinkCode {
  const citations = code % 32;
  const rest = (code - citations) / 32;
  const outgoing = rest % 2 === 1;
  const typeAndStance = (rest - (outgoing ? 1 : 0)) / 2;
  return { type: Math.floor(typeAndStance / 4), stance: typeAndStance % 4, outgoing, citations };
}

/** The maps the statement reads type and stance indexes from. */
export const typeCodes: Record<string, number> = Object.fromEntries(relationshipTypes.map((type, index) => [type, index]));
export const stanceCodes: Record<string, number> = Object.fromEntries(stances.map((stance, index) => [stance, index]));

export function typeName(index: number): RelationshipTypeName {
  return relationshipTypes[index];
}
export function stanceName(index: number): StanceName {
  return stances[index];
}
