// Params: $markings (list of {id, object (the marking-definition as JSON), name, statement}): marking definitions
//         other than the predefined TLP ones (shared/markings.ts), such as statement markings.
// Returns nothing. Creates or updates Marking nodes by id; elements refer to them by id in markingRefs.
UNWIND $markings AS row
MERGE (m:Marking {id: row.id})
SET m.object = row.object, m.name = row.name, m.statement = row.statement
