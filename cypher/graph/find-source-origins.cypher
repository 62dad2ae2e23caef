// Params: none.
// Returns one row per source: id, origin, publisher, title (what decides a source's origin when none is stated).
// The what-if filter's excludeOrigins compares origins normalised, which Cypher cannot do, so the domain reads
// them all: one pass over the Source nodes, a few thousand rows on the largest graphs benchmarked, and only for a
// request that names origins to leave out.
MATCH (s:Source)
RETURN s.id AS id, s.origin AS origin, s.publisher AS publisher, s.title AS title
