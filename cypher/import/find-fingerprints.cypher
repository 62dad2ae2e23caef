// Params: $sourceIds, $entityIds, $relationshipIds (lists of ids about to be imported).
// Returns one row: sources, entities, relationships — each a list of {id, fingerprint} for the ids that
// already exist, so an import can tell what it would create, update or leave alone.
CALL { MATCH (s:Source) WHERE s.id IN $sourceIds RETURN collect({id: s.id, fingerprint: s.fingerprint}) AS sources }
CALL { MATCH (e:Entity) WHERE e.id IN $entityIds RETURN collect({id: e.id, fingerprint: e.fingerprint}) AS entities }
CALL {
  UNWIND $relationshipIds AS relId
  CALL db.index.fulltext.queryRelationships('relationship_id', '"' + replace(replace(relId, '\\', '\\\\'), '"', '\\"') + '"') YIELD relationship AS r
  WITH relId, r WHERE r.id = relId
  RETURN collect({id: r.id, fingerprint: r.fingerprint, type: type(r), from: startNode(r).id, to: endNode(r).id}) AS relationships
}
RETURN sources, entities, relationships
