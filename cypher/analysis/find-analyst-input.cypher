// Params: $incidentId.
// Returns one row: hypotheses (the analyst-added hypotheses of the incident, oldest first) and ratings (the
// analysts' overrides of proposed cells), both as property maps.
RETURN COLLECT { MATCH (h:AnalystHypothesis {incidentId: $incidentId}) RETURN h {.*} ORDER BY h.createdAt, h.id } AS hypotheses,
       COLLECT { MATCH (c:CellRating {incidentId: $incidentId}) RETURN c {.*} ORDER BY c.id } AS ratings
