// Params: $id (a merge or deletion id).
// Returns one row (none when unknown): merge (the record), archives (its MergeArchive nodes' role, key,
// type, from, to and id), entities (kind of each entity it archived), laterMerges (ids of active merges
// into the same survivor made after it, which must be undone first), survivorPresent.
MATCH (m:MergeRecord {id: $id})
RETURN m {.*} AS merge,
       COLLECT { MATCH (a:MergeArchive {mergeId: $id})
                 RETURN {role: a.archiveRole, key: a.archiveKey, type: a.archiveType, from: a.archiveFrom, to: a.archiveTo, id: a.id} } AS archives,
       COLLECT { MATCH (e:MergedEntity {mergeId: $id}) RETURN {id: e.id, kind: e.kind} } AS entities,
       COLLECT { MATCH (later:MergeRecord {status: 'ACTIVE'}) WHERE later.keep = m.keep AND later.at > m.at RETURN later.id } AS laterMerges,
       EXISTS { MATCH (k:Entity) WHERE k.id = m.keep } AS survivorPresent
