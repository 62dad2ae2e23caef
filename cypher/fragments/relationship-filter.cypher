// A predicate on the relationship `r`: the relationship filter that every statement filtering links shares,
// included as {{> fragments/relationship-filter}} (in parentheses), so no two statements can drift apart.
// Params: those of fragments/link-filter ($types, $minConfidence, $asOf, $excludedSources, $includeRetired), and $stances (list,
// or null for any stance).
{{> fragments/link-filter}}
AND ($stances IS NULL OR r.stance IN $stances)
