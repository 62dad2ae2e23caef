// Params: $hubs (how many of the most connected entities to consider), $bridges (how many entities linking two
// or more of them), $recent (how many of the newest dated entities linked to them), $recentScan (how many of
// the newest entities to look through for those), $linkLimit (most links returned), $hiddenKinds (kinds left out:
// generic STIX objects), $unstatedConfidence (how a link without a stated confidence ranks).
// Revoked and deprecated entities (label Retired) and hidden kinds are left out: a first view should be current.
// Returns one row: hubs (list of {entity, degree}), bridges (list of {entity, touching: hubs it links}),
// recent (list of entity), rels (links among all of them, strongest first). Entities and links in the summary
// projection (what a canvas draws, with knownSince: fragments/known-since). The candidates for a first view of a graph too big to draw whole;
// server/domain/summarize-graph.ts picks a connected picture from them.
MATCH (h:Entity)
WHERE NOT h:Retired AND NOT h.kind IN $hiddenKinds
WITH h, COUNT { (h)--() } AS degree
ORDER BY degree DESC, h.id
LIMIT $hubs
WITH collect({node: h, degree: degree}) AS ranked
WITH ranked, [x IN ranked | x.node] AS hubs
CALL {
  WITH hubs
  UNWIND hubs AS h
  MATCH (h)--(m:Entity)
  WHERE NOT m IN hubs AND NOT m:Retired AND NOT m.kind IN $hiddenKinds
  WITH m, count(DISTINCT h) AS touching
  WHERE touching >= 2
  ORDER BY touching DESC, m.date DESC, m.id
  LIMIT $bridges
  RETURN collect({node: m, touching: touching}) AS bridges
}
CALL {
  WITH hubs
  MATCH (m:Entity)
  WHERE m.date IS NOT NULL AND NOT m:Retired AND NOT m.kind IN $hiddenKinds
  WITH hubs, m
  ORDER BY m.date DESC, m.id
  LIMIT $recentScan
  WITH hubs, m
  WHERE NOT m IN hubs AND EXISTS { (m)--(h) WHERE h IN hubs }
  RETURN collect(m)[0..$recent] AS recent
}
WITH ranked, bridges, recent, hubs + [b IN bridges | b.node] + recent AS nodes
CALL {
  WITH nodes
  UNWIND nodes AS n
  MATCH (n)-[r]->(o:Entity)
  WHERE o IN nodes
  WITH DISTINCT r
  ORDER BY coalesce(r.confidence, $unstatedConfidence) DESC, r.id
  LIMIT $linkLimit
  RETURN [known IN collect(r) | known {.id, .stance, .confidence, since: toString(known.since), until: toString(known.until), type: type(known), from: startNode(known).id, to: endNode(known).id, knownSince: {{> fragments/known-since}}}] AS rels
}
RETURN [x IN ranked | {entity: [known IN [x.node] | known {.id, .kind, .name, .aliases, date: toString(known.date), knownSince: {{> fragments/known-since}}}][0], degree: x.degree}] AS hubs,
       [b IN bridges | {entity: [known IN [b.node] | known {.id, .kind, .name, .aliases, date: toString(known.date), knownSince: {{> fragments/known-since}}}][0], touching: b.touching}] AS bridges,
       [known IN recent | known {.id, .kind, .name, .aliases, date: toString(known.date), knownSince: {{> fragments/known-since}}}] AS recent,
       rels
