// Params: $notes (list of {id, subjectId, text, author, createdAt, sourceIds, excerpts, credibilities,
//         fingerprint}).
// Returns nothing. Creates or replaces analysts' notes by id (an import brings back the notes it exported).
UNWIND $notes AS row
MERGE (n:Note {id: row.id})
SET n = row
