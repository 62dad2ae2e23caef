// No params. Returns one row: nodes, the internal ids of every entity, in ascending order (the link projection
// reads them a page at a time with graph/read-link-projection).
MATCH (n:Entity)
WITH id(n) AS node ORDER BY node
RETURN collect(node) AS nodes
