// Params: $limit.
// Returns rows view (properties without the state, which can be large), most recently saved first.
MATCH (v:SavedView)
RETURN v {.id, .title, .note, .author, .createdAt, .updatedAt} AS view
ORDER BY v.updatedAt DESC, v.id
LIMIT $limit
