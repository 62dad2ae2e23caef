// Params: $ids (start entity ids), $limit (max relationships), and the relationship filter:
//         $types (list or null), $minConfidence (int), $stances (list or null), $asOf (ISO date or null).
// Slot: {{depth}} (1-3), spliced as a whole number by the catalog (Cypher takes no parameter there).
// Returns one row: entities (maps), rels (maps with type/from/to; the strongest $limit by confidence),
// truncated (true when more matched), sources (Source maps cited), disputing (entities in disputedBy).
// Shape: find the distinct entities within {{depth}} filtered hops (pruning expansion, no path
// enumeration), then the filtered links among them and the starts, strongest first.
MATCH (start:Entity) WHERE start.id IN $ids
WITH collect(start) AS starts
CALL {
  WITH starts
  UNWIND starts AS s
  MATCH (s)-[rs*1..{{depth}}]-(o:Entity)
  WHERE all(r IN rs WHERE
          ($types IS NULL OR type(r) IN $types)
          AND r.confidence >= $minConfidence
          AND ($stances IS NULL OR r.stance IN $stances)
          AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf)))))
  RETURN DISTINCT o
}
WITH starts, collect(o) AS reached
WITH starts, starts + [o IN reached WHERE NOT o IN starts] AS members
CALL {
  WITH members
  UNWIND members AS m
  MATCH (m)-[r]->(n:Entity)
  WHERE n IN members
    AND ($types IS NULL OR type(r) IN $types)
    AND r.confidence >= $minConfidence
    AND ($stances IS NULL OR r.stance IN $stances)
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf))))
  RETURN r ORDER BY r.confidence DESC, r.id LIMIT $limit + 1
}
WITH starts, collect(r) AS found
WITH starts, found[0..$limit] AS rels, size(found) > $limit AS truncated
WITH starts, rels, truncated,
     reduce(acc = [], r IN rels | acc + [startNode(r), endNode(r)]) AS ends
WITH rels, truncated, starts + [n IN ends WHERE NOT n IN starts] AS nodes
UNWIND nodes AS n
WITH rels, truncated, collect(DISTINCT n) AS nodes
WITH rels, truncated, nodes,
     reduce(acc = [], x IN nodes | acc + x.sourceIds) + reduce(acc = [], r IN rels | acc + r.sourceIds) AS sourceIds,
     reduce(acc = [], r IN rels | acc + coalesce(r.disputedBy, [])) AS disputingIds
RETURN [n IN nodes | n {.*}] AS entities,
       [r IN rels | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS rels,
       truncated,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds RETURN d {.*} } AS disputing
