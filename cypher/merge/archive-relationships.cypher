// Params: $mergeId, $rels (list of {id, type, from, to, role}); role DELETED (the relationship is removed) or
//         CHANGED (it stays, and is about to be changed). `type` comes from the vocabulary's whitelist.
// Returns nothing. Copies each relationship's properties (typed values intact) to a MergeArchive node, so an
// unmerge restores it exactly, then deletes those marked DELETED.
UNWIND $rels AS row
MATCH (:Entity {id: row.from})-[r:$(row.type)]->(:Entity {id: row.to})
WHERE r.id = row.id
CREATE (a:MergeArchive)
SET a = properties(r), a.mergeId = $mergeId, a.archiveRole = row.role, a.archiveKey = randomUUID(),
    a.archiveType = row.type, a.archiveFrom = row.from, a.archiveTo = row.to
WITH r, row WHERE row.role = 'DELETED'
DELETE r
