// The JVM's heap as it reports it (JMX): in use now, committed and the configured maximum; and the peak use of the
// old generation, what survived collections (the live data's high-water mark; eden's churn is not counted). Bytes.
CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes AS memory
CALL dbms.queryJmx('java.lang:type=MemoryPool,name=G1 Old Gen') YIELD attributes AS oldGen
RETURN memory.HeapMemoryUsage.value.properties AS heap, oldGen.PeakUsage.value.properties AS oldGenPeak
