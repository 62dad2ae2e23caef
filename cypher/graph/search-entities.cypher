// Params: $query (Lucene query built from the text, escaped), $text (the text, lower-cased),
//         $kinds (list of kinds or null), $limit, $candidates (how many index hits to consider),
//         $summary (true: only id, kind, name, aliases and date of each entity, and no sources).
// Returns one row: entities (maps, best first: exact name, exact alias, name prefix, other matches, then
// full-text score), sources (Source maps cited by them; empty with $summary).
CALL {
  CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $candidates}) YIELD node, score
  RETURN node, score
  UNION
  MATCH (node:Entity) WHERE node.nameLower CONTAINS $text
  RETURN node, 0.0 AS score LIMIT $candidates
  UNION
  MATCH (node:Entity) WHERE node.aliasLower CONTAINS $text
  RETURN node, 0.0 AS score LIMIT $candidates
}
WITH node, max(score) AS score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node, score,
     CASE
       WHEN node.nameLower = $text THEN 0
       WHEN any(alias IN node.aliases WHERE toLower(alias) = $text) THEN 1
       WHEN node.nameLower STARTS WITH $text THEN 2
       ELSE 3
     END AS rank
ORDER BY rank, score DESC, size(node.name), node.name
LIMIT $limit
WITH collect(node) AS nodes
WITH nodes, CASE WHEN $summary THEN [] ELSE COLLECT { UNWIND nodes AS x UNWIND coalesce(x.sourceIds, []) AS id RETURN id } END AS sourceIds
RETURN [n IN nodes | CASE WHEN $summary THEN n {.id, .kind, .name, .aliases, .date} ELSE n {.*} END] AS entities,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources
