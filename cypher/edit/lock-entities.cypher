// Params: $ids (entity ids, sorted).
// Returns nothing. Takes the write lock of each of those entities that exists, in the order given, held until the
// transaction ends. Neo4j reads at read-committed: two edits of one entity that both read it before either wrote would
// each write back a copy without the other's change (a citation one of them added, dropped). Locked first, the second
// waits, then reads what the first committed. Every edit asks in the same (sorted) order for all the entities it will
// write, so two of them never hold one each of a pair and wait for the other's. Setting a property and removing it
// takes the lock and leaves the entity as it was.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.editLock = true
REMOVE e.editLock
