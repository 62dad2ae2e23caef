// Params: $nodes (internal ids of entities, one page of them), $typeCodes and $stanceCodes (maps from a type or
//         stance name to its index in shared/vocabulary.ts, as expand-for-paths takes them).
// Returns one row per entity found: node, degree (all its links, what expand-for-paths reads as a degree), flags
// (1 Report, 2 Claim, 4 Denial, 8 Retired: the labels its rules read), and its outgoing links to entities as
// parallel lists: rels (internal ids), targets (the far ends' internal ids), types and stances (codes, -1 for a
// type or stance outside the vocabulary or none), confidences (-1 where none is stated), citations (how many
// sources it cites) and retired (whether the link itself is revoked or deprecated).
// What the path search's in-memory link projection is built from (server/domain/paths/link-projection.ts), a page
// of entities at a time, all pages in one read transaction; each link is read once, from its start.
UNWIND $nodes AS node
MATCH (n:Entity) WHERE id(n) = node
CALL {
  WITH n
  MATCH (n)-[r]->(m:Entity)
  RETURN collect(id(r)) AS rels, collect(id(m)) AS targets, collect(coalesce($typeCodes[type(r)], -1)) AS types,
         collect(coalesce($stanceCodes[r.stance], -1)) AS stances, collect(coalesce(r.confidence, -1)) AS confidences,
         collect(size(coalesce(r.sourceIds, []))) AS citations, collect(r.retired IS NOT NULL) AS retired
}
RETURN node, COUNT { (n)--() } AS degree,
       CASE WHEN n:Report THEN 1 ELSE 0 END + CASE WHEN n:Claim THEN 2 ELSE 0 END + CASE WHEN n:Denial THEN 4 ELSE 0 END
         + CASE WHEN n:Retired THEN 8 ELSE 0 END AS flags,
       rels, targets, types, stances, confidences, citations, retired
