// The benchmark's GDS peer: Yen's k shortest loopless paths between two entities on the projection of
// peers/gds-project-links, by the sum of its costs (-ln of the product of the links' strengths). No hop limit.
// Params: $graph (catalog name), $from, $to (entity ids), $k (paths wanted).
// Returns up to $k rows, cheapest first: index, nodeIds (internal ids in path order), totalCost.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CALL gds.shortestPath.yens.stream($graph, {sourceNode: a, targetNode: b, k: $k, relationshipWeightProperty: 'cost'})
YIELD index, nodeIds, totalCost
RETURN index, nodeIds, totalCost
ORDER BY index
