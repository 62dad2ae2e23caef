// Params: $relationships (list of {id, type, from, to, stance, confidence, since, until, description,
//         sourceIds, excerpts, credibilities, disputedBy, extra, fingerprint}) that do not exist yet (the import checked).
// Returns nothing. CREATE rather than MERGE: a new relationship needs no search among the existing ones,
// which on a hub means scanning thousands. `type` comes from the whitelist in shared/vocabulary.ts.
UNWIND $relationships AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r.id = row.id, r.createdAt = datetime(), r.updatedAt = datetime(),
    r.stance = row.stance, r.confidence = row.confidence, r.since = row.since, r.until = row.until,
    r.description = row.description, r.sourceIds = row.sourceIds, r.excerpts = row.excerpts, r.credibilities = row.credibilities,
    r.disputedBy = row.disputedBy, r.extra = row.extra, r.fingerprint = row.fingerprint
