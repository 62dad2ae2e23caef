// Params: $ids (entity ids to compare), $neighbourLimit (how many neighbour names each).
// Returns rows entity (map), neighbours (names of linked entities, a bounded sample), linked (those of $ids it
// is linked to directly, either way, by any link but DUPLICATE_OF), sameAs (those of $ids a DUPLICATE_OF link
// says it is), sourceTitles (titles of the sources it cites).
MATCH (e:Entity) WHERE e.id IN $ids
RETURN e {.*} AS entity,
       COLLECT { MATCH (e)--(o:Entity) RETURN DISTINCT o.name LIMIT $neighbourLimit } AS neighbours,
       COLLECT { MATCH (e)-[r]-(o:Entity) WHERE o.id IN $ids AND type(r) <> 'DUPLICATE_OF' RETURN DISTINCT o.id } AS linked,
       COLLECT { MATCH (e)-[:DUPLICATE_OF]-(o:Entity) WHERE o.id IN $ids RETURN DISTINCT o.id } AS sameAs,
       COLLECT { MATCH (s:Source) WHERE s.id IN coalesce(e.sourceIds, []) RETURN s.title } AS sourceTitles
