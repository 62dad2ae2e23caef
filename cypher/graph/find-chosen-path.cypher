// Params: $ids (relationship ids: the links of a path an analyst chose), $queries (the same ids as exact-match
//         queries of the keyword full-text index of relationship ids, as import/write-document.ts builds them).
// Returns one row per link found: id, internalId, type, from and to (entity ids), fromName and toName, fromNode and toNode (the
// ends' internal ids, which graph/expand-for-paths reads in the same read transaction). What following a chosen
// path through knowledge time needs to rebuild its steps (server/domain/paths/chosen-path.ts).
UNWIND $queries AS query
CALL db.index.fulltext.queryRelationships('relationship_id', query) YIELD relationship AS r
WITH DISTINCT r WHERE r.id IN $ids
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN r.id AS id, id(r) AS internalId, type(r) AS type, a.id AS from, b.id AS to, a.name AS fromName, b.name AS toName, id(a) AS fromNode, id(b) AS toNode
