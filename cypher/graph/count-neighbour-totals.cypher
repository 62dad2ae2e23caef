// Params: $id (entity id), $exclude (a map whose keys are ids to leave out, e.g. what the canvas already shows)
// and the relationship filter ($types, $minConfidence, $stances, $asOf, $excludedSources).
// Returns one row (none when the id is unknown): neighbours (distinct), links, and overlaps: for each distinct set
// of ways ({type, direction ('OUT' or 'IN')}, sorted) through which some neighbours are linked to the entity, how
// many neighbours have exactly that set. The per-type counts (count-neighbours) count a neighbour linked in two ways
// once in each; from the overlaps a caller gets the exact number of distinct neighbours for any choice of ways.
MATCH (e:Entity {id: $id})
CALL {
  WITH e
  MATCH (e)-[r]-(o:Entity)
  WHERE $exclude[o.id] IS NULL AND {{> fragments/relationship-filter}}
  WITH o, type(r) AS type, CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END AS direction, count(r) AS links
  // Sorted before collecting, so two neighbours linked in the same ways have equal lists and fall in one overlap.
  ORDER BY type, direction
  WITH o, collect({type: type, direction: direction}) AS ways, sum(links) AS links
  WITH ways, count(o) AS count, sum(links) AS links
  ORDER BY count DESC
  RETURN collect({ways: ways, count: count}) AS overlaps, sum(count) AS neighbours, sum(links) AS links
}
RETURN neighbours, links, overlaps
