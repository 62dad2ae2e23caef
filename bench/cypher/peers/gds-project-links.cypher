// The benchmark's GDS peer: projects the graph the explorer's search may walk into GDS's in-memory catalog as
// $graph, undirected (the explorer reads links either way), each link weighted by
//   cost = -ln(confidence / 100 x stance weight x type weight)
// i.e. -ln of the strength of the link's evidence as the ATTRIBUTION profile weighs a citation, times the
// profile's weight of the link's type (the larger of its two directions: the projection is undirected), without
// the source's reliability, the citation's credibility or evidence groups (those need the sources, per link).
// Params: $graph (catalog name), $types (the types the ATTRIBUTION profile follows), $stances (those the search
//         keeps by default), $stanceWeights (map stance -> weight of the profile), $typeWeights (map type -> the
//         profile's weight of the type, the larger direction), $unstated (the confidence a link
//         without one weighs as, server/domain/confidence.ts).
// Stance: a link touching a denial node counts as DENIED, one touching a claim node as CLAIMED (the explorer does
// so unless that node is an end of the path: a projection made once for every pair cannot know the ends).
// Returns nodes, relationships (as GDS counts them), projectMillis.
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) IN $types AND (r.confidence IS NULL OR r.confidence > 0)
WITH s, t, r, CASE WHEN s:Denial OR t:Denial THEN 'DENIED' WHEN s:Claim OR t:Claim THEN 'CLAIMED' ELSE r.stance END AS stance
WHERE stance IN $stances
WITH gds.graph.project(
  $graph, s, t,
  {relationshipProperties: {cost: -log(coalesce(r.confidence, $unstated) / 100.0 * $stanceWeights[stance] * $typeWeights[type(r)])}},
  {undirectedRelationshipTypes: ['*']}
) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships, g.projectMillis AS projectMillis
