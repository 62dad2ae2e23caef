// Params: $merge ({id, kind (MERGE or DELETE), keep (or null), merged (ids), createdRelationshipIds, actor,
//         reason, at}).
// Returns nothing. The record an unmerge or a restore starts from.
CREATE (m:MergeRecord)
SET m = $merge, m.status = 'ACTIVE'
