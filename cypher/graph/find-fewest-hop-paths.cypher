// Params: $from, $to (internal ids from find-path-ends, same read transaction), $limit, and what the path search
//         reads links with (see expand-for-paths): the link filter of fragments/link-filter ($types,
//         $minConfidence, $asOf, $excludedSources, $includeRetired), $stances, $endsOnlyTypes, $typeCodes, $stanceCodes.
// Slot: {{maxHops}} (1-8), spliced as a whole number by the catalog (Cypher takes no parameter there).
// Returns up to $limit rows, each a path with the fewest links (at most {{maxHops}}) that the path search itself
// could use: nodes (internal ids, from $from), degrees (each node's links), rels (internal ids), confidences (-1
// where none is stated), and
// codes as expand-for-paths packs them (the direction read from each link's node in path order). Neo4j's
// bidirectional breadth-first search (a quantified path pattern under ALL SHORTEST), which checks every rule of
// expand-for-paths on each hop as it goes: the search's fallback when its read budget ran out before it found
// enough paths, so that "no path" is only ever said when there is none.
MATCH (a) WHERE id(a) = $from
MATCH (b) WHERE id(b) = $to
MATCH p = ALL SHORTEST (a) ((x)-[r]-(y)
  WHERE {{> fragments/link-filter}} AND (r.confidence IS NULL OR r.confidence > 0)
    AND (y = b OR NOT y:Report)
    AND (x = a OR y = b OR NOT type(r) IN $endsOnlyTypes)
    AND CASE
          WHEN (y:Denial AND y <> b) OR (x:Denial AND x <> a) THEN 'DENIED'
          WHEN (y:Claim AND y <> b) OR (x:Claim AND x <> a) THEN 'CLAIMED'
          ELSE r.stance
        END IN $stances
){1,{{maxHops}}} (b)
WITH p LIMIT $limit
WITH nodes(p) AS ns, relationships(p) AS rs
RETURN [n IN ns | id(n)] AS nodes, [n IN ns | COUNT { (n)--() }] AS degrees, [r IN rs | id(r)] AS rels,
       [r IN rs | coalesce(r.confidence, -1)] AS confidences,
       [i IN range(0, size(rs) - 1) |
         (($typeCodes[type(rs[i])] * 4 + $stanceCodes[
            CASE
              WHEN (ns[i + 1]:Denial AND i + 1 < size(rs)) OR (ns[i]:Denial AND i > 0) THEN 'DENIED'
              WHEN (ns[i + 1]:Claim AND i + 1 < size(rs)) OR (ns[i]:Claim AND i > 0) THEN 'CLAIMED'
              ELSE rs[i].stance
            END]) * 2 + CASE WHEN startNode(rs[i]) = ns[i] THEN 1 ELSE 0 END) * 32
         + CASE WHEN size(coalesce(rs[i].sourceIds, [])) > 31 THEN 31 ELSE size(coalesce(rs[i].sourceIds, [])) END
       ] AS codes
