// Params: $nodes (internal ids of entities to expand, from find-path-ends or an earlier round of the same read
//         transaction), $ends (internal ids of the path's two ends), the link filter of fragments/link-filter
//         ($minConfidence, $asOf, $excludedSources, $includeRetired, $knownAsOf, $includeUndated; $types is made
//         by the patterns, see the slots), $stances (stances to keep, never null: paths leave DENIED out unless
//         asked), $typeCodes and $stanceCodes (maps from a type or stance name to its index in shared/vocabulary.ts).
// Slots (server/graph/cypher.ts): {{types throughTypes}}, the types a path may follow through any entity, and
//         {{types endTypes}}, the types it follows only as its first or last step (the profile's ends-only types);
//         together exactly the followed types within the caller's. Sections of the link filter: types (always
//         false here: the patterns make it), asOf, excludedSources, knownAsOf (false when their parameter is null).
// Returns one row per node: node, degree (all its links, whatever the filter: the hub discount reads it), and its
// links that a path may use, as parallel lists: rels (internal ids), others (the far ends' internal ids),
// otherDegrees (the far ends' degrees), confidences (-1 where none is stated: collect() would drop a null and the
// lists would no longer line up), and codes, each
// ((type * 4 + stance) * 2 + outgoing) * 32 + min(citations, 31), decoded by server/domain/paths/link-codes.ts.
// Rules beyond the filter, all symmetric in the two ends of a link so either end reads the same links:
// * a link into a CLAIM node that is not an end of the path counts as CLAIMED, into a DENIAL node as DENIED,
//   whatever its own stance (a route through a claim is that party's word; through a denial, a denial);
// * a REPORT that is not an end is never passed through: two things cited by one report are not linked by it;
// * links of the ends-only types only touch an end (a path may end at the victim, not pass through it): read from
//   an end, or from another entity into an end, never between two other entities;
// * links of confidence 0 carry no evidence (a confidence that is not stated is not 0: those links are followed).
// Shape: id seeks and typed expansions per node; only the link's own properties, the far end's labels and its
// degree (which Neo4j keeps per node) are read, because a path search reads thousands of links per request. The
// types are spelt out in the patterns rather than tested per link: Neo4j then reads a dense entity's links of
// those types only (a state's thousands of victim and location links are never touched), and the interpreted
// runtime saves an operator per link; the ends-only links of an entity that is not an end are found from the end
// (Expand(Into) between two known nodes). On the 966 expansions of 100 medium-graph searches, replayed
// interleaved, this and the sections left out cut Neo4j's time by 16-18% with the same rows.
// The cheap property filter runs first, the labels and stance after it; the expanded entity's own statement stance
// is worked out once, not per link. Internal ids (the deprecated id()) rather than elementId(): measured on 6k
// links, elementId() doubles this query's time (string building and transfer), and the ids never leave the one read
// transaction, which is the use id() remains fit for in Neo4j 5. Parallel lists of numbers rather than a list of
// maps: fewer objects to encode and decode.
UNWIND $nodes AS node
MATCH (n) WHERE id(n) = node
WITH node, n, id(n) IN $ends AS nIsEnd
WITH node, n, nIsEnd, CASE WHEN nIsEnd THEN null WHEN n:Denial THEN 'DENIED' WHEN n:Claim THEN 'CLAIMED' ELSE null END AS nStance
CALL {
  WITH n, nIsEnd, nStance
  CALL {
    WITH n
    MATCH (n)-[r:{{types throughTypes}}]-(m:Entity)
    RETURN r, m
    UNION ALL
    WITH n, nIsEnd
    WITH n WHERE nIsEnd
    MATCH (n)-[r:{{types endTypes}}]-(m:Entity)
    RETURN r, m
    UNION ALL
    WITH n, nIsEnd
    WITH n WHERE NOT nIsEnd
    UNWIND $ends AS end
    MATCH (m:Entity) WHERE id(m) = end
    MATCH (n)-[r:{{types endTypes}}]-(m)
    RETURN r, m
  }
  WITH n, nIsEnd, nStance, r, m
  WHERE {{> fragments/link-filter}} AND (r.confidence IS NULL OR r.confidence > 0)
  WITH n, nIsEnd, nStance, r, m, id(m) IN $ends AS mIsEnd
  WHERE mIsEnd OR NOT m:Report
  WITH n, r, m, nStance, CASE WHEN mIsEnd THEN null WHEN m:Denial THEN 'DENIED' WHEN m:Claim THEN 'CLAIMED' ELSE null END AS mStance
  // A denial outweighs a claim: a denial about a claim is a denial.
  WITH n, r, m, CASE WHEN 'DENIED' IN [nStance, mStance] THEN 'DENIED' ELSE coalesce(nStance, mStance, r.stance) END AS stance
  WHERE stance IN $stances
  WITH r, m, stance, startNode(r) = n AS outgoing, size(coalesce(r.sourceIds, [])) AS citations
  RETURN collect(id(r)) AS rels, collect(id(m)) AS others, collect(COUNT { (m)--() }) AS otherDegrees,
         collect(coalesce(r.confidence, -1)) AS confidences,
         collect((($typeCodes[type(r)] * 4 + $stanceCodes[stance]) * 2 + CASE WHEN outgoing THEN 1 ELSE 0 END) * 32
                 + CASE WHEN citations > 31 THEN 31 ELSE citations END) AS codes
}
RETURN node, COUNT { (n)--() } AS degree, rels, others, otherDegrees, confidences, codes
