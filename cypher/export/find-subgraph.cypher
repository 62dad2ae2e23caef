// Params: $ids (entity ids) and the relationship filter: $types (list or null), $minConfidence (int),
//         $stances (list or null), $asOf (ISO date or null), $excludedSources (list or null: the what-if).
// Returns one row: entities (maps: the given entities plus those disputing a link among them),
// rels (maps with type/from/to: every filtered link among those entities), sources (Source maps cited),
// authors (list of {statement, id, name, kind}: who made each Claim, Denial or Report returned, via MADE_BY,
// also when the author is not among the entities, so a report can say who disputes a link).
// Shape: the links among the given entities name their disputing entities, which join the set so every
// disputedBy reference of the export resolves; then the links are taken once among the enlarged set.
MATCH (e:Entity) WHERE e.id IN $ids
WITH collect(e) AS given, [x IN collect(e) | x.id] AS givenIds
CALL {
  WITH given, givenIds
  UNWIND given AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b.id IN givenIds
    AND {{> fragments/relationship-filter}}
  UNWIND coalesce(r.disputedBy, []) AS disputerId
  RETURN collect(DISTINCT disputerId) AS disputingIds
}
WITH given + COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds AND NOT d.id IN givenIds RETURN d } AS nodes
WITH nodes, [x IN nodes | x.id] AS nodeIds
CALL {
  WITH nodes, nodeIds
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b.id IN nodeIds
    AND {{> fragments/relationship-filter}}
  RETURN collect(r) AS rels
}
WITH nodes, rels,
     COLLECT { UNWIND nodes AS x UNWIND coalesce(x.sourceIds, []) AS id RETURN id } + COLLECT { UNWIND rels AS r UNWIND coalesce(r.sourceIds, []) AS id RETURN id } AS sourceIds
RETURN [n IN nodes | n {.*}] AS entities,
       [r IN rels | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS rels,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT {
         MATCH (s:Entity)-[:MADE_BY]->(a:Entity)
         WHERE s IN nodes AND s.kind IN ['CLAIM', 'DENIAL', 'REPORT']
         RETURN {statement: s.id, id: a.id, name: a.name, kind: a.kind}
       } AS authors
