/** Typed calls for each operation in `operations/*.graphql`; types come from codegen (src/gql). */
import type {
  EntityEvidenceQuery,
  ExportFormat,
  ExportSubgraphQuery,
  FindPathsQuery,
  FindPathsQueryVariables,
  FocusEntityQuery,
  GraphOverviewQuery,
  HypothesisMatrixQuery,
  MostConnectedQuery,
  NeighbourCountsQuery,
  NeighbourhoodQuery,
  NeighbourhoodQueryVariables,
  PathEndsQuery,
  RelationshipEvidenceQuery,
  RelationshipFilter,
  SearchEntitiesQuery,
  SearchEntitiesQueryVariables,
} from '../gql/graphql';
import { request } from './client';
import { buildDocument, indexDocuments } from './documents';
import analysis from './operations/analysis.graphql?raw';
import evidence from './operations/evidence.graphql?raw';
import explore from './operations/explore.graphql?raw';
import exportQuery from './operations/export.graphql?raw';
import fragments from './operations/fragments.graphql?raw';
import lookup from './operations/lookup.graphql?raw';
import paths from './operations/paths.graphql?raw';

const index = indexDocuments([fragments, explore, paths, evidence, lookup, exportQuery, analysis]);

function run<T>(operationName: string, variables: object): Promise<T> {
  return request<T>(buildDocument(index, operationName), variables as Record<string, unknown>, operationName);
}

export type Subgraph = NeighbourhoodQuery['neighbourhood'];
export type SearchHit = SearchEntitiesQuery['search'][number];
export type RankedPath = FindPathsQuery['paths'][number];
export type NeighbourCount = NeighbourCountsQuery['neighbourCounts'][number];
export type EntityDetail = NonNullable<EntityEvidenceQuery['entity']>;
export type RelationshipDetail = NonNullable<RelationshipEvidenceQuery['relationship']>;
export type { RelationshipFilter };

export const searchEntities = async (variables: SearchEntitiesQueryVariables): Promise<SearchHit[]> =>
  (await run<SearchEntitiesQuery>('SearchEntities', variables)).search;

/** The most connected entities: where any graph, whatever its names, is best entered. */
export const fetchMostConnected = async (limit: number): Promise<SearchHit[]> =>
  (await run<MostConnectedQuery>('MostConnected', { limit })).overview;

export const fetchNeighbourhood = async (variables: NeighbourhoodQueryVariables): Promise<Subgraph> =>
  (await run<NeighbourhoodQuery>('Neighbourhood', variables)).neighbourhood;

export const fetchNeighbourCounts = async (id: string, filter?: RelationshipFilter): Promise<NeighbourCount[]> =>
  (await run<NeighbourCountsQuery>('NeighbourCounts', { id, filter })).neighbourCounts;

export const findPaths = async (variables: FindPathsQueryVariables): Promise<RankedPath[]> =>
  (await run<FindPathsQuery>('FindPaths', variables)).paths;

export const fetchEntityEvidence = (id: string): Promise<EntityEvidenceQuery> => run<EntityEvidenceQuery>('EntityEvidence', { id });

export const fetchRelationshipEvidence = async (id: string): Promise<RelationshipDetail | null> =>
  (await run<RelationshipEvidenceQuery>('RelationshipEvidence', { id })).relationship;

export const fetchOverview = (): Promise<GraphOverviewQuery> => run<GraphOverviewQuery>('GraphOverview', {});

export const fetchPathEnds = (from: string, to: string): Promise<PathEndsQuery> => run<PathEndsQuery>('PathEnds', { from, to });

export const fetchFocusEntity = async (id: string): Promise<FocusEntityQuery['entity']> =>
  (await run<FocusEntityQuery>('FocusEntity', { id })).entity;

export type ExportFile = ExportSubgraphQuery['export'];
export type { ExportFormat };

export const exportSubgraph = async (ids: string[], format: ExportFormat, filter?: RelationshipFilter): Promise<ExportFile> =>
  (await run<ExportSubgraphQuery>('ExportSubgraph', { ids, format, depth: 0, filter })).export;

export type HypothesisMatrix = HypothesisMatrixQuery['hypothesisMatrix'];

export const fetchHypothesisMatrix = async (incident: string): Promise<HypothesisMatrix> =>
  (await run<HypothesisMatrixQuery>('HypothesisMatrix', { incident })).hypothesisMatrix;
