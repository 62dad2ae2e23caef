// Params: $ids (list of entity ids).
// Returns one row: entities (maps, in no particular order), sources (Source maps they cite).
MATCH (e:Entity) WHERE e.id IN $ids
WITH collect(e {.*}) AS entities
WITH entities, reduce(acc = [], e IN entities | acc + e.sourceIds) AS sourceIds
RETURN entities, COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources
