// Params: $grades (the Admiralty grades A-E).
// Returns one row: grades, those of $grades that at least one Source carries (an index seek each). The path
// search bounds a citation's weight by the best grade present, so a graph without A sources is not searched as
// if it had them.
RETURN [grade IN $grades WHERE EXISTS { MATCH (s:Source {reliability: grade}) }] AS grades
