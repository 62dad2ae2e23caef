// Params: $id (entity id), $exclude (a map whose keys are the ids to leave out, e.g. what the canvas already
// shows: a map, so each neighbour is checked in constant time), and the relationship filter ($types,
// $minConfidence, $stances, $asOf, $excludedSources).
// Returns one row (none when the id is unknown): groups, a list of {type, direction ('OUT' when the entity is
// the link's source, 'IN' otherwise), kind (of the neighbours), count (distinct neighbours), maxConfidence,
// latest (the newest of the neighbours' dates and the links' start dates)}, largest first.
MATCH (e:Entity {id: $id})
RETURN COLLECT {
  MATCH (e)-[r]-(o:Entity)
  WHERE $exclude[o.id] IS NULL AND {{> fragments/relationship-filter}}
  WITH type(r) AS type, CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END AS direction, o.kind AS kind,
       count(DISTINCT o) AS count, max(r.confidence) AS maxConfidence,
       max(coalesce(o.date, r.since)) AS latest
  ORDER BY count DESC, type, direction, kind
  RETURN {type: type, direction: direction, kind: kind, count: count, maxConfidence: maxConfidence, latest: latest}
} AS groups
