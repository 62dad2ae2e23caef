// Params: $hypothesis ({id, incidentId, label, author, createdAt, reason}).
// Returns nothing. Adds an analyst's hypothesis to an incident's matrix.
CREATE (h:AnalystHypothesis)
SET h = $hypothesis
