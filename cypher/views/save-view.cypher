// Params: $view ({id, title, note, state (JSON text), author, at (ISO 8601)}).
// Returns one row: view (the saved view's properties). Creates the view, or updates its title, note and state;
// the author is set once, by whoever created it.
MERGE (v:SavedView {id: $view.id})
ON CREATE SET v.author = $view.author, v.createdAt = $view.at
SET v.title = $view.title, v.note = $view.note, v.state = $view.state, v.updatedAt = $view.at
RETURN v {.*} AS view
