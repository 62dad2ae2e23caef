import { create } from 'xmlbuilder2';
import { xmlReplacementCharacter } from '../../../shared/xml-text.js';
import { relationshipLabel } from '../../../shared/vocabulary.js';
import { citationColumnNames, citationColumns, kindPropertyNames, listSeparator } from './citation-columns.js';
import { rankingConfidence } from '../confidence.js';
import { stixIdOfEntity, stixTypeOfEntity } from '../stix/element-stix.js';
import type { StixBookkeeping } from '../types.js';
import { markingNames, tlpLabel, tlpOfElement } from './markings.js';
import type { ExportSubgraph } from './types.js';

const tlpOrNull = (element: StixBookkeeping) => {
  const level = tlpOfElement(element);
  return level ? tlpLabel(level) : null;
};

type KeyType = 'string' | 'int' | 'double';
interface Key {
  name: string;
  type: KeyType;
}

const nodeKeys: Key[] = [
  { name: 'label', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'aliases', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'date', type: 'string' },
  { name: 'tlp', type: 'string' },
  { name: 'markings', type: 'string' },
  { name: 'stix_id', type: 'string' },
  { name: 'stix_type', type: 'string' },
  { name: 'external_ids', type: 'string' },
  { name: 'retired', type: 'string' },
  ...kindPropertyNames.map((name) => ({ name, type: 'string' as const })),
  ...citationColumnNames.map((name) => ({ name, type: 'string' as const })),
];

const edgeKeys: Key[] = [
  { name: 'label', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'stance', type: 'string' },
  { name: 'confidence', type: 'int' },
  // Gephi reads an edge attribute named weight as the edge weight for layouts and metrics.
  { name: 'weight', type: 'double' },
  { name: 'tlp', type: 'string' },
  { name: 'markings', type: 'string' },
  { name: 'since', type: 'string' },
  { name: 'until', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'disputed_by', type: 'string' },
  ...citationColumnNames.map((name) => ({ name, type: 'string' as const })),
];

// Key ids are prefixed per element type: GraphML ids are global, and nodes and edges share names such as label.
const keyId = (owner: 'node' | 'edge', name: string) => `${owner[0]}_${name}`;

/** GraphML with every attribute declared and typed, for Gephi, yEd, Cytoscape desktop and networkx. */
export function exportGraphml(subgraph: ExportSubgraph): string {
  // A character XML 1.0 forbids (NUL, a control character, a lone surrogate) would make the whole file unreadable.
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: xmlReplacementCharacter }).ele('graphml', {
    xmlns: 'http://graphml.graphdrawing.org/xmlns',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
  });
  for (const [owner, keys] of [
    ['node', nodeKeys],
    ['edge', edgeKeys],
  ] as const) {
    for (const key of keys) root.ele('key', { id: keyId(owner, key.name), for: owner, 'attr.name': key.name, 'attr.type': key.type });
  }
  const graph = root.ele('graph', { id: 'attribution-explorer', edgedefault: 'directed' });
  const addData = (element: ReturnType<typeof root.ele>, owner: 'node' | 'edge', values: Record<string, string | number | null>) => {
    // Empty values are left out: GraphML's "missing" reads better in every tool than an empty string.
    for (const [name, value] of Object.entries(values))
      if (value !== null && value !== '') element.ele('data', { key: keyId(owner, name) }).txt(String(value));
  };
  for (const entity of subgraph.entities) {
    addData(graph.ele('node', { id: entity.id }), 'node', {
      label: entity.name,
      kind: entity.kind,
      aliases: entity.aliases.join(listSeparator),
      description: entity.description,
      date: entity.date,
      tlp: tlpOrNull(entity),
      markings: markingNames(entity, subgraph).join(listSeparator),
      stix_id: stixIdOfEntity(entity),
      stix_type: stixTypeOfEntity(entity),
      external_ids: entity.externalIds.join(listSeparator),
      retired: entity.revoked ? 'revoked' : entity.deprecated ? 'deprecated' : null,
      ...Object.fromEntries(kindPropertyNames.map((name) => [name, entity.properties[name] ?? null])),
      ...citationColumns(entity.sources),
    });
  }
  for (const relationship of subgraph.relationships) {
    addData(graph.ele('edge', { id: relationship.id, source: relationship.from.id, target: relationship.to.id }), 'edge', {
      label: relationshipLabel(relationship.type),
      type: relationship.type,
      stance: relationship.stance,
      confidence: relationship.confidence,
      // Layouts need a number; an unstated confidence weighs as rankings weigh it (server/domain/confidence.ts).
      weight: rankingConfidence(relationship.confidence) / 100,
      tlp: tlpOrNull(relationship),
      markings: markingNames(relationship, subgraph).join(listSeparator),
      since: relationship.since,
      until: relationship.until,
      description: relationship.description,
      disputed_by: relationship.disputedBy.map((entity) => entity.id).join(listSeparator),
      ...citationColumns(relationship.sources),
    });
  }
  return root.end({ prettyPrint: true }) + '\n';
}
