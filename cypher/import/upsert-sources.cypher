// Params: $sources (list of {id, title, publisher, url, published (Date or null), fingerprint}).
// Returns nothing. Creates or updates Source nodes by id.
UNWIND $sources AS row
MERGE (s:Source {id: row.id})
SET s.title = row.title, s.publisher = row.publisher, s.url = row.url, s.published = row.published,
    s.fingerprint = row.fingerprint
