// Params: $subjectIds (ids notes are about), $relationshipQueries (the same ids as exact-match queries of the
//         keyword full-text index of relationship ids, as write-document.ts builds them), $noteIds.
// Returns one row: subjectIds (those that exist as an entity, a relationship, an analyst's hypothesis, or a
// hypothesis from the graph: `<incident>:hypothesis:<actor>` with both entities present), notes (list of
// {id, fingerprint} for the notes that exist already).
CALL { MATCH (e:Entity) WHERE e.id IN $subjectIds RETURN collect(e.id) AS entityIds }
CALL { MATCH (h:AnalystHypothesis) WHERE h.id IN $subjectIds RETURN collect(h.id) AS analystHypothesisIds }
CALL {
  UNWIND $subjectIds AS id
  WITH id, split(id, ':hypothesis:') AS parts
  WHERE size(parts) = 2
  MATCH (:Entity {id: parts[0], kind: 'INCIDENT'})
  MATCH (:Entity {id: parts[1]})
  RETURN collect(id) AS graphHypothesisIds
}
CALL {
  UNWIND $relationshipQueries AS query
  CALL db.index.fulltext.queryRelationships('relationship_id', query) YIELD relationship AS r
  WITH r WHERE r.id IN $subjectIds
  RETURN collect(r.id) AS relationshipIds
}
CALL { MATCH (n:Note) WHERE n.id IN $noteIds RETURN collect({id: n.id, fingerprint: n.fingerprint}) AS notes }
RETURN entityIds + analystHypothesisIds + graphHypothesisIds + relationshipIds AS subjectIds, notes
