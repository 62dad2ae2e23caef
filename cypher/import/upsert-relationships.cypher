// Params: $relationships (list of {id, type, from, to, stance, confidence, since, until, description,
//         sourceIds, excerpts, disputedBy, extra, fingerprint}).
// Returns nothing. Creates or updates relationships by id between existing entities; `type` comes from
// the relationship-type whitelist in server/domain/model.ts and is used as a dynamic type (Neo4j 5.26+).
UNWIND $relationships AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r.createdAt = datetime()
SET r.stance = row.stance, r.confidence = row.confidence, r.since = row.since, r.until = row.until,
    r.description = row.description, r.sourceIds = row.sourceIds, r.excerpts = row.excerpts,
    r.disputedBy = row.disputedBy, r.extra = row.extra, r.fingerprint = row.fingerprint, r.updatedAt = datetime()
