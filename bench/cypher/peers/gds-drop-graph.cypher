// Drops the benchmark's GDS projection $graph (no error when there is none). Returns graphName.
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName
