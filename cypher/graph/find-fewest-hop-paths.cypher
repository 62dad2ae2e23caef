// Params: $from, $to (internal ids from find-path-ends, same read transaction), $limit, and the relationship
//         filter: $types (list or null), $minConfidence (int), $stances (list or null), $asOf (ISO date or null).
// The filter is the shared fragment; paths also skip links of confidence 0, which carry no evidence.
// Slot: {{maxHops}} (1-8), spliced as a whole number by the catalog (Cypher takes no parameter there).
// Returns up to $limit rows, each a path with the fewest filtered links (at most {{maxHops}}): nodes (internal
// ids, from $from), rels (internal ids), confidences. Neo4j's bidirectional breadth-first search, which
// evaluates the filter as it goes: the path search's fallback when its read budget ran out before it found
// enough paths, so that "no path" is only ever said when there is none.
MATCH (a) WHERE id(a) = $from
MATCH (b) WHERE id(b) = $to
MATCH p = allShortestPaths((a)-[rs*..{{maxHops}}]-(b))
WHERE all(r IN rs WHERE {{> fragments/relationship-filter}} AND r.confidence > 0)
WITH p LIMIT $limit
RETURN [n IN nodes(p) | id(n)] AS nodes, [r IN relationships(p) | id(r)] AS rels, [r IN relationships(p) | r.confidence] AS confidences
