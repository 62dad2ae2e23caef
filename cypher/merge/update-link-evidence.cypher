// Params: $rels (list of {id, type, from, to, sourceIds, excerpts, credibilities, markingRefs, disputedBy,
//         absorbedIds}).
// Returns nothing. Sets the united citations, markings and disputes of relationships a merge kept; `absorbedIds`
// are the ids of parallel links folded into each. `type` comes from the vocabulary's whitelist.
UNWIND $rels AS row
MATCH (:Entity {id: row.from})-[r:$(row.type)]->(:Entity {id: row.to})
WHERE r.id = row.id
SET r.sourceIds = row.sourceIds, r.excerpts = row.excerpts, r.credibilities = row.credibilities,
    r.markingRefs = row.markingRefs, r.disputedBy = row.disputedBy, r.absorbedIds = row.absorbedIds,
    r.updatedAt = datetime()
