// Params: $from, $to (entity ids), $sideCap (max entities collected from each end), and the
//         relationship filter ($types, $minConfidence, $stances, $asOf).
// Slots: {{fromDepth}} and {{toDepth}}: hops explored from each end (their sum is maxHops).
// Returns one row (none when an id is unknown): entities (maps), rels (maps with
// type/from/to: the filtered links among the corridor's entities), capped (true when a side hit $sideCap),
// sources, disputing. Every simple path of <= maxHops filtered links lies inside this corridor, because
// each of its entities is within {{fromDepth}} hops of $from or within {{toDepth}} hops of $to.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
WITH a, b
WHERE a IS NOT NULL AND b IS NOT NULL
CALL {
  WITH a
  MATCH (a)-[rs*0..{{fromDepth}}]-(x:Entity)
  WHERE all(r IN rs WHERE
          ($types IS NULL OR type(r) IN $types)
          AND r.confidence >= $minConfidence
          AND ($stances IS NULL OR r.stance IN $stances)
          AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf)))))
  WITH DISTINCT x LIMIT $sideCap + 1
  RETURN collect(x) AS fromSide
}
CALL {
  WITH b
  MATCH (b)-[rs*0..{{toDepth}}]-(y:Entity)
  WHERE all(r IN rs WHERE
          ($types IS NULL OR type(r) IN $types)
          AND r.confidence >= $minConfidence
          AND ($stances IS NULL OR r.stance IN $stances)
          AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf)))))
  WITH DISTINCT y LIMIT $sideCap + 1
  RETURN collect(y) AS toSide
}
WITH fromSide, toSide, size(fromSide) > $sideCap OR size(toSide) > $sideCap AS capped
UNWIND fromSide + toSide AS member
WITH capped, collect(DISTINCT member) AS members
CALL {
  WITH members
  UNWIND members AS m
  MATCH (m)-[r]->(n:Entity)
  WHERE n IN members
    AND ($types IS NULL OR type(r) IN $types)
    AND r.confidence >= $minConfidence
    AND ($stances IS NULL OR r.stance IN $stances)
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf))))
  RETURN collect(r) AS rels
}
WITH capped, members, rels,
     reduce(acc = [], x IN members | acc + x.sourceIds) + reduce(acc = [], r IN rels | acc + r.sourceIds) AS sourceIds,
     reduce(acc = [], r IN rels | acc + coalesce(r.disputedBy, [])) AS disputingIds
RETURN capped,
       [m IN members | m {.*}] AS entities,
       [r IN rels | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS rels,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds RETURN d {.*} } AS disputing
