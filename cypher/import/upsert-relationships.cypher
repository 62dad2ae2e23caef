// Params: $relationships (list of {id, type, from, to, stance, confidence (null: not stated), since, until,
//         description, sourceIds, excerpts, credibilities, disputedBy, extra, count, stixObject, created, modified,
//         markingRefs, revoked, deprecated, bundleModified, fingerprint}) that already exist (the import checked).
// Returns nothing. Updates each relationship found by id between its two ends (an expand-into between two
// indexed entities, cheap even at hubs); `type` comes from the whitelist in shared/vocabulary.ts.
UNWIND $relationships AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE r.id = row.id
SET r.stance = row.stance, r.confidence = row.confidence, r.since = row.since, r.until = row.until,
    r.description = row.description, r.sourceIds = row.sourceIds, r.excerpts = row.excerpts, r.credibilities = row.credibilities,
    r.disputedBy = row.disputedBy, r.extra = row.extra, r.count = row.count, r.stixObject = row.stixObject,
    r.created = row.created, r.modified = row.modified, r.markingRefs = row.markingRefs, r.revoked = row.revoked,
    r.deprecated = row.deprecated, r.retired = CASE WHEN row.revoked OR row.deprecated THEN true END,
    r.bundleModified = row.bundleModified, r.fingerprint = row.fingerprint, r.updatedAt = datetime()
