/**
 * Analysts' notes: a few words of judgement about an entity, a link or a hypothesis, with who wrote them, when,
 * and optionally the sources they rest on. A note is written through the one import pipeline, so its text and
 * sources pass the same policies, its subject is checked in the writing transaction, and it is audited.
 */
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { BadUserInputError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import type { NoteMap, SourceMap } from '../../graph/statements.js';
import { citationsFromInput, type CitationInput } from '../edit/citations.js';
import { writeEdit } from '../edit/user-errors.js';
import { SourceIndex } from '../graph-records.js';
import { sizeLimits } from '../import/validate-document.js';
import { toLuceneQuery } from '../search-entities.js';
import { checkRange } from '../relationship-filter.js';
import type { Citation } from '../types.js';

export interface NoteRecord {
  id: string;
  subjectId: string;
  text: string;
  author: string;
  createdAt: string;
  sources: Citation[];
}

function toNoteRecords(notes: readonly NoteMap[] = [], sources: readonly SourceMap[] = []): NoteRecord[] {
  const index = new SourceIndex(sources);
  return notes.map((note) => ({
    id: note.id,
    subjectId: note.subjectId,
    text: note.text,
    author: note.author,
    createdAt: note.createdAt,
    sources: index.cite(note.sourceIds, note.excerpts, note.credibilities),
  }));
}

/** Adds a note by `author` about an entity, relationship or hypothesis (subjectId), with optional citations. */
export async function addNote(
  graph: Graph,
  input: { subjectId: string; text: string; sources: CitationInput[] },
  author: string,
): Promise<NoteRecord> {
  const text = input.text.trim();
  if (!text) throw new BadUserInputError('text must not be empty.');
  if (text.length > sizeLimits.noteLength) throw new BadUserInputError(`text takes at most ${sizeLimits.noteLength} characters.`);
  const { sources, citations } = citationsFromInput(input.sources, 'addNote');
  const note = {
    id: `note-${randomUUID()}`,
    subject: input.subjectId,
    text,
    author,
    createdAt: new Date().toISOString(),
    sources: citations,
  };
  await writeEdit(graph, { sources, entities: [], relationships: [], notes: [note] }, { actor: author, perElement: true, reason: 'note' });
  const written = (await findNotes(graph, [input.subjectId])).find((candidate) => candidate.id === note.id);
  if (!written) throw new Error(`note ${note.id} was written but cannot be read back`);
  return written;
}

/** The notes about any of `subjectIds`, oldest first. */
export async function findNotes(graph: Graph, subjectIds: readonly string[]): Promise<NoteRecord[]> {
  if (subjectIds.length === 0) return [];
  const [row] = await graph.read('notes/find-notes', { subjectIds: [...subjectIds] });
  return toNoteRecords(row?.notes, row?.sources);
}

/** Notes whose text matches every word (as typed or as a prefix), best match first. */
export async function searchNotes(graph: Graph, text: string, limit: number): Promise<NoteRecord[]> {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new BadUserInputError('search text must hold 1 to 200 characters.');
  checkRange(limit, 'limit', 1, 100);
  const [row] = await graph.read('notes/search-notes', { query: toLuceneQuery(trimmed), limit });
  return toNoteRecords(row?.notes, row?.sources);
}

/** Per-request loader of the notes about a subject: every `notes` field of one response shares one read. */
export function createNotesLoader(graph: Graph): DataLoader<string, NoteRecord[]> {
  return new DataLoader<string, NoteRecord[]>(async (subjectIds) => {
    const notes = await findNotes(graph, subjectIds);
    return subjectIds.map((id) => notes.filter((note) => note.subjectId === id));
  });
}
