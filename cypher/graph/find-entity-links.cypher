// Params: $ids (list of entity ids).
// Returns one row per entity: entity (map), links (list of {rel, other}) for every relationship touching it, and
// sources/disputing for those links. Used to resolve kind-specific fields (author, targets, hypotheses)
// of entities that came from a search or neighbourhood, in one round trip per request.
MATCH (e:Entity) WHERE e.id IN $ids
WITH e, COLLECT {
  MATCH (e)-[r]-(o:Entity)
  RETURN {rel: r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}, other: o {.*}} AS link
} AS links
WITH e, links,
     coalesce(e.sourceIds, []) + COLLECT { UNWIND links AS l UNWIND coalesce(l.rel.sourceIds, []) + coalesce(l.other.sourceIds, []) AS id RETURN id } AS sourceIds,
     COLLECT { UNWIND links AS l UNWIND coalesce(l.rel.disputedBy, []) AS id RETURN id } AS disputingIds
RETURN e {.*} AS entity,
       links,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds RETURN d {.*} } AS disputing
