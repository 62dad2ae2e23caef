// Params: $sourceIds, $entityIds (lists of ids about to be imported), and $relationshipQueries: the
//         relationship ids about to be imported as exact-match queries of the keyword full-text index,
//         several hundred quoted ids OR-ed per query (built and escaped by write-document.ts): one index
//         search per few hundred ids instead of one per id, which on 500k relationships was 17 s.
// Returns one row: sources, entities, relationships — each a list of {id, fingerprint} for the ids that
// already exist, so an import can tell what it would create, update or leave alone.
CALL { MATCH (s:Source) WHERE s.id IN $sourceIds RETURN collect({id: s.id, fingerprint: s.fingerprint}) AS sources }
CALL { MATCH (e:Entity) WHERE e.id IN $entityIds RETURN collect({id: e.id, fingerprint: e.fingerprint}) AS entities }
CALL {
  UNWIND $relationshipQueries AS query
  CALL db.index.fulltext.queryRelationships('relationship_id', query) YIELD relationship AS r
  RETURN collect({id: r.id, fingerprint: r.fingerprint, type: type(r), from: startNode(r).id, to: endNode(r).id}) AS relationships
}
RETURN sources, entities, relationships
