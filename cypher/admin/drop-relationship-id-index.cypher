// No params. Returns nothing. Drops the relationship-id full-text index so that cypher/schema/constraints.cypher
// creates it again over the vocabulary's relationship types (run when the types it covers differ).
DROP INDEX relationship_id IF EXISTS
