// Params: $id (view id).
// Returns one row (none when there is no such view): view (its properties before deletion).
MATCH (v:SavedView {id: $id})
WITH v, v {.*} AS view
DELETE v
RETURN view
