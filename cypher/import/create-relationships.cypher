// Params: $relationships (list of {id, type, from, to, stance, confidence (null: not stated), since, until,
//         description, sourceIds, excerpts, credibilities, disputedBy, extra, count, stixObject (JSON or null),
//         created, modified, markingRefs, revoked, deprecated, bundleModified, fingerprint}) that do not exist yet
//         (the import checked).
// Returns nothing. CREATE rather than MERGE: a new relationship needs no search among the existing ones,
// which on a hub means scanning thousands. `type` comes from the whitelist in shared/vocabulary.ts.
// `retired` is set only when revoked or deprecated, so link filters read one property that is usually absent.
UNWIND $relationships AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r.id = row.id, r.createdAt = datetime(), r.updatedAt = datetime(),
    r.stance = row.stance, r.confidence = row.confidence, r.since = row.since, r.until = row.until,
    r.description = row.description, r.sourceIds = row.sourceIds, r.excerpts = row.excerpts, r.credibilities = row.credibilities,
    r.disputedBy = row.disputedBy, r.extra = row.extra, r.count = row.count, r.stixObject = row.stixObject,
    r.created = row.created, r.modified = row.modified, r.markingRefs = row.markingRefs, r.revoked = row.revoked,
    r.deprecated = row.deprecated, r.retired = CASE WHEN row.revoked OR row.deprecated THEN true END,
    r.bundleModified = row.bundleModified, r.fingerprint = row.fingerprint
