// No params. Run by the executor (server/graph/run.ts) at the end of every write transaction whose statements changed
// something, inside it: one more GraphChange node commits with the work, or not at all, so the revision
// (graph/find-graph-revision, their count) rises with each such commit and never falls. Creating a node locks nothing
// another transaction holds: a counter node's property would serialise every writer on one lock, to the end of its
// commit. The nodes carry nothing and nothing else reads them (about 15 bytes each).
// Returns nothing.
CREATE (:GraphChange)
