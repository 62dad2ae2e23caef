// A predicate on the relationship `r`: everything the relationship filter asks of a link except its stance
// (paths judge the stance of a link into a claim or denial node by the node: see graph/expand-for-paths).
// Included as {{> fragments/link-filter}}, in parentheses.
// Params: $types (list, or null for any type), $minConfidence (int: a link whose confidence is not stated passes
// only 0, see server/domain/confidence.ts), $asOf (ISO date or null): keep a link valid on that date,
// since <= asOf <= until, open ends allowed; $excludedSources (list of source ids, or null): the what-if, which
// keeps a link only while one of its sources is not excluded (a link citing none is kept); $includeRetired
// (boolean): also keep revoked or deprecated links and links touching a revoked or deprecated entity (label Retired).
// $knownAsOf (ISO date or null): knowledge time, keep a link known by then (a source of it published by then;
// with no dated source, recorded by then); $includeUndated (boolean): with $knownAsOf, keep links with no date at all.
// Sections (server/graph/cypher.ts): a caller may leave out the type test when its pattern names the types itself,
// and the date, what-if and knowledge-time tests when their parameter is null; each test costs Neo4j's interpreted
// runtime an operator per link even when its parameter turns it off, and a path search reads thousands of links.
{{#types}}($types IS NULL OR type(r) IN $types) AND{{/types}}
coalesce(r.confidence, 0) >= $minConfidence
{{#asOf}}AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf)))){{/asOf}}
{{#excludedSources}}AND ($excludedSources IS NULL OR size(coalesce(r.sourceIds, [])) = 0 OR any(source IN r.sourceIds WHERE NOT source IN $excludedSources)){{/excludedSources}}
AND ($includeRetired OR (r.retired IS NULL AND NOT startNode(r):Retired AND NOT endNode(r):Retired))
{{#knownAsOf}}AND ($knownAsOf IS NULL OR EXISTS { MATCH (knownSource:Source) WHERE knownSource.id IN coalesce(r.sourceIds, []) AND knownSource.published <= date($knownAsOf) }
     OR (NOT EXISTS { MATCH (datedSource:Source) WHERE datedSource.id IN coalesce(r.sourceIds, []) AND datedSource.published IS NOT NULL }
         AND CASE WHEN r.createdAt IS NULL THEN $includeUndated ELSE date(r.createdAt) <= date($knownAsOf) END)){{/knownAsOf}}
