// Params: $mergeId, $rels (list of {id, type, from, to}: archived relationships to recreate between new ends).
// Returns nothing. Each comes back with every property it had (its id too), now between `from` and `to`.
// `type` comes from the vocabulary's whitelist.
UNWIND $rels AS row
MATCH (a:MergeArchive {mergeId: $mergeId, archiveRole: 'DELETED'}) WHERE a.id = row.id
MATCH (x:Entity {id: row.from})
MATCH (y:Entity {id: row.to})
CREATE (x)-[r:$(row.type)]->(y)
SET r = properties(a)
REMOVE r.mergeId, r.archiveRole, r.archiveKey, r.archiveType, r.archiveFrom, r.archiveTo
