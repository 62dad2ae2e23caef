// Params: $id (entity id), $type, $direction ('OUT' or 'IN'), $kind (one group of its neighbours), $exclude (a
// map whose keys are ids to leave out, e.g. what the canvas shows), $order ('STRONGEST': strongest link to the
// entity first, an unstated confidence weighed as $unstatedConfidence; 'NEWEST': newest date first, undated last),
// $limit (page size), and the relationship filter.
// Returns one row (none when the id is unknown): self (the entity, summary projection), total (neighbours in the
// group, the excluded ones left out),
// entities (the page's neighbours, summary projection, in order), rels (every link of the group between the
// entity and them, summary projection). Summary projections carry knownSince (fragments/known-since).
MATCH (e:Entity {id: $id})
CALL {
  WITH e
  MATCH (e)-[r]-(o:Entity)
  WHERE type(r) = $type AND o.kind = $kind AND (CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END) = $direction
    AND $exclude[o.id] IS NULL AND {{> fragments/relationship-filter}}
  WITH o, max(coalesce(r.confidence, $unstatedConfidence)) AS strongest, max(coalesce(o.date, r.since)) AS latest, collect(r) AS links
  ORDER BY
    CASE WHEN $order = 'NEWEST' THEN coalesce(toString(latest), '') ELSE '' END DESC,
    strongest DESC, o.id
  RETURN collect({node: o, links: links}) AS ranked
}
WITH e, size(ranked) AS total, ranked[0..$limit] AS page
WITH e, total, [x IN page | x.node] AS nodes, [x IN page | x.links] AS links
RETURN [known IN [e] | known {.id, .kind, .name, .aliases, date: toString(known.date), knownSince: {{> fragments/known-since}}}][0] AS self,
       total,
       [known IN nodes | known {.id, .kind, .name, .aliases, date: toString(known.date), knownSince: {{> fragments/known-since}}}] AS entities,
       [group IN links | [known IN group | known {.id, .stance, .confidence, since: toString(known.since), until: toString(known.until), type: type(known), from: startNode(known).id, to: endNode(known).id, knownSince: {{> fragments/known-since}}}]] AS rels
