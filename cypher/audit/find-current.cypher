// Params: $entityIds, $relationshipIds, $noteIds (elements an edit is about to change).
// Returns one row: entities, relationships, notes — their current property maps (relationships with
// type/from/to), kept in the audit history as the "before" of the change.
CALL { MATCH (e:Entity) WHERE e.id IN $entityIds RETURN collect(e {.*}) AS entities }
CALL {
  UNWIND $relationshipIds AS relId
  CALL db.index.fulltext.queryRelationships('relationship_id', '"' + replace(replace(relId, '\\', '\\\\'), '"', '\\"') + '"') YIELD relationship AS r
  WITH relId, r WHERE r.id = relId
  RETURN collect(r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}) AS relationships
}
CALL { MATCH (n:Note) WHERE n.id IN $noteIds RETURN collect(n {.*}) AS notes }
RETURN entities, relationships, notes
