// Params: $subjectIds (ids of entities, relationships or hypotheses).
// Returns one row: notes (Note maps about those subjects, oldest first), sources (Source maps they cite).
WITH COLLECT { MATCH (n:Note) WHERE n.subjectId IN $subjectIds RETURN n {.*} ORDER BY n.createdAt, n.id } AS notes
RETURN notes,
       COLLECT { UNWIND notes AS note UNWIND coalesce(note.sourceIds, []) AS id MATCH (s:Source {id: id}) RETURN DISTINCT s {.*} } AS sources
