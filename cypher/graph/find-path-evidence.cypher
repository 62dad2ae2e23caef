// Params: $links (relationship internal ids read by expand-for-paths in the same read transaction), $nodes
//         (entity internal ids on candidate paths), $knownSources (source ids the caller already holds).
// Returns one row: links (maps {key: the internal id, id, sourceIds, credibilities, disputed: whether its
// disputedBy names anyone}), nodes (maps {key, id, kind}), sources (the sources the links cite that are not in
// $knownSources: id, title, publisher, url, published, reliability, origin, derivedFrom). What the exact score of
// candidate paths needs beyond what the search read (server/domain/paths/evaluate-paths.ts), in one round trip;
// sources they derive from come from find-sources.
CALL {
  UNWIND $links AS link
  MATCH ()-[r]->() WHERE id(r) = link
  RETURN collect({key: link, id: r.id, sourceIds: coalesce(r.sourceIds, []), credibilities: coalesce(r.credibilities, []),
                  disputed: size(coalesce(r.disputedBy, [])) > 0}) AS links
}
CALL {
  UNWIND $nodes AS node
  MATCH (n) WHERE id(n) = node
  RETURN collect({key: node, id: n.id, kind: n.kind}) AS nodes
}
WITH links, nodes, [id IN reduce(ids = [], link IN links | ids + link.sourceIds) WHERE NOT id IN $knownSources] AS wanted
RETURN links, nodes,
       COLLECT { MATCH (s:Source) WHERE s.id IN wanted RETURN s {.id, .title, .publisher, .url, .published, .publishedInferred, .publishedNote, .reliability, .origin, .derivedFrom} } AS sources
