import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindLabels, relationshipTypes } from '../../../server/domain/model.js';

const text = fs.readFileSync(path.join(__dirname, '../../../cypher/graph/count-graph.cypher'), 'utf8');

describe('cypher/graph/count-graph.cypher', () => {
  it('counts every kind and relationship type of the model, each from the count store (a static label or type, counted alone)', () => {
    for (const [kind, label] of Object.entries(kindLabels)) {
      expect(text, kind).toContain(`MATCH (n:${label}) WITH count(n) AS count RETURN '${kind}' AS kind, count`);
    }
    for (const type of relationshipTypes) {
      expect(text, type).toContain(`MATCH ()-[r:${type}]->() WITH count(r) AS count RETURN '${type}' AS type, count`);
    }
    expect(text.match(/MATCH \(n:/g)).toHaveLength(Object.keys(kindLabels).length);
    expect(text.match(/MATCH \(\)-\[r:/g)).toHaveLength(relationshipTypes.length);
  });
});
