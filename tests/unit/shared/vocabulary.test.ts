import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isObjectType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  dateProperties,
  entityKinds,
  entityKindsInLegendOrder,
  isEntityKind,
  isRelationshipType,
  isStance,
  kindDefinitions,
  relationshipLabel,
  relationshipTypes,
  stances,
  stancesInLegendOrder,
} from '../../../shared/vocabulary';

const root = path.join(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const schema = buildSchema(read('server/schema.graphql'));
const commonEntityFields = ['id', 'kind', 'name', 'aliases', 'description', 'date', 'knownSince', 'sources', 'extra'];
const kindProperties = [...new Set(entityKinds.flatMap((kind) => kindDefinitions[kind].properties))];

function type(name: string): GraphQLNamedType {
  const found = schema.getType(name);
  if (!found) throw new Error(`schema.graphql has no type ${name}`);
  return found;
}

describe('the vocabulary is what the GraphQL schema says', () => {
  it('lists the EntityKind and Stance enums in their order', () => {
    const entityKind = type('EntityKind');
    const stance = type('Stance');
    if (!isEnumType(entityKind) || !isEnumType(stance)) throw new Error('EntityKind and Stance must be enums');
    expect(entityKind.getValues().map((value) => value.name)).toEqual(entityKinds);
    expect(stance.getValues().map((value) => value.name)).toEqual(stances);
  });

  it('has one GraphQL type per kind, implementing Entity, with exactly its kind-specific fields as scalars', () => {
    const implementations = schema.getPossibleTypes(schema.getType('Entity') as never).map((object) => object.name);
    expect(implementations.sort()).toEqual(entityKinds.map((kind) => kindDefinitions[kind].typeName).sort());
    for (const kind of entityKinds) {
      const object = type(kindDefinitions[kind].typeName);
      if (!isObjectType(object)) throw new Error(`${object.name} must be an object type`);
      const scalarFields = Object.values(object.getFields())
        .filter((field) => !commonEntityFields.includes(field.name))
        .filter((field) => ['String', 'Date'].includes(String(field.type)))
        .map((field) => field.name);
      expect(scalarFields, kind).toEqual([...kindDefinitions[kind].properties]);
      for (const property of kindDefinitions[kind].properties) {
        expect(String(object.getFields()[property].type), `${kind}.${property}`).toBe(dateProperties.has(property) ? 'Date' : 'String');
      }
    }
  });

  it('accepts every kind-specific property in EntityInput, dates as Date', () => {
    const input = type('EntityInput');
    if (!isInputObjectType(input)) throw new Error('EntityInput must be an input type');
    const fields = input.getFields();
    for (const property of kindProperties) {
      expect(String(fields[property]?.type), property).toBe(dateProperties.has(property) ? 'Date' : 'String');
    }
    for (const property of dateProperties) expect(kindProperties).toContain(property);
  });
});

describe('the vocabulary is what the Cypher files say', () => {
  it('declares the relationship-id index and a unique-id constraint for exactly the whitelisted types', () => {
    const constraints = read('cypher/schema/constraints.cypher');
    const indexed = /FOR \(\)-\[r:([A-Z_|]+)\]-\(\) ON EACH \[r\.id\]/.exec(constraints)?.[1].split('|');
    expect(indexed).toEqual(relationshipTypes);
    const constrained = [...constraints.matchAll(/FOR \(\)-\[r:([A-Z_]+)\]-\(\) REQUIRE r\.id IS UNIQUE/g)].map((match) => match[1]);
    expect(constrained).toEqual(relationshipTypes);
  });

  it('counts every kind and relationship type in count-graph, each from the count store (a static label or type, counted alone)', () => {
    const text = read('cypher/graph/count-graph.cypher');
    for (const kind of entityKinds) {
      expect(text, kind).toContain(`MATCH (n:${kindDefinitions[kind].typeName}) WITH count(n) AS count RETURN '${kind}' AS kind, count`);
    }
    for (const relationshipType of relationshipTypes) {
      expect(text, relationshipType).toContain(
        `MATCH ()-[r:${relationshipType}]->() WITH count(r) AS count RETURN '${relationshipType}' AS type, count`,
      );
    }
    expect(text.match(/MATCH \(n:/g)).toHaveLength(entityKinds.length);
    expect(text.match(/MATCH \(\)-\[r:/g)).toHaveLength(relationshipTypes.length);
  });
});

describe('the vocabulary itself', () => {
  it('lists every kind and stance once in its legend order', () => {
    expect([...entityKindsInLegendOrder].sort()).toEqual([...entityKinds].sort());
    expect([...stancesInLegendOrder].sort()).toEqual([...stances].sort());
  });

  it('uses labels and type names that are safe to splice into Cypher', () => {
    for (const kind of entityKinds) expect(kindDefinitions[kind].typeName).toMatch(/^[A-Z][A-Za-z]+$/);
    for (const relationshipType of relationshipTypes) expect(relationshipType).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('recognises its own names and nothing else', () => {
    expect(entityKinds.every(isEntityKind)).toBe(true);
    expect(relationshipTypes.every(isRelationshipType)).toBe(true);
    expect(stances.every(isStance)).toBe(true);
    for (const name of ['', 'toString', '__proto__', 'threat_actor', 'ThreatActor']) {
      expect(isEntityKind(name) || isRelationshipType(name) || isStance(name), name).toBe(false);
    }
  });

  it('reads relationship types as words', () => {
    expect(relationshipLabel('SEVERED_TIES_WITH')).toBe('severed ties with');
  });
});
