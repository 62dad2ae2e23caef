// Params: $prefix (an id prefix, at least 6 characters). Returns: entities, sources (how many were deleted).
// Deletes entities (with their relationships), sources, marking definitions, saved views, and audit events about
// them (subjectId), whose id starts with $prefix, the analysts' hypotheses and cell ratings of incidents whose id
// starts with it, and the notes about subjects whose id starts with it (and their audit events).
// Used by tests to remove exactly the data they created.
CALL { MATCH (e:Entity) WHERE size($prefix) >= 6 AND e.id STARTS WITH $prefix DETACH DELETE e RETURN count(*) AS entities }
CALL { MATCH (s:Source) WHERE size($prefix) >= 6 AND s.id STARTS WITH $prefix DELETE s RETURN count(*) AS sources }
CALL { MATCH (v:SavedView) WHERE size($prefix) >= 6 AND v.id STARTS WITH $prefix DELETE v RETURN count(*) AS views }
CALL { MATCH (m:Marking) WHERE size($prefix) >= 6 AND m.id STARTS WITH $prefix DELETE m RETURN count(*) AS markings }
CALL { MATCH (a:AuditEvent) WHERE size($prefix) >= 6 AND a.subjectId STARTS WITH $prefix DETACH DELETE a RETURN count(*) AS auditEvents }
CALL { MATCH (n:Note) WHERE size($prefix) >= 6 AND n.subjectId STARTS WITH $prefix
       OPTIONAL MATCH (a:AuditEvent {subjectId: n.id}) DETACH DELETE a, n RETURN count(*) AS notes }
CALL { MATCH (x:AnalystHypothesis|CellRating) WHERE size($prefix) >= 6 AND x.incidentId STARTS WITH $prefix DELETE x RETURN count(*) AS analysis }
RETURN entities, sources
