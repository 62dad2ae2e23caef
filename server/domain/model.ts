/**
 * The graph's vocabulary as the server uses it: the shared lists (shared/vocabulary.ts, the whitelist for
 * labels and relationship types spliced into Cypher), and the per-kind tables the domain reads most.
 */
import { entityKinds, kindDefinitions, type EntityKindName } from '../../shared/vocabulary.js';

export {
  dateProperties,
  defaultCredibility,
  defaultReliability,
  isReliabilityGrade,
  reliabilityGrades,
  entityKinds,
  isEntityKind,
  isRelationshipType,
  kindDefinitions,
  kindsHiddenByDefault,
  relationshipTypes,
  stances,
  withKindFamilies,
  type EntityKindName,
  type ReliabilityGrade,
  type RelationshipTypeName,
  type StanceName,
} from '../../shared/vocabulary.js';

const perKind = <T>(pick: (kind: EntityKindName) => T) =>
  Object.fromEntries(entityKinds.map((kind) => [kind, pick(kind)])) as Record<EntityKindName, T>;

/** Kind -> the Neo4j label every entity of that kind carries beside `Entity`; also its GraphQL type name. */
export const kindLabels: Record<EntityKindName, string> = perKind((kind) => kindDefinitions[kind].typeName);

/** Kind-specific properties an entity of that kind may carry (beside the common ones). */
export const kindProperties: Record<EntityKindName, readonly string[]> = perKind((kind) => kindDefinitions[kind].properties);
