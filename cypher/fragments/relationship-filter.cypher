// A predicate on the relationship `r`: the relationship filter that every statement filtering links shares,
// included as {{> fragments/relationship-filter}} (in parentheses), so no two statements can drift apart.
// Params: $types (list, or null for any type), $minConfidence (int), $stances (list, or null for any stance),
// $asOf (ISO date or null): keep a link valid on that date, since <= asOf <= until, open ends allowed.
($types IS NULL OR type(r) IN $types)
AND r.confidence >= $minConfidence
AND ($stances IS NULL OR r.stance IN $stances)
AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= date($asOf)) AND (r.until IS NULL OR r.until >= date($asOf))))
