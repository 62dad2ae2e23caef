// Params: $query (Lucene query built from the text, escaped), $limit.
// Returns one row: notes (Note maps whose text matches, best match first), sources (Source maps they cite).
CALL {
  CALL db.index.fulltext.queryNodes('note_text', $query, {limit: $limit}) YIELD node, score
  RETURN node ORDER BY score DESC, node.createdAt DESC
}
WITH collect(node {.*}) AS notes
RETURN notes,
       COLLECT { UNWIND notes AS note UNWIND coalesce(note.sourceIds, []) AS id MATCH (s:Source {id: id}) RETURN DISTINCT s {.*} } AS sources
