// The benchmark's SHORTEST k peer: what a Neo4j user (or Bloom) gets for "how are these two connected", paths
// with the fewest links, under the explorer's default reading rules that a plain pattern can say.
// Params: $from, $to (entity ids), $types (the relationship types the ATTRIBUTION profile follows), $stances (the
//         stances the explorer's search keeps by default: DENIED left out).
// Slots: {{maxHops}} (the explorer's hop limit), {{k}} (paths wanted): Cypher takes no parameter in either place.
// Returns up to {{k}} rows, fewest links first: ids (the entities' ids in path order, from $from to $to).
// Unlike graph/expand-for-paths it has no ends-only types, no claim or denial node stance, no report rule and
// no hub or evidence weighing: the peer is the plain pattern, not a copy of the explorer's search.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST {{k}} (a) ((x)-[r]-(y) WHERE type(r) IN $types AND r.stance IN $stances){1,{{maxHops}}} (b)
RETURN [n IN nodes(p) | n.id] AS ids
