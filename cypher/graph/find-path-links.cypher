// Params: $links (relationship internal ids found by expand-for-paths in the same read transaction).
// Returns one row: entities (maps of every end), rels (maps with type/from/to and internalId, by which the
// search knew them), sources (Source maps cited), disputing (entities in disputedBy).
UNWIND $links AS link
MATCH ()-[r]->() WHERE id(r) = link
WITH collect(r) AS rels
WITH rels, reduce(acc = [], r IN rels | acc + [startNode(r), endNode(r)]) AS ends
UNWIND ends AS n
WITH rels, collect(DISTINCT n) AS nodes
WITH rels, nodes,
     reduce(acc = [], x IN nodes | acc + x.sourceIds) + reduce(acc = [], r IN rels | acc + r.sourceIds) AS sourceIds,
     reduce(acc = [], r IN rels | acc + coalesce(r.disputedBy, [])) AS disputingIds
RETURN [n IN nodes | n {.*}] AS entities,
       [r IN rels | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id, internalId: id(r)}] AS rels,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds RETURN d {.*} } AS disputing
