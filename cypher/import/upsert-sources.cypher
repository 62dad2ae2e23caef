// Params: $sources (list of {id, title, publisher, url, published (Date or null), publishedInferred (true or null),
//         publishedNote (or null), reliability (A-F or null), origin (or null), derivedFrom (list of source ids),
//         fingerprint}).
// Returns nothing. Creates or updates Source nodes by id. A null reliability or origin removes the property:
// it then reads as grade F and as the publisher; a null publishedInferred reads as a stated (not inferred) date.
UNWIND $sources AS row
MERGE (s:Source {id: row.id})
SET s.title = row.title, s.publisher = row.publisher, s.url = row.url, s.published = row.published,
    s.publishedInferred = row.publishedInferred, s.publishedNote = row.publishedNote,
    s.reliability = row.reliability, s.origin = row.origin, s.derivedFrom = row.derivedFrom,
    s.fingerprint = row.fingerprint
