// Params: $queries (list of {id, query}: an entity id and a full-text query of its normalised name words, built
//         and escaped by server/domain/duplicates/find-candidates.ts), $perEntity (how many candidates each).
// Returns rows id, candidates (ids of the entities whose name or aliases best match the query, best first).
// The full-text index keeps this a lookup, not a scan, on a graph of any size.
UNWIND $queries AS q
CALL (q) {
  CALL db.index.fulltext.queryNodes('entity_text', q.query, {limit: $perEntity + 1}) YIELD node, score
  WITH node WHERE node.id <> q.id
  RETURN collect(node.id)[0..$perEntity] AS candidates
}
RETURN q.id AS id, candidates
