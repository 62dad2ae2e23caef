// Params: $after (the last id of the previous page, '' for the first), $limit.
// Returns rows id: entity ids in id order after $after, for a scan of the whole graph in bounded pages.
MATCH (e:Entity) WHERE e.id > $after
RETURN e.id AS id
ORDER BY id
LIMIT $limit
