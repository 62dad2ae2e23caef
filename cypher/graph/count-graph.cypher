// No params. Returns one row: entities, relationships (totals), byKind (list of {kind, count}),
// byType (list of {type, count}), largest first, leaving out zeros.
// Every count is one pattern with a single static label or type, counted alone (a literal beside count()
// would turn it into a grouping), which Neo4j answers from its count store
// without reading nodes or links (a scan of e.kind / type(r) took 260 ms on 600k elements). The labels and
// types are those of shared/vocabulary.ts; tests/unit/shared/vocabulary.test.ts keeps them in step.
CALL { MATCH (e:Entity) RETURN count(e) AS entities }
CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL {
  CALL {
    MATCH (n:ThreatActor) WITH count(n) AS count RETURN 'THREAT_ACTOR' AS kind, count
    UNION ALL
    MATCH (n:State) WITH count(n) AS count RETURN 'STATE' AS kind, count
    UNION ALL
    MATCH (n:Organization) WITH count(n) AS count RETURN 'ORGANIZATION' AS kind, count
    UNION ALL
    MATCH (n:Person) WITH count(n) AS count RETURN 'PERSON' AS kind, count
    UNION ALL
    MATCH (n:Group) WITH count(n) AS count RETURN 'GROUP' AS kind, count
    UNION ALL
    MATCH (n:Location) WITH count(n) AS count RETURN 'LOCATION' AS kind, count
    UNION ALL
    MATCH (n:Incident) WITH count(n) AS count RETURN 'INCIDENT' AS kind, count
    UNION ALL
    MATCH (n:Campaign) WITH count(n) AS count RETURN 'CAMPAIGN' AS kind, count
    UNION ALL
    MATCH (n:Malware) WITH count(n) AS count RETURN 'MALWARE' AS kind, count
    UNION ALL
    MATCH (n:Tool) WITH count(n) AS count RETURN 'TOOL' AS kind, count
    UNION ALL
    MATCH (n:Vulnerability) WITH count(n) AS count RETURN 'VULNERABILITY' AS kind, count
    UNION ALL
    MATCH (n:Report) WITH count(n) AS count RETURN 'REPORT' AS kind, count
    UNION ALL
    MATCH (n:Claim) WITH count(n) AS count RETURN 'CLAIM' AS kind, count
    UNION ALL
    MATCH (n:Denial) WITH count(n) AS count RETURN 'DENIAL' AS kind, count
    UNION ALL
    MATCH (n:Sanction) WITH count(n) AS count RETURN 'SANCTION' AS kind, count
    UNION ALL
    MATCH (n:DiplomaticAction) WITH count(n) AS count RETURN 'DIPLOMATIC_ACTION' AS kind, count
    UNION ALL
    MATCH (n:IntrusionSet) WITH count(n) AS count RETURN 'INTRUSION_SET' AS kind, count
    UNION ALL
    MATCH (n:AttackPattern) WITH count(n) AS count RETURN 'ATTACK_PATTERN' AS kind, count
    UNION ALL
    MATCH (n:CourseOfAction) WITH count(n) AS count RETURN 'COURSE_OF_ACTION' AS kind, count
    UNION ALL
    MATCH (n:Indicator) WITH count(n) AS count RETURN 'INDICATOR' AS kind, count
    UNION ALL
    MATCH (n:Infrastructure) WITH count(n) AS count RETURN 'INFRASTRUCTURE' AS kind, count
    UNION ALL
    MATCH (n:ObservedData) WITH count(n) AS count RETURN 'OBSERVED_DATA' AS kind, count
    UNION ALL
    MATCH (n:Grouping) WITH count(n) AS count RETURN 'GROUPING' AS kind, count
    UNION ALL
    MATCH (n:MalwareAnalysis) WITH count(n) AS count RETURN 'MALWARE_ANALYSIS' AS kind, count
    UNION ALL
    MATCH (n:StixObject) WITH count(n) AS count RETURN 'STIX_OBJECT' AS kind, count
  }
  WITH kind, count WHERE count > 0
  ORDER BY count DESC
  RETURN collect({kind: kind, count: count}) AS byKind
}
CALL {
  CALL {
    MATCH ()-[r:ATTRIBUTED_TO]->() WITH count(r) AS count RETURN 'ATTRIBUTED_TO' AS type, count
    UNION ALL
    MATCH ()-[r:AFFILIATED_WITH]->() WITH count(r) AS count RETURN 'AFFILIATED_WITH' AS type, count
    UNION ALL
    MATCH ()-[r:PART_OF]->() WITH count(r) AS count RETURN 'PART_OF' AS type, count
    UNION ALL
    MATCH ()-[r:TARGETED]->() WITH count(r) AS count RETURN 'TARGETED' AS type, count
    UNION ALL
    MATCH ()-[r:CLAIMED_BY]->() WITH count(r) AS count RETURN 'CLAIMED_BY' AS type, count
    UNION ALL
    MATCH ()-[r:DENIED_BY]->() WITH count(r) AS count RETURN 'DENIED_BY' AS type, count
    UNION ALL
    MATCH ()-[r:MADE_BY]->() WITH count(r) AS count RETURN 'MADE_BY' AS type, count
    UNION ALL
    MATCH ()-[r:ABOUT]->() WITH count(r) AS count RETURN 'ABOUT' AS type, count
    UNION ALL
    MATCH ()-[r:IMPOSED_BY]->() WITH count(r) AS count RETURN 'IMPOSED_BY' AS type, count
    UNION ALL
    MATCH ()-[r:SANCTIONS]->() WITH count(r) AS count RETURN 'SANCTIONS' AS type, count
    UNION ALL
    MATCH ()-[r:SEVERED_TIES_WITH]->() WITH count(r) AS count RETURN 'SEVERED_TIES_WITH' AS type, count
    UNION ALL
    MATCH ()-[r:HOSTS]->() WITH count(r) AS count RETURN 'HOSTS' AS type, count
    UNION ALL
    MATCH ()-[r:LOCATED_IN]->() WITH count(r) AS count RETURN 'LOCATED_IN' AS type, count
    UNION ALL
    MATCH ()-[r:USES]->() WITH count(r) AS count RETURN 'USES' AS type, count
    UNION ALL
    MATCH ()-[r:MOTIVATED_BY]->() WITH count(r) AS count RETURN 'MOTIVATED_BY' AS type, count
    UNION ALL
    MATCH ()-[r:RESPONDS_TO]->() WITH count(r) AS count RETURN 'RESPONDS_TO' AS type, count
    UNION ALL
    MATCH ()-[r:FOLLOWS]->() WITH count(r) AS count RETURN 'FOLLOWS' AS type, count
    UNION ALL
    MATCH ()-[r:SUPPORTS]->() WITH count(r) AS count RETURN 'SUPPORTS' AS type, count
    UNION ALL
    MATCH ()-[r:RELATED_TO]->() WITH count(r) AS count RETURN 'RELATED_TO' AS type, count
    UNION ALL
    MATCH ()-[r:MITIGATES]->() WITH count(r) AS count RETURN 'MITIGATES' AS type, count
    UNION ALL
    MATCH ()-[r:DETECTS]->() WITH count(r) AS count RETURN 'DETECTS' AS type, count
    UNION ALL
    MATCH ()-[r:INDICATES]->() WITH count(r) AS count RETURN 'INDICATES' AS type, count
    UNION ALL
    MATCH ()-[r:BASED_ON]->() WITH count(r) AS count RETURN 'BASED_ON' AS type, count
    UNION ALL
    MATCH ()-[r:DERIVED_FROM]->() WITH count(r) AS count RETURN 'DERIVED_FROM' AS type, count
    UNION ALL
    MATCH ()-[r:DUPLICATE_OF]->() WITH count(r) AS count RETURN 'DUPLICATE_OF' AS type, count
    UNION ALL
    MATCH ()-[r:REVOKED_BY]->() WITH count(r) AS count RETURN 'REVOKED_BY' AS type, count
    UNION ALL
    MATCH ()-[r:SUBTECHNIQUE_OF]->() WITH count(r) AS count RETURN 'SUBTECHNIQUE_OF' AS type, count
    UNION ALL
    MATCH ()-[r:SIGHTED]->() WITH count(r) AS count RETURN 'SIGHTED' AS type, count
    UNION ALL
    MATCH ()-[r:COMPROMISES]->() WITH count(r) AS count RETURN 'COMPROMISES' AS type, count
    UNION ALL
    MATCH ()-[r:ORIGINATES_FROM]->() WITH count(r) AS count RETURN 'ORIGINATES_FROM' AS type, count
    UNION ALL
    MATCH ()-[r:DELIVERS]->() WITH count(r) AS count RETURN 'DELIVERS' AS type, count
    UNION ALL
    MATCH ()-[r:OWNS]->() WITH count(r) AS count RETURN 'OWNS' AS type, count
    UNION ALL
    MATCH ()-[r:IMPERSONATES]->() WITH count(r) AS count RETURN 'IMPERSONATES' AS type, count
    UNION ALL
    MATCH ()-[r:COMMUNICATES_WITH]->() WITH count(r) AS count RETURN 'COMMUNICATES_WITH' AS type, count
    UNION ALL
    MATCH ()-[r:CONSISTS_OF]->() WITH count(r) AS count RETURN 'CONSISTS_OF' AS type, count
    UNION ALL
    MATCH ()-[r:CONTROLS]->() WITH count(r) AS count RETURN 'CONTROLS' AS type, count
    UNION ALL
    MATCH ()-[r:HAS]->() WITH count(r) AS count RETURN 'HAS' AS type, count
    UNION ALL
    MATCH ()-[r:BEACONS_TO]->() WITH count(r) AS count RETURN 'BEACONS_TO' AS type, count
    UNION ALL
    MATCH ()-[r:EXFILTRATES_TO]->() WITH count(r) AS count RETURN 'EXFILTRATES_TO' AS type, count
    UNION ALL
    MATCH ()-[r:DOWNLOADS]->() WITH count(r) AS count RETURN 'DOWNLOADS' AS type, count
    UNION ALL
    MATCH ()-[r:DROPS]->() WITH count(r) AS count RETURN 'DROPS' AS type, count
    UNION ALL
    MATCH ()-[r:EXPLOITS]->() WITH count(r) AS count RETURN 'EXPLOITS' AS type, count
    UNION ALL
    MATCH ()-[r:VARIANT_OF]->() WITH count(r) AS count RETURN 'VARIANT_OF' AS type, count
    UNION ALL
    MATCH ()-[r:INVESTIGATES]->() WITH count(r) AS count RETURN 'INVESTIGATES' AS type, count
    UNION ALL
    MATCH ()-[r:REMEDIATES]->() WITH count(r) AS count RETURN 'REMEDIATES' AS type, count
    UNION ALL
    MATCH ()-[r:CHARACTERIZES]->() WITH count(r) AS count RETURN 'CHARACTERIZES' AS type, count
    UNION ALL
    MATCH ()-[r:ANALYSIS_OF]->() WITH count(r) AS count RETURN 'ANALYSIS_OF' AS type, count
    UNION ALL
    MATCH ()-[r:STATIC_ANALYSIS_OF]->() WITH count(r) AS count RETURN 'STATIC_ANALYSIS_OF' AS type, count
    UNION ALL
    MATCH ()-[r:DYNAMIC_ANALYSIS_OF]->() WITH count(r) AS count RETURN 'DYNAMIC_ANALYSIS_OF' AS type, count
    UNION ALL
    MATCH ()-[r:IMPACTS]->() WITH count(r) AS count RETURN 'IMPACTS' AS type, count
    UNION ALL
    MATCH ()-[r:RESOLVES_TO]->() WITH count(r) AS count RETURN 'RESOLVES_TO' AS type, count
    UNION ALL
    MATCH ()-[r:BELONGS_TO]->() WITH count(r) AS count RETURN 'BELONGS_TO' AS type, count
  }
  WITH type, count WHERE count > 0
  ORDER BY count DESC
  RETURN collect({type: type, count: count}) AS byType
}
RETURN entities, relationships, byKind, byType
