// Params: $ids (marking-definition ids).
// Returns one row per Marking node found: marking ({id, object, name, statement}).
MATCH (m:Marking) WHERE m.id IN $ids
RETURN m {.*} AS marking
