// Params: $subjectId (entity, relationship or import id), $limit.
// Returns rows event (map), newest first.
MATCH (a:AuditEvent {subjectId: $subjectId})
RETURN a {.*} AS event
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
