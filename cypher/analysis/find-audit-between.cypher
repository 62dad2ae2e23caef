// Params: $from, $to (ISO dates).
// Returns rows event (map): retractions and updates of relationships recorded after $from, up to and including
// $to, oldest first.
MATCH (a:AuditEvent)
WHERE a.subjectType = 'RELATIONSHIP' AND a.action IN ['RETRACT', 'UPDATE'] AND substring(a.at, 0, 10) > $from AND substring(a.at, 0, 10) <= $to
RETURN a {.*} AS event
ORDER BY a.at, a.id
