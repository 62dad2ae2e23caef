// No params. Returns one row: entities, relationships (totals), byKind (list of {kind, count}),
// byType (list of {type, count}). Uses the count store, so it stays fast on large graphs.
CALL { MATCH (e:Entity) RETURN count(e) AS entities }
CALL { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
CALL { MATCH (e:Entity) WITH e.kind AS kind, count(*) AS count ORDER BY count DESC RETURN collect({kind: kind, count: count}) AS byKind }
CALL { MATCH ()-[r]->() WITH type(r) AS type, count(*) AS count ORDER BY count DESC RETURN collect({type: type, count: count}) AS byType }
RETURN entities, relationships, byKind, byType
