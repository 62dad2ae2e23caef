import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../../../server/config.js';
import { entityKinds, kindProperties, relationshipTypes, stances } from '../../../../../server/domain/model.js';
import { extensionDefinition, extensionSchemaFile } from '../../../../../server/domain/stix/extension.js';
import { snakeCase } from '../../../../../server/domain/stix/ids.js';

// The committed JSON schema of the project's STIX extension must say what the code writes and reads: the model's
// kinds, link types, stances and kind-specific properties. (Integration tests validate real exports against it.)
const schema = JSON.parse(fs.readFileSync(path.join(projectRoot, extensionSchemaFile), 'utf8')) as {
  properties: Record<string, { enum?: string[] }>;
  additionalProperties: boolean;
};

describe('the extension schema', () => {
  it('is the file the extension definition names, and admits no property it does not describe', () => {
    expect(String(extensionDefinition.schema)).toContain(extensionSchemaFile);
    expect(schema.additionalProperties).toBe(false);
  });

  it("lists the model's kinds, link types and stances", () => {
    expect(schema.properties.kind.enum).toEqual([...entityKinds]);
    expect(schema.properties.type.enum).toEqual([...relationshipTypes]);
    expect(schema.properties.stance.enum).toEqual([...stances]);
  });

  it('has a property for every kind-specific field, in snake case', () => {
    const fields = new Set(entityKinds.flatMap((kind) => kindProperties[kind].map(snakeCase)));
    expect([...fields].filter((field) => !(field in schema.properties))).toEqual([]);
  });
});
