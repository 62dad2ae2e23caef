// Params: $ids (entity ids to compare), $neighbourLimit (how many neighbour names each).
// Returns rows entity (map), neighbours (names of linked entities, a bounded sample), linked (those of $ids it
// is linked to directly, either way), sourceTitles (titles of the sources it cites).
MATCH (e:Entity) WHERE e.id IN $ids
RETURN e {.*} AS entity,
       COLLECT { MATCH (e)--(o:Entity) RETURN DISTINCT o.name LIMIT $neighbourLimit } AS neighbours,
       COLLECT { MATCH (e)--(o:Entity) WHERE o.id IN $ids RETURN DISTINCT o.id } AS linked,
       COLLECT { MATCH (s:Source) WHERE s.id IN coalesce(e.sourceIds, []) RETURN s.title } AS sourceTitles
