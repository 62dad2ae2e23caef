// Params: $id (relationship id).
// Returns one row (none when unknown): rel (map with type, from, to), from and to (entity maps),
// sources (Source maps cited by the three), disputing (entities in disputedBy).
CALL db.index.fulltext.queryRelationships('relationship_id', '"' + replace(replace($id, '\\', '\\\\'), '"', '\\"') + '"') YIELD relationship AS r
WITH r WHERE r.id = $id
WITH r, startNode(r) AS a, endNode(r) AS b LIMIT 1
WITH r, a, b, r.sourceIds + a.sourceIds + b.sourceIds AS sourceIds
RETURN r {.*, type: type(r), from: a.id, to: b.id} AS rel,
       a {.*} AS from,
       b {.*} AS to,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN coalesce(r.disputedBy, []) RETURN d {.*} } AS disputing
