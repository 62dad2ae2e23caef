// A predicate on the relationship `r`: the relationship filter that every statement filtering links shares,
// included as {{> fragments/relationship-filter}} (in parentheses), so no two statements can drift apart.
// Params: $types (list, or null for any type), $minConfidence (int: a link whose confidence is not stated passes
// only 0, see server/domain/confidence.ts), $stances (list, or null for any stance), $asOf (ISO date or null):
// keep a link valid on that date, since <= asOf <= until, open ends allowed; $includeRetired (boolean): also keep
// revoked or deprecated links and links touching a revoked or deprecated entity (label Retired).
($types IS NULL OR type(r) IN $types)
AND coalesce(r.confidence, 0) >= $minConfidence
AND ($stances IS NULL OR r.stance IN $stances)
AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf))))
AND ($includeRetired OR (r.retired IS NULL AND NOT startNode(r):Retired AND NOT endNode(r):Retired))
