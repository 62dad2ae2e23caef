// Params: $ids (entity ids: the two ends of a path search).
// Returns one row per id that exists: id, node (the entity's internal id, which the search's expansion
// rounds use within the same read transaction; see expand-for-paths.cypher for why not elementId).
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, id(n) AS node
