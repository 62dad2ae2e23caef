// Params: $id (relationship id).
// Returns one row (none when unknown): rel, the deleted relationship's properties with type/from/to.
CALL db.index.fulltext.queryRelationships('relationship_id', '"' + replace(replace($id, '\\', '\\\\'), '"', '\\"') + '"') YIELD relationship AS r
WITH r WHERE r.id = $id
WITH r, r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id} AS rel
LIMIT 1
DELETE r
RETURN rel
