// Params: $ids (entity ids, or null for every link).
// Returns one row per link touching those entities: rel (map with type, from, to), fromEntity, toEntity (maps)
// and sources (the Source maps it cites), from which the domain reads when each link became known.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $ids IS NULL OR a.id IN $ids OR b.id IN $ids
RETURN r {.*, type: type(r), from: a.id, to: b.id} AS rel, a {.*} AS fromEntity, b {.*} AS toEntity,
       COLLECT { MATCH (s:Source) WHERE s.id IN coalesce(r.sourceIds, []) RETURN s {.*} } AS sources
