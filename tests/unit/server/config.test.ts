import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults: loopback, port 4000, embedded Neo4j in .data', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.neo4j.mode).toBe('embedded');
    expect(config.loadFoundingCase).toBe(true);
    expect(config.heapGrowthPercent).toBe(100);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses another Neo4j when NEO4J_URI is set, routing URIs included', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'secret', NEO4J_DATABASE: 'intel' });
    expect(config.neo4j).toMatchObject({ mode: 'external', uri: 'neo4j+s://abc.databases.neo4j.io', user: 'neo4j', database: 'intel' });
  });

  it('names every bad variable in one message', () => {
    try {
      loadConfig({ PORT: 'abc', NEO4J_HEAP: 'lots', LOAD_FOUNDING_CASE: 'maybe', HEAP_GROWTH_PERCENT: '-5' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('NEO4J_HEAP');
      expect(message).toContain('LOAD_FOUNDING_CASE');
      expect(message).toContain('HEAP_GROWTH_PERCENT');
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('refuses NEO4J_URI without a password and a URI of another scheme', () => {
    expect(() => loadConfig({ NEO4J_URI: 'bolt://localhost:7687' })).toThrow(/NEO4J_PASSWORD/);
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'x' })).toThrow(/NEO4J_URI/);
  });
});
