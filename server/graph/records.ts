import neo4j from 'neo4j-driver';

/**
 * Neo4j values -> plain JSON-friendly values: Integers become numbers, temporal values ISO strings,
 * nodes and relationships their properties. The one place that knows Neo4j's value types.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (
    neo4j.isDate(value) ||
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
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, toPlain(inner)]));
  }
  return value;
}

/** A driver record as a plain object keyed by the query's RETURN names. */
export function recordToObject(record: { keys: readonly PropertyKey[]; get(key: PropertyKey): unknown }): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
  return row;
}

/** An ISO calendar date (YYYY-MM-DD) as a Neo4j Date, so range comparisons in Cypher work; null stays null. */
export function toNeo4jDate(iso: string | null | undefined): InstanceType<typeof neo4j.types.Date> | null {
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
