// Params: $id (entity id), $exclude (a map whose keys are ids to leave out, e.g. what the canvas already shows)
// and the relationship filter ($types, $minConfidence, $stances, $asOf, $excludedSources).
// Returns one row (none when the id is unknown): counts, a list of {type, direction ('OUT' or 'IN'),
// count (distinct neighbours), maxConfidence}, largest first.
MATCH (e:Entity {id: $id})
RETURN COLLECT {
  MATCH (e)-[r]-(o:Entity)
  WHERE $exclude[o.id] IS NULL AND {{> fragments/relationship-filter}}
  WITH type(r) AS type, CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END AS direction,
       count(DISTINCT o) AS count, max(r.confidence) AS maxConfidence
  ORDER BY count DESC, type
  RETURN {type: type, direction: direction, count: count, maxConfidence: maxConfidence}
} AS counts
