// Params: $keys (pair keys "a|b", the two ids sorted).
// Returns rows key: those of the pairs an analyst marked "not the same".
MATCH (r:DuplicateRejection) WHERE r.key IN $keys
RETURN r.key AS key
