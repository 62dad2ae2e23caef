// Params: $ids (list of entity ids).
// Returns one row: entities (maps, in no particular order), sources (Source maps they cite).
MATCH (e:Entity) WHERE e.id IN $ids
WITH collect(e {.*}) AS entities
WITH entities, COLLECT { UNWIND entities AS x UNWIND coalesce(x.sourceIds, []) AS id RETURN id } AS sourceIds
RETURN entities, COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources
