// Params: $rating ({id, incidentId, hypothesisId, evidenceId, rating, reason, author, at}); id names the cell.
// Returns before (the override it replaces, or null). Sets an analyst's rating of one cell.
OPTIONAL MATCH (old:CellRating {id: $rating.id})
WITH old {.*} AS before
MERGE (c:CellRating {id: $rating.id})
SET c = $rating
RETURN before
