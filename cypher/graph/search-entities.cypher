// Params: $query (Lucene query built from the text, escaped), $text (the text, lower-cased), $key (the text as a
//         name key: lower-cased, possessive 's dropped, the characters in $ignored removed; search-entities.ts nameKey),
//         $kinds (list of kinds or null), $limit, $candidates (how many index hits to consider),
//         $summary (true: only id, kind, name, aliases, date, markings, retirement and knownSince (fragments/known-since) of
//         each entity, and no sources),
//         $includeRetired (true: revoked and deprecated entities answer for themselves).
// Returns one row: entities (maps, best first: exact name, exact alias or external id, name prefix, other
// matches, then full-text score), sources (Source maps cited by them; empty with $summary).
// A revoked or deprecated entity (label Retired) is left out unless $includeRetired; a revoked one is answered
// by what replaces it (REVOKED_BY, up to three revocations on), so a search for an old name finds the new entity.
CALL {
  CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $candidates}) YIELD node, score
  RETURN node, score
  UNION
  MATCH (node:Entity) WHERE node.nameLower CONTAINS $text
  RETURN node, 0.0 AS score LIMIT $candidates
  UNION
  MATCH (node:Entity) WHERE node.aliasLower CONTAINS $text
  RETURN node, 0.0 AS score LIMIT $candidates
  UNION
  MATCH (node:Entity) WHERE node.externalIdLower CONTAINS $text
  RETURN node, 0.0 AS score LIMIT $candidates
}
WITH node, max(score) AS score
// The name and then each alias as keys, the way nameKey makes $key: keys[0] is the name's.
WITH node, score,
     [name IN [node.nameLower] + [alias IN coalesce(node.aliases, []) | toLower(alias)] |
      reduce(k = replace(replace(name + ' ', "'s ", ' '), '’s ', ' '), c IN $ignored | replace(k, c, ''))] AS keys
WITH node, score, keys,
     CASE
       WHEN node.nameLower = $text OR keys[0] = $key THEN 0
       WHEN any(alias IN node.aliases WHERE toLower(alias) = $text) OR $key IN keys[1..] THEN 1
       WHEN any(externalId IN coalesce(node.externalIds, []) WHERE toLower(externalId) = $text) THEN 1
       WHEN node.nameLower STARTS WITH $text OR ($key <> '' AND keys[0] STARTS WITH $key) THEN 2
       ELSE 3
     END AS rank
WITH score, rank,
     CASE
       WHEN $includeRetired OR NOT node:Retired THEN node
       ELSE COLLECT {
         MATCH (node)-[:REVOKED_BY*1..3]->(replacement:Entity) WHERE NOT replacement:Retired RETURN replacement LIMIT 1
       }[0]
     END AS node
WHERE node IS NOT NULL AND ($kinds IS NULL OR node.kind IN $kinds)
WITH node, min(rank) AS rank, max(score) AS score
ORDER BY rank, score DESC, size(node.name), node.name
LIMIT $limit
WITH collect(node) AS nodes
WITH nodes, CASE WHEN $summary THEN [] ELSE COLLECT { UNWIND nodes AS x UNWIND coalesce(x.sourceIds, []) AS id RETURN id } END AS sourceIds
RETURN [known IN nodes | CASE WHEN $summary
                        THEN known {.id, .kind, .name, .aliases, date: toString(known.date), .markingRefs, .revoked, .deprecated, knownSince: {{> fragments/known-since}}}
                        ELSE known {.*} END] AS entities,
       COLLECT { MATCH (s:Source) WHERE s.id IN sourceIds RETURN s {.*} } AS sources
