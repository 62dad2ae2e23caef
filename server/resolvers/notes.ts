import { forEditors } from './mutation.js';
import { kindLabels, entityKinds } from '../domain/model.js';
import { addNote, searchNotes } from '../domain/notes/notes.js';
import type { RequestContext } from '../context.js';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../generated/graphql.js';

export const notesQueryResolvers: Pick<QueryResolvers, 'notes'> = {
  notes: (_parent, { text, limit }, { graph }) => searchNotes(graph, text, limit),
};

export const notesMutationResolvers: Pick<MutationResolvers, 'addNote'> = {
  addNote: forEditors(({ subjectId, text, sources }, { graph }, editor) =>
    addNote(graph, { subjectId, text, sources: sources ?? [] }, editor),
  ),
};

/** The types that carry `notes`: every entity type, relationships and hypotheses. */
const typesWithNotes = [...entityKinds.map((kind) => kindLabels[kind]), 'Relationship', 'Hypothesis'] as const;

const notesField = { notes: (parent: { id: string }, _args: unknown, { notes }: RequestContext) => notes.load(parent.id) };

/** Adds the `notes` field to each type's resolvers (one batched read per response). */
export function withNotes(resolvers: Resolvers): Resolvers {
  const merged: Record<string, unknown> = { ...resolvers };
  for (const type of typesWithNotes) merged[type] = { ...(merged[type] as object | undefined), ...notesField };
  return merged as Resolvers;
}
