// Params: $ids (entity ids), $idSet (a map with the same ids as keys, for constant-time membership), $limit,
// $unstatedConfidence (how a link without a stated confidence ranks for the limit).
// Returns one row: entities (those of the ids that exist, summary projection), rels (every link between two of
// them, strongest first, at most $limit, summary projection), truncated (true when more links matched).
// Summary projections carry knownSince (fragments/known-since). What a saved view redraws: its entities as they are now, and the links among them.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH collect(n) AS nodes
CALL {
  WITH nodes
  UNWIND nodes AS n
  MATCH (n)-[r]->(o:Entity)
  WHERE $idSet[o.id] IS NOT NULL
  WITH r
  ORDER BY coalesce(r.confidence, $unstatedConfidence) DESC, r.id
  LIMIT $limit + 1
  RETURN collect(r) AS found
}
RETURN [known IN nodes | known {.id, .kind, .name, .aliases, date: toString(known.date), knownSince: {{> fragments/known-since}}}] AS entities,
       [known IN found[0..$limit] | known {.id, .stance, .confidence, since: toString(known.since), until: toString(known.until), type: type(known), from: startNode(known).id, to: endNode(known).id, knownSince: {{> fragments/known-since}}}] AS rels,
       size(found) > $limit AS truncated
