// Whether the GDS library is loaded, and which version. Returns version.
RETURN gds.version() AS version
