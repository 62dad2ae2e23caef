// Params: $ids (entities about to be merged away or deleted), $keep (the survivor's id, or '' for none).
// Returns one row: links (every relationship touching $ids, with type/from/to), keepLinks (the survivor's
// relationships to the same neighbours, for parallel links), disputing (relationships whose disputedBy names
// one of $ids). Merges are rare and deliberate; the disputedBy search reads every disputed relationship.
CALL { MATCH (e:Entity)-[r]-() WHERE e.id IN $ids
       RETURN collect(DISTINCT r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}) AS links }
CALL { MATCH (e:Entity)--(o:Entity) WHERE e.id IN $ids
       WITH collect(DISTINCT o) AS others
       OPTIONAL MATCH (k:Entity {id: $keep})-[r]-(o) WHERE o IN others
       RETURN collect(DISTINCT r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}) AS keepLinks }
CALL { MATCH ()-[r]->() WHERE r.disputedBy IS NOT NULL AND any(x IN r.disputedBy WHERE x IN $ids)
       RETURN collect(r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}) AS disputing }
RETURN links, keepLinks, disputing
