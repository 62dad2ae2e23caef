// No params. Returns one row: revision, how many write transactions that changed something have committed through the
// explorer's executor (edit/bump-graph-revision: one GraphChange node each; Neo4j keeps the count, so this reads no
// node). The path search's in-memory link projection (server/domain/paths/link-projection.ts) is used only while
// the revision it was read at is still this one.
MATCH (change:GraphChange)
RETURN count(change) AS revision
