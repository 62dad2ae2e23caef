// Params: $ids (entity ids: the two ends of a path search), $grades (the Admiralty grades A-E).
// Returns one row: ends (a map {id, node, degree} per id that exists; degree counts all its links, so the search
// can leave a hub end unread; node is the entity's internal id, which the
// search's expansion rounds use within the same read transaction; see expand-for-paths.cypher for why not
// elementId), and grades (those of $grades that at least one Source carries, an index seek each: the search
// bounds a citation's weight by the best grade present, so a graph without A sources is not searched as if it
// had them). One statement for both, to spare a round trip per request.
RETURN COLLECT { MATCH (n:Entity) WHERE n.id IN $ids RETURN {id: n.id, node: id(n), degree: COUNT { (n)--() }} } AS ends,
       [grade IN $grades WHERE EXISTS { MATCH (s:Source {reliability: grade}) }] AS grades
