// Params: none. Returns one row: ok (1).
// The health check: a round trip through the query engine, which a frozen database cannot answer (a driver's
// connectivity check may be satisfied by a pooled connection without asking the server anything).
RETURN 1 AS ok
