/** Typed calls for each operation in `operations/*.graphql`; types come from codegen (src/gql). */
import type {
  DuplicateCandidatesQuery,
  EntityHistoryQuery,
  DuplicateLinksQuery,
  EntityEvidenceQuery,
  ExportFormat,
  ExportSubgraphQuery,
  FindPathsQuery,
  FindPathsQueryVariables,
  FocusEntityQuery,
  MergeEntitiesMutation,
  GraphOverviewQuery,
  HypothesisMatrixQuery,
  ChangesQuery,
  ChosenPathInput,
  GraphSummaryQuery,
  LinksAmongQuery,
  ListViewsQuery,
  NeighbourGroupsQuery,
  NeighbourPageQuery,
  NeighbourPageQueryVariables,
  NeighbourTotalsFieldsFragment,
  NeighbourTotalsQuery,
  OpenViewQuery,
  SaveViewMutation,
  ViewInput,
  DeleteViewMutation,
  HoverEntityQuery,
  HoverRelationshipQuery,
  MostConnectedQuery,
  NeighbourCountsQuery,
  NeighbourhoodQuery,
  NeighbourhoodQueryVariables,
  PathEndsQuery,
  RelationshipEvidenceQuery,
  RejectDuplicateMutation,
  RelationshipFilter,
  SearchEntitiesQuery,
  SearchEntitiesQueryVariables,
  UnmergeEntitiesMutation,
} from '../gql/graphql';
import { request } from './client';
import { buildDocument, indexDocuments } from './documents';
import analysis from './operations/analysis.graphql?raw';
import canvas from './operations/canvas.graphql?raw';
import duplicates from './operations/duplicates.graphql?raw';
import evidence from './operations/evidence.graphql?raw';
import explore from './operations/explore.graphql?raw';
import exportQuery from './operations/export.graphql?raw';
import fragments from './operations/fragments.graphql?raw';
import groups from './operations/groups.graphql?raw';
import lookup from './operations/lookup.graphql?raw';
import paths from './operations/paths.graphql?raw';
import views from './operations/views.graphql?raw';

const index = indexDocuments([fragments, explore, paths, evidence, lookup, exportQuery, canvas, groups, views, duplicates, analysis]);

function run<T>(operationName: string, variables: object, options?: { missingIsNull?: boolean }): Promise<T> {
  return request<T>(buildDocument(index, operationName), variables as Record<string, unknown>, operationName, options);
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
export const fetchMostConnected = async (limit: number): Promise<MostConnectedQuery['overview']> =>
  (await run<MostConnectedQuery>('MostConnected', { limit })).overview;

export const fetchNeighbourhood = async (variables: NeighbourhoodQueryVariables): Promise<Subgraph> =>
  (await run<NeighbourhoodQuery>('Neighbourhood', variables)).neighbourhood;

export type NeighbourTotals = NeighbourTotalsFieldsFragment;

/**
 * What expanding an entity would add, per way (relationship type and direction), and the distinct totals with the
 * overlaps between ways; `exclude` (what the canvas shows) is not counted.
 */
export const fetchNeighbourCounts = async (
  id: string,
  filter?: RelationshipFilter,
  exclude?: string[],
): Promise<{ byWay: NeighbourCount[]; totals: NeighbourTotals }> => {
  const result = await run<NeighbourCountsQuery>('NeighbourCounts', { id, filter, exclude });
  return { byWay: result.neighbourCounts, totals: result.neighbourTotals };
};

export type NeighbourGroup = NeighbourGroupsQuery['neighbourGroups'][number];
export type NeighbourPage = NeighbourPageQuery['neighbourPage'];
export type GraphSummary = GraphSummaryQuery['graphSummary'];

export const fetchNeighbourGroups = async (
  id: string,
  filter: RelationshipFilter | undefined,
  exclude: string[],
): Promise<NeighbourGroup[]> => (await run<NeighbourGroupsQuery>('NeighbourGroups', { id, filter, exclude })).neighbourGroups;

export const fetchNeighbourTotals = async (
  id: string,
  filter: RelationshipFilter | undefined,
  exclude: string[],
): Promise<NeighbourTotals> => (await run<NeighbourTotalsQuery>('NeighbourTotals', { id, filter, exclude })).neighbourTotals;

export const fetchNeighbourPage = async (variables: NeighbourPageQueryVariables): Promise<NeighbourPage> =>
  (await run<NeighbourPageQuery>('NeighbourPage', variables)).neighbourPage;

export const fetchGraphSummary = async (limit: number): Promise<GraphSummary> =>
  (await run<GraphSummaryQuery>('GraphSummary', { limit })).graphSummary;

export const findPaths = async (variables: FindPathsQueryVariables): Promise<RankedPath[]> =>
  (await run<FindPathsQuery>('FindPaths', variables)).paths;

export const fetchEntityEvidence = (id: string): Promise<EntityEvidenceQuery> => run<EntityEvidenceQuery>('EntityEvidence', { id });

export const fetchRelationshipEvidence = async (id: string): Promise<RelationshipDetail | null> =>
  (await run<RelationshipEvidenceQuery>('RelationshipEvidence', { id })).relationship;

export const fetchOverview = (): Promise<GraphOverviewQuery> => run<GraphOverviewQuery>('GraphOverview', {});

/** The two ends of a path opened from an address; an id that names no entity comes back null. */
export const fetchPathEnds = (from: string, to: string): Promise<PathEndsQuery> =>
  run<PathEndsQuery>('PathEnds', { from, to }, { missingIsNull: true });

/** The entity an address focuses on, or null when no entity has that id. */
export const fetchFocusEntity = async (id: string): Promise<FocusEntityQuery['entity']> =>
  (await run<FocusEntityQuery>('FocusEntity', { id }, { missingIsNull: true })).entity;

export type ExportFile = ExportSubgraphQuery['export'];
export type { ExportFormat };

export const exportSubgraph = async (ids: string[], format: ExportFormat, filter?: RelationshipFilter): Promise<ExportFile> =>
  (await run<ExportSubgraphQuery>('ExportSubgraph', { ids, format, depth: 0, filter })).export;

export type HypothesisMatrix = HypothesisMatrixQuery['hypothesisMatrix'];

export const fetchHypothesisMatrix = async (
  incident: string,
  clock: { knownAsOf: string | null; includeUndated: boolean } = { knownAsOf: null, includeUndated: false },
): Promise<HypothesisMatrix> => (await run<HypothesisMatrixQuery>('HypothesisMatrix', { incident, ...clock })).hypothesisMatrix;

export type Change = ChangesQuery['changes'][number];

/** What changed between two knowledge dates about `ids`, and, for a chosen path, what it did to its band. */
export const fetchChanges = async (
  from: string,
  to: string,
  ids: string[] | null,
  path: ChosenPathInput | null = null,
): Promise<Change[]> => (await run<ChangesQuery>('Changes', { from, to, ids, path })).changes;

export const fetchHoverEntity = (id: string): Promise<HoverEntityQuery> => run<HoverEntityQuery>('HoverEntity', { id });

export const fetchHoverRelationship = async (id: string): Promise<HoverRelationshipQuery['relationship']> =>
  (await run<HoverRelationshipQuery>('HoverRelationship', { id })).relationship;

export type ViewSummary = ListViewsQuery['views'][number];
export type SavedViewDetail = NonNullable<OpenViewQuery['view']>;
export type { ViewInput };

export const listViews = async (limit = 100): Promise<ViewSummary[]> => (await run<ListViewsQuery>('ListViews', { limit })).views;

export const openView = async (id: string): Promise<SavedViewDetail | null> => (await run<OpenViewQuery>('OpenView', { id })).view;

export const saveView = async (input: ViewInput): Promise<ViewSummary> => (await run<SaveViewMutation>('SaveView', { input })).saveView;

export const deleteView = async (id: string): Promise<boolean> => (await run<DeleteViewMutation>('DeleteView', { id })).deleteView;

export const fetchLinksAmong = async (ids: string[]): Promise<Subgraph> =>
  (await run<LinksAmongQuery>('LinksAmong', { ids, limit: 50_000 })).linksAmong;

export type DuplicateCandidate = DuplicateCandidatesQuery['duplicateCandidates'][number];
export type DuplicateLinks = DuplicateLinksQuery;

/** Possible duplicates, best first: around `ids`, or over the whole graph when none are given (small graphs). */
export const fetchDuplicateCandidates = async (ids: string[] | null, limit = 100): Promise<DuplicateCandidate[]> =>
  (await run<DuplicateCandidatesQuery>('DuplicateCandidates', { ids, limit })).duplicateCandidates;

/** Each side's links, counted by type and direction, for the side-by-side comparison. */
export const fetchDuplicateLinks = (a: string, b: string): Promise<DuplicateLinks> => run<DuplicateLinksQuery>('DuplicateLinks', { a, b });

export const mergeEntities = async (keep: string, merge: string[], reason: string): Promise<MergeEntitiesMutation['mergeEntities']> =>
  (await run<MergeEntitiesMutation>('MergeEntities', { keep, merge, reason })).mergeEntities;

/** An entity's audit events, newest first (merges into it, edits, imports). */
export const fetchEntityHistory = async (id: string): Promise<EntityHistoryQuery['history']> =>
  (await run<EntityHistoryQuery>('EntityHistory', { id })).history;

export const unmergeEntities = async (mergeId: string, reason: string): Promise<UnmergeEntitiesMutation['unmergeEntities']> =>
  (await run<UnmergeEntitiesMutation>('UnmergeEntities', { mergeId, reason })).unmergeEntities;

export const rejectDuplicate = async (a: string, b: string, reason: string | null): Promise<boolean> =>
  (await run<RejectDuplicateMutation>('RejectDuplicate', { a, b, reason })).rejectDuplicate;
