// Params: $query (Lucene query built from the text, escaped), $text (the text, lower-cased),
//         $kinds (list of kinds or null), $limit, $candidates (how many index hits to consider).
// Returns rows ranked best first: entity (map), rank (0 exact name, 1 exact alias, 2 name prefix,
// 3 other match), score; and on every row the sources (Source maps) cited by all returned entities.
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
WITH collect({entity: node {.*}, rank: rank, score: score}) AS hits
WITH hits, reduce(acc = [], h IN hits | acc + h.entity.sourceIds) AS sourceIds
WITH hits, COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources
UNWIND hits AS hit
RETURN hit.entity AS entity, hit.rank AS rank, hit.score AS score, sources
