// Params: $mergeId, $survivor (its id, or null for a deletion), $entities (list of {id, label}: entities merged
//         away or deleted; `label` is their kind label from the vocabulary's whitelist).
// Returns nothing. The survivor's properties are copied to a MergeArchive node (typed values intact), and each
// entity leaves the graph without losing a property: it becomes a MergedEntity pointing at the survivor.
// Its relationships must have been archived first (archive-relationships).
CALL {
  OPTIONAL MATCH (k:Entity {id: $survivor})
  WITH k WHERE k IS NOT NULL
  CREATE (a:MergeArchive)
  SET a = properties(k), a.mergeId = $mergeId, a.archiveRole = 'SURVIVOR', a.archiveKey = randomUUID()
}
UNWIND $entities AS row
MATCH (e:Entity {id: row.id})
REMOVE e:Entity
REMOVE e:$(row.label)
SET e:MergedEntity, e.mergedInto = $survivor, e.mergeId = $mergeId
