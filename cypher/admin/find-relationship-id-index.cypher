// No params. Returns one row per index named relationship_id (none before the schema is applied): types, the
// relationship types it covers. Applying the schema compares them with the vocabulary, because CREATE ... IF NOT
// EXISTS leaves an index of an older vocabulary as it was and its new types would be missing from it.
SHOW INDEXES YIELD name, labelsOrTypes WHERE name = 'relationship_id'
RETURN labelsOrTypes AS types
