// Applied at every start; every statement is idempotent (IF NOT EXISTS). No parameters.
// Returns nothing. The last statement waits (up to 60 s) until every index is online, so the first queries
// use them. Keep the relationship-type lists in step with shared/vocabulary.ts (a test checks).

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
CREATE INDEX source_reliability IF NOT EXISTS FOR (s:Source) ON (s.reliability);
CREATE INDEX entity_date IF NOT EXISTS FOR (e:Entity) ON (e.date);
CREATE TEXT INDEX entity_name_text IF NOT EXISTS FOR (e:Entity) ON (e.nameLower);
CREATE TEXT INDEX entity_alias_text IF NOT EXISTS FOR (e:Entity) ON (e.aliasLower);
CREATE INDEX audit_subject IF NOT EXISTS FOR (a:AuditEvent) ON (a.subjectId);
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText, e.description];
CREATE FULLTEXT INDEX relationship_id IF NOT EXISTS FOR ()-[r:ATTRIBUTED_TO|AFFILIATED_WITH|PART_OF|TARGETED|CLAIMED_BY|DENIED_BY|MADE_BY|ABOUT|IMPOSED_BY|SANCTIONS|SEVERED_TIES_WITH|HOSTS|LOCATED_IN|USES|MOTIVATED_BY|RESPONDS_TO|FOLLOWS|SUPPORTS|RELATED_TO]-() ON EACH [r.id] OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword' } };
CREATE CONSTRAINT rel_attributed_to_id IF NOT EXISTS FOR ()-[r:ATTRIBUTED_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_affiliated_with_id IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_targeted_id IF NOT EXISTS FOR ()-[r:TARGETED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_claimed_by_id IF NOT EXISTS FOR ()-[r:CLAIMED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_denied_by_id IF NOT EXISTS FOR ()-[r:DENIED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_made_by_id IF NOT EXISTS FOR ()-[r:MADE_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_about_id IF NOT EXISTS FOR ()-[r:ABOUT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_imposed_by_id IF NOT EXISTS FOR ()-[r:IMPOSED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_sanctions_id IF NOT EXISTS FOR ()-[r:SANCTIONS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_severed_ties_with_id IF NOT EXISTS FOR ()-[r:SEVERED_TIES_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_hosts_id IF NOT EXISTS FOR ()-[r:HOSTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_located_in_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_uses_id IF NOT EXISTS FOR ()-[r:USES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_motivated_by_id IF NOT EXISTS FOR ()-[r:MOTIVATED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_responds_to_id IF NOT EXISTS FOR ()-[r:RESPONDS_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_follows_id IF NOT EXISTS FOR ()-[r:FOLLOWS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_supports_id IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_related_to_id IF NOT EXISTS FOR ()-[r:RELATED_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT analyst_hypothesis_id IF NOT EXISTS FOR (h:AnalystHypothesis) REQUIRE h.id IS UNIQUE;
CREATE INDEX analyst_hypothesis_incident IF NOT EXISTS FOR (h:AnalystHypothesis) ON (h.incidentId);
CREATE CONSTRAINT cell_rating_id IF NOT EXISTS FOR (c:CellRating) REQUIRE c.id IS UNIQUE;
CREATE INDEX cell_rating_incident IF NOT EXISTS FOR (c:CellRating) ON (c.incidentId);
CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE;
CREATE INDEX note_subject IF NOT EXISTS FOR (n:Note) ON (n.subjectId);
CREATE FULLTEXT INDEX note_text IF NOT EXISTS FOR (n:Note) ON EACH [n.text];
CALL db.awaitIndexes(60);
