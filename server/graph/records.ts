import neo4j from 'neo4j-driver';

/**
 * Neo4j values -> plain JSON-friendly values: Integers become numbers, temporal values ISO strings,
 * nodes and relationships their properties. The one place that knows Neo4j's value types.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Most values are strings and numbers: answer those before any type test (this runs for every value read).
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDate(value)) return isoDate(value as { year: unknown; month: unknown; day: unknown });
  if (
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) {
    return toPlain((value as { properties: unknown }).properties);
  }
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(value)) plain[key] = toPlain((value as Record<string, unknown>)[key]);
  return plain;
}

/**
 * A Neo4j Date as YYYY-MM-DD from its fields; the driver's own toString goes through 64-bit Integer
 * arithmetic, a visible share of a large read's time. Years outside 0-9999 take the driver's format.
 */
function isoDate(date: { year: unknown; month: unknown; day: unknown }): string {
  const year = Number(date.year);
  if (year < 0 || year > 9999) return String(date);
  return `${String(year).padStart(4, '0')}-${String(Number(date.month)).padStart(2, '0')}-${String(Number(date.day)).padStart(2, '0')}`;
}

/** A driver record as a plain object keyed by the query's RETURN names. */
export function recordToObject(record: { keys: readonly PropertyKey[]; get(key: PropertyKey): unknown }): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
  return row;
}

export type Neo4jDate = InstanceType<typeof neo4j.types.Date>;

/** An ISO calendar date (YYYY-MM-DD) as a Neo4j Date, so range comparisons in Cypher work; null stays null. */
export function toNeo4jDate(iso: string | null | undefined): Neo4jDate | null {
  if (!iso) return null;
  const [year, month, day] = iso.split('-').map(Number);
  return new neo4j.types.Date(year, month, day);
}

/**
 * Plain values -> Cypher parameters: whole JS numbers become Neo4j Integers (JS numbers travel as floats,
 * which LIMIT and integer properties refuse); Neo4j values such as Dates pass through untouched.
 */
export function toParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, toParams(inner)]));
  }
  return value;
}
