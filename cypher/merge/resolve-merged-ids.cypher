// Params: $ids (entity ids that matched no entity).
// Returns rows id, mergedInto: for ids merged away, the entity they were merged into (null when deleted).
MATCH (m:MergedEntity) WHERE m.id IN $ids
RETURN m.id AS id, m.mergedInto AS mergedInto
