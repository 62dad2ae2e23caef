// Params: $links (relationship internal ids found by expand-for-paths in the same read transaction).
// Returns one row: entities (maps of every end), rels (maps with type/from/to and internalId, by which the
// search knew them), sources (Source maps cited), disputing (entities in disputedBy).
UNWIND $links AS link
MATCH ()-[r]->() WHERE id(r) = link
WITH collect(r) AS rels
WITH rels, [r IN rels | startNode(r)] + [r IN rels | endNode(r)] AS ends
UNWIND ends AS n
WITH rels, collect(DISTINCT n) AS nodes
WITH rels, nodes,
     COLLECT { UNWIND nodes AS x UNWIND coalesce(x.sourceIds, []) AS id RETURN id } + COLLECT { UNWIND rels AS r UNWIND coalesce(r.sourceIds, []) AS id RETURN id } AS sourceIds,
     COLLECT { UNWIND rels AS r UNWIND coalesce(r.disputedBy, []) AS id RETURN id } AS disputingIds
RETURN [n IN nodes | n {.*}] AS entities,
       [r IN rels | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id, internalId: id(r)}] AS rels,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds RETURN d {.*} } AS disputing
