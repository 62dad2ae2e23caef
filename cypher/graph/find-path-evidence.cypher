// Params: $links (relationship internal ids read by expand-for-paths in the same read transaction), $nodes
//         (entity internal ids on candidate paths).
// Returns one row: links (maps {key: the internal id, id, sourceIds, credibilities, disputed: whether its
// disputedBy names anyone}), nodes (maps {key, id, kind}). What the exact score of candidate paths needs beyond
// what the search read (server/domain/paths/evaluate-paths.ts); the sources come from find-sources.
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
RETURN links, nodes
