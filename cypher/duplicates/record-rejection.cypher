// Params: $key ("a|b", ids sorted), $a, $b, $actor, $reason (or null), $at (ISO time).
// Returns nothing. Marks a pair "not the same"; marking it again keeps the first record.
MERGE (r:DuplicateRejection {key: $key})
ON CREATE SET r.a = $a, r.b = $b, r.actor = $actor, r.reason = $reason, r.at = $at
