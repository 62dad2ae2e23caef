// Params: $entities (list of {id, label, kind, name, nameLower, aliases, aliasLower, aliasText, description,
//         date, properties (map of kind-specific values), sourceIds, excerpts, credibilities, extra, stixObject (JSON
//         or null), stixType, created, modified (STIX timestamps), markingRefs, externalIds, externalIdLower, revoked,
//         deprecated, retired, bundleModified, fingerprint}).
// Returns nothing. Creates or updates entities by id; `label` comes from the kind whitelist in
// shared/vocabulary.ts and is set as a dynamic label (Neo4j 5.26+), replacing the kind label of an earlier kind.
// A revoked or deprecated entity also carries the label Retired, which link filters test without reading properties.
UNWIND $entities AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.createdAt = datetime()
WITH e, row, [label IN labels(e) WHERE label <> 'Entity' AND label <> 'Retired' AND label <> row.label] AS staleLabels
REMOVE e:$(staleLabels)
SET e:$(row.label)
SET e:$(CASE WHEN row.retired THEN ['Retired'] ELSE [] END)
REMOVE e:$(CASE WHEN row.retired THEN [] ELSE ['Retired'] END)
SET e.kind = row.kind, e.name = row.name, e.nameLower = row.nameLower, e.aliases = row.aliases,
    e.aliasLower = row.aliasLower, e.aliasText = row.aliasText, e.description = row.description,
    e.date = row.date, e.sourceIds = row.sourceIds, e.excerpts = row.excerpts,
    e.credibilities = row.credibilities, e.extra = row.extra,
    e.stixObject = row.stixObject, e.stixType = row.stixType, e.created = row.created, e.modified = row.modified,
    e.markingRefs = row.markingRefs, e.externalIds = row.externalIds, e.externalIdLower = row.externalIdLower,
    e.revoked = row.revoked, e.deprecated = row.deprecated, e.bundleModified = row.bundleModified,
    e.fingerprint = row.fingerprint, e.updatedAt = datetime()
SET e += row.properties
