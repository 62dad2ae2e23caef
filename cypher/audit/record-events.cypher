// Params: $events (list of {id, at, actor, action, subjectId, subjectType, reason, before, after}; before/after are JSON text).
// Returns nothing. Appends audit events; they are never updated or deleted by the app.
UNWIND $events AS event
CREATE (a:AuditEvent)
SET a = event
