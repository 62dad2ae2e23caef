// Params: $prefix (an id prefix, at least 6 characters). Returns: entities, sources (how many were deleted).
// Deletes entities (with their relationships), sources, marking definitions, and audit events about them
// (subjectId), whose id starts with $prefix.
// Used by tests to remove exactly the data they created.
CALL { MATCH (e:Entity) WHERE size($prefix) >= 6 AND e.id STARTS WITH $prefix DETACH DELETE e RETURN count(*) AS entities }
CALL { MATCH (s:Source) WHERE size($prefix) >= 6 AND s.id STARTS WITH $prefix DELETE s RETURN count(*) AS sources }
CALL { MATCH (m:Marking) WHERE size($prefix) >= 6 AND m.id STARTS WITH $prefix DELETE m RETURN count(*) AS markings }
CALL { MATCH (a:AuditEvent) WHERE size($prefix) >= 6 AND a.subjectId STARTS WITH $prefix DETACH DELETE a RETURN count(*) AS auditEvents }
RETURN entities, sources
