// Params: $id (view id).
// Returns one row (none when there is no such view): view (its properties: id, title, note, state as JSON text,
// author, createdAt, updatedAt).
MATCH (v:SavedView {id: $id})
RETURN v {.*} AS view
