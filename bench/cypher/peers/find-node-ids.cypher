// The internal ids of entities, for scoring the explorer's own path with the scorer the peers' paths go through
// (a check of that scorer). Params: $ids (entity ids). Returns id, node (internal id), one row per entity found.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, id(e) AS node
