// Params: $id (entity id).
// Returns one row (none when the id is unknown): entity (map), links (list of {rel, other}) for every
// relationship touching it, sources (Source maps cited by any of these), disputing (entities named in disputedBy).
MATCH (e:Entity {id: $id})
WITH e, COLLECT {
  MATCH (e)-[r]-(o:Entity)
  RETURN {rel: r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}, other: o {.*}} AS link
} AS links
WITH e, links,
     reduce(acc = e.sourceIds, l IN links | acc + l.rel.sourceIds + l.other.sourceIds) AS sourceIds,
     reduce(acc = [], l IN links | acc + coalesce(l.rel.disputedBy, [])) AS disputingIds
RETURN e {.*} AS entity,
       links,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds RETURN d {.*} } AS disputing
