// Params: $limit, $kinds (list of kinds or null: any kind but those in $hiddenKinds).
// Returns one row: entities (maps, most connected first), sources (Source maps they cite).
// Uses each node's degree from the store (no expansion), so it stays cheap on large graphs. Revoked and
// deprecated entities (label Retired) are left out: a starting point should be current.
MATCH (e:Entity)
WHERE ($kinds IS NULL AND NOT e.kind IN $hiddenKinds OR e.kind IN $kinds) AND NOT e:Retired
WITH e, COUNT { (e)--() } AS degree
ORDER BY degree DESC, e.name
LIMIT $limit
WITH collect(e {.*}) AS entities
WITH entities, COLLECT { UNWIND entities AS x UNWIND coalesce(x.sourceIds, []) AS id RETURN id } AS sourceIds
RETURN entities, COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources
