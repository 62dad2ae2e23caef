// No params. Returns one row: names, the name of every index, each uniqueness constraint's backing index included
// (it has the constraint's name). Applying the schema runs only the statements whose index or constraint is missing:
// each CREATE ... IF NOT EXISTS is a schema transaction of its own, and most starts (and every CLI run) find them all.
SHOW INDEXES YIELD name
RETURN collect(name) AS names
