// Params: $entities (list of {id, label, kind, name, nameLower, aliases, aliasLower, aliasText, description,
//         date, properties (map of kind-specific values), sourceIds, excerpts, credibilities, extra, fingerprint}).
// Returns nothing. Creates or updates entities by id; `label` comes from the kind whitelist in
// shared/vocabulary.ts and is set as a dynamic label (Neo4j 5.26+), replacing the kind label of an earlier kind.
UNWIND $entities AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.createdAt = datetime()
WITH e, row, [label IN labels(e) WHERE label <> 'Entity' AND label <> row.label] AS staleLabels
REMOVE e:$(staleLabels)
SET e:$(row.label)
SET e.kind = row.kind, e.name = row.name, e.nameLower = row.nameLower, e.aliases = row.aliases,
    e.aliasLower = row.aliasLower, e.aliasText = row.aliasText, e.description = row.description,
    e.date = row.date, e.sourceIds = row.sourceIds, e.excerpts = row.excerpts,
    e.credibilities = row.credibilities, e.extra = row.extra,
    e.fingerprint = row.fingerprint, e.updatedAt = datetime()
SET e += row.properties
