// Params: $ids (source ids).
// Returns one row per source that exists: source (its map: id, title, publisher, url, published, reliability,
// origin, derivedFrom). Sources for the evidence groups of path ranking and for Source.derivedFrom.
MATCH (s:Source) WHERE s.id IN $ids
RETURN s {.id, .title, .publisher, .url, .published, .publishedInferred, .publishedNote, .reliability, .origin, .derivedFrom} AS source
