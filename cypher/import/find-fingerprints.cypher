// Params: $sourceIds, $entityIds (lists of ids about to be imported), $stixWanted and $relationshipStixWanted (ids
//         of entities and relationships whose stored STIX object the import needs: those it may update without
//         bringing one, such as a CSV row), and $relationshipQueries: the
//         relationship ids about to be imported as exact-match queries of the keyword full-text index,
//         several hundred quoted ids OR-ed per query (built and escaped by write-document.ts): one index
//         search per few hundred ids instead of one per id, which on 500k relationships was 17 s.
// Returns one row: sources, entities, relationships — each a list of {id, fingerprint, ...} for the ids that
// already exist, with the version bookkeeping (created, modified, bundleModified) an import compares, so it can
// tell what it would create, update, leave alone, or find already newer.
CALL { MATCH (s:Source) WHERE s.id IN $sourceIds RETURN collect({id: s.id, fingerprint: s.fingerprint}) AS sources }
CALL {
  MATCH (e:Entity) WHERE e.id IN $entityIds
  RETURN collect({id: e.id, fingerprint: e.fingerprint, created: e.created, modified: e.modified, bundleModified: e.bundleModified,
                  stixObject: CASE WHEN e.id IN $stixWanted THEN e.stixObject END}) AS entities
}
CALL {
  UNWIND $relationshipQueries AS query
  CALL db.index.fulltext.queryRelationships('relationship_id', query) YIELD relationship AS r
  RETURN collect({id: r.id, fingerprint: r.fingerprint, type: type(r), from: startNode(r).id, to: endNode(r).id,
                  created: r.created, modified: r.modified, bundleModified: r.bundleModified,
                  stixObject: CASE WHEN r.id IN $relationshipStixWanted THEN r.stixObject END}) AS relationships
}
RETURN sources, entities, relationships
