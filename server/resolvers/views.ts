import { deleteView, findView, listViews, saveView } from '../domain/views.js';
import type { MutationResolvers, QueryResolvers, ViewResolvers } from '../generated/graphql.js';

/** Saved views: the domain checks who may change what (author or editor) and audits every change. */
export const viewResolvers: {
  Query: Pick<QueryResolvers, 'view' | 'views'>;
  Mutation: Pick<MutationResolvers, 'saveView' | 'deleteView'>;
  View: ViewResolvers;
} = {
  Query: {
    view: (_parent, { id }, { graph }) => findView(graph, id),
    views: (_parent, { limit }, { graph }) => listViews(graph, limit),
  },
  Mutation: {
    saveView: (_parent, { input }, { graph, viewer }) => saveView(graph, input, viewer),
    deleteView: (_parent, { id }, { graph, viewer }) => deleteView(graph, id, viewer),
  },
  View: {
    state: (view) => view.state(),
  },
};
