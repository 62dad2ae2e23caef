// Params: $entityIds, $sourceIds (ids an import refers to without defining them).
// Returns one row: entityIds, sourceIds (those of them that exist in the graph).
CALL { MATCH (e:Entity) WHERE e.id IN $entityIds RETURN collect(e.id) AS entityIds }
CALL { MATCH (s:Source) WHERE s.id IN $sourceIds RETURN collect(s.id) AS sourceIds }
RETURN entityIds, sourceIds
