// Params: $ids (entity ids).
// Returns nothing. Takes the write lock of each of those entities that exists, held until the transaction ends. Neo4j
// reads at read-committed: two edits of one entity that both read it before either wrote would each write back a
// copy without the other's change (a citation one of them added, dropped). Locked first, the second waits, then reads
// what the first committed. Setting a property and removing it takes the lock and leaves the entity as it was.
MATCH (e:Entity)
WHERE e.id IN $ids
SET e.editLock = true
REMOVE e.editLock
