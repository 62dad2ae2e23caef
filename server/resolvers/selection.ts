/**
 * What a query asks for below a field, so a resolver can choose a lean Cypher projection when the request
 * asks only for the fields a canvas draws (the client's search and neighbourhood do) instead of fetching
 * every description, source and excerpt. Hand-written rather than a library: it needs only field names.
 */
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Dotted paths of every field selected below the resolver's field, e.g. "entities.name", "relationships.from.id". */
export function selectedPaths(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const paths = new Set<string>();
  const visit = (
    selectionSet: SelectionSetNode | undefined,
    prefix: string,
    fragments: Record<string, FragmentDefinitionNode>,
    seen: Set<string>,
  ) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const path = `${prefix}${selection.name.value}`;
        paths.add(path);
        visit(selection.selectionSet, `${path}.`, fragments, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        // A type condition on one kind (`... on Incident`) asks for kind-specific fields: mark it.
        const condition = selection.typeCondition?.name.value;
        if (condition && condition !== 'Entity' && condition !== 'Relationship') paths.add(`${prefix}...on ${condition}`);
        visit(selection.selectionSet, prefix, fragments, seen);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = fragment.typeCondition.name.value;
        if (condition !== 'Entity' && condition !== 'Relationship' && condition !== 'Subgraph') paths.add(`${prefix}...on ${condition}`);
        visit(fragment.selectionSet, prefix, fragments, new Set([...seen, fragment.name.value]));
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, '', info.fragments, new Set());
  return paths;
}

const markingSummary = ['markings', ...['id', 'name', 'tlp', 'tlpVersion', 'statement'].map((field) => `markings.${field}`)];
const entitySummary = ['__typename', 'id', 'kind', 'name', 'aliases', 'date', 'knownSince', 'revoked', 'deprecated', ...markingSummary];
const relationshipSummary = [
  '__typename',
  'id',
  'type',
  'stance',
  'confidence',
  'since',
  'until',
  'knownSince',
  'revoked',
  'deprecated',
  ...markingSummary,
  'from',
  'to',
  ...['from', 'to'].flatMap((end) => entitySummary.map((field) => `${end}.${field}`)),
];

/**
 * The fields a summary projection can answer (entities: id, kind, name, aliases, date, knowledge time, object
 * markings, revoked, deprecated; links: ends, stance, confidence, dates, knowledge time, object markings, revoked,
 * deprecated).
 */
export const summaryFields = {
  entity: new Set(entitySummary),
  subgraph: new Set([
    '__typename',
    'truncated',
    'entities',
    'relationships',
    ...entitySummary.map((field) => `entities.${field}`),
    ...relationshipSummary.map((field) => `relationships.${field}`),
  ]),
};

/** True when every field asked for below this one is in `answerable`. */
export function asksOnly(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, answerable: ReadonlySet<string>): boolean {
  for (const path of selectedPaths(info)) if (!answerable.has(path)) return false;
  return true;
}

/** The selection of a top-level field in a query document, as a resolver would see it (for tests and the benchmark). */
export function fieldSelectionOf(document: string, fieldName: string): Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> {
  const parsed = parse(document);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const fieldNodes: FieldNode[] = [];
  for (const definition of parsed.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind === Kind.FIELD && selection.name.value === fieldName) fieldNodes.push(selection);
      }
    }
  }
  if (fieldNodes.length === 0) throw new Error(`the document selects no field ${fieldName}`);
  return { fieldNodes, fragments };
}
