// Params: $nodes (internal ids of entities to expand, from find-path-ends or an earlier round of the same
//         read transaction), and the relationship filter: $types (list or null), $minConfidence (int),
//         $stances (list or null), $asOf (ISO date or null).
// The filter is the shared fragment; paths also skip links of confidence 0, which carry no evidence.
// Returns one row per node: node, and its filtered links with confidence above 0 as three parallel lists:
// rels (internal ids), others (the far ends' internal ids), confidences.
// Shape: id seeks and one expansion per node; only the link's own properties are read (not the far end's),
// because a path search reads thousands of links per request. Internal ids (the deprecated id()) rather
// than elementId(): measured on 6k links, elementId() doubles this query's time (string building and
// transfer), and the ids never leave the one read transaction, which is the use id() remains fit for in
// Neo4j 5. Parallel lists rather than a list of triples: fewer objects to encode and decode.
UNWIND $nodes AS node
MATCH (n) WHERE id(n) = node
CALL {
  WITH n
  MATCH (n)-[r]-(m:Entity)
  WHERE {{> fragments/relationship-filter}} AND r.confidence > 0
  RETURN collect(id(r)) AS rels, collect(id(m)) AS others, collect(r.confidence) AS confidences
}
RETURN node, rels, others, confidences
