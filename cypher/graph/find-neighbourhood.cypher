// Params: $ids (start entity ids), $limit (max relationships), and the relationship filter:
//         $types (list or null), $minConfidence (int), $stances (list or null), $asOf (ISO date or null),
//         $excludedSources (list or null: the what-if), $includeRetired (boolean), $unstatedConfidence (how a link
//         without a stated confidence ranks for the limit);
//         $summary (true: entities as id, kind, name, aliases, date; links without description, sources
//         or disputes; no sources or disputing entities: what a canvas draws, a tenth of the bytes).
// Slot: {{inner}} (depth - 1, 0-2), spliced as a whole number by the catalog (Cypher takes no parameter there).
// Returns one row: entities (maps), rels (maps with type/from/to; both with knownSince, fragments/known-since; the strongest $limit by confidence),
// truncated (true when more matched), sources (Source maps cited), disputing (entities in disputedBy).
// Shape: the entities within depth-1 filtered hops (a pruning expansion, no path enumeration), then every
// filtered link touching them, so exactly the links reachable within depth hops; strongest first. The links
// are ranked in a subquery that imports nothing: Neo4j counts every variable a row carries against the
// transaction's memory, and a list of the inner entities carried through the sort cost ~80 KB per kept row
// (418 MB for a 5,000-link hub neighbourhood, past the limit of the default 768 MB heap; 3 MB this way).
CALL {
  MATCH (s:Entity) WHERE s.id IN $ids
  MATCH (s)-[rs*0..{{inner}}]-(o:Entity)
  WHERE all(r IN rs WHERE {{> fragments/relationship-filter}})
  WITH DISTINCT o
  MATCH (o)-[r]-(:Entity)
  WHERE {{> fragments/relationship-filter}}
  WITH DISTINCT r
  ORDER BY coalesce(r.confidence, $unstatedConfidence) DESC, r.id
  LIMIT $limit + 1
  RETURN collect(r) AS found
}
MATCH (start:Entity) WHERE start.id IN $ids
WITH found, collect(start) AS starts
WITH starts, found[0..$limit] AS rels, size(found) > $limit AS truncated
WITH starts, rels, truncated,
     [r IN rels | startNode(r)] + [r IN rels | endNode(r)] AS ends
WITH rels, truncated, starts + [n IN ends WHERE NOT n IN starts] AS nodes
UNWIND nodes AS n
WITH rels, truncated, collect(DISTINCT n) AS nodes
WITH rels, truncated, nodes,
     CASE WHEN $summary THEN [] ELSE COLLECT { UNWIND nodes AS x UNWIND coalesce(x.sourceIds, []) AS id RETURN id } + COLLECT { UNWIND rels AS r UNWIND coalesce(r.sourceIds, []) AS id RETURN id } END AS sourceIds,
     CASE WHEN $summary THEN [] ELSE COLLECT { UNWIND rels AS r UNWIND coalesce(r.disputedBy, []) AS id RETURN id } END AS disputingIds
RETURN [known IN nodes | CASE WHEN $summary THEN known {.id, .kind, .name, .aliases, date: toString(known.date), .markingRefs, .revoked, .deprecated, knownSince: {{> fragments/known-since}}}
                        ELSE known {.*, knownSince: {{> fragments/known-since}}} END] AS entities,
       [known IN rels | CASE WHEN $summary
                    THEN known {.id, .stance, .confidence, since: toString(known.since), until: toString(known.until), .markingRefs, .revoked, .deprecated, type: type(known), from: startNode(known).id, to: endNode(known).id, knownSince: {{> fragments/known-since}}}
                    ELSE known {.*, type: type(known), from: startNode(known).id, to: endNode(known).id, knownSince: {{> fragments/known-since}}} END] AS rels,
       truncated,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources,
       COLLECT { MATCH (d:Entity) WHERE d.id IN disputingIds RETURN d {.*} } AS disputing
