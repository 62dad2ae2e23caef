// Params: $id (the merge or deletion), $created (ids of relationships the merge created, with type/from/to),
//         $entities (list of {id, label}: archived entities and their kind label, from the vocabulary),
//         $deleted (list of {key, type}: archived relationships to recreate), $changed (list of {key, type}),
//         $actor, $at.
// Returns nothing. Undoes a merge or deletion exactly: the relationships it created are deleted, the entities
// come back with every property and label, the survivor and the changed relationships get back their
// archived properties, the deleted relationships are recreated; the archives go, the record is marked undone.
CALL {
  UNWIND $created AS row
  MATCH (:Entity {id: row.from})-[r:$(row.type)]->(:Entity {id: row.to}) WHERE r.id = row.id
  DELETE r
}
CALL {
  UNWIND $entities AS row
  MATCH (e:MergedEntity {id: row.id, mergeId: $id})
  REMOVE e:MergedEntity, e.mergedInto, e.mergeId
  SET e:Entity
  SET e:$(row.label)
}
CALL {
  MATCH (a:MergeArchive {mergeId: $id, archiveRole: 'SURVIVOR'})
  MATCH (k:Entity {id: a.id})
  SET k = properties(a)
  REMOVE k.mergeId, k.archiveRole, k.archiveKey
}
CALL {
  UNWIND $changed AS row
  MATCH (a:MergeArchive {mergeId: $id, archiveKey: row.key})
  MATCH (:Entity {id: a.archiveFrom})-[r:$(row.type)]->(:Entity {id: a.archiveTo}) WHERE r.id = a.id
  SET r = properties(a)
  REMOVE r.mergeId, r.archiveRole, r.archiveKey, r.archiveType, r.archiveFrom, r.archiveTo
}
CALL {
  UNWIND $deleted AS row
  MATCH (a:MergeArchive {mergeId: $id, archiveKey: row.key})
  MATCH (x:Entity {id: a.archiveFrom})
  MATCH (y:Entity {id: a.archiveTo})
  CREATE (x)-[r:$(row.type)]->(y)
  SET r = properties(a)
  REMOVE r.mergeId, r.archiveRole, r.archiveKey, r.archiveType, r.archiveFrom, r.archiveTo
}
CALL {
  MATCH (a:MergeArchive {mergeId: $id}) DELETE a
}
MATCH (m:MergeRecord {id: $id})
SET m.status = 'UNDONE', m.undoneBy = $actor, m.undoneAt = $at
