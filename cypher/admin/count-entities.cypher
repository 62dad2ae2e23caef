// No params. Returns one row: count (how many entities the graph holds). Decides whether to load the founding case.
MATCH (e:Entity) RETURN count(e) AS count
