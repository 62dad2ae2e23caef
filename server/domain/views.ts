/**
 * Saved views: a canvas as an analyst arranged it (positions in model coordinates, what was hidden, pinned and
 * selected, the filters, groups and time settings), stored in Neo4j so a team can open it by its URL. Anyone who
 * may read the graph may read a view; any token may save a new one; only its author or an editor may change or
 * delete it. Every save and deletion is audited.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Viewer } from '../auth.js';
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import type { SavedViewMap } from '../graph/statements.js';
import { recordAuditEvents } from './audit.js';
import { idSetLimit } from './id-set.js';
import { checkRange } from './relationship-filter.js';

export const viewLimits = { stateBytes: 8_000_000, titleLength: 200, noteLength: 5_000, idLength: 100, listLimit: 200 } as const;

export interface ViewRecord {
  id: string;
  title: string;
  note: string | null;
  url: string;
  /** Parsed lazily: a list of views does not read their (possibly large) states. */
  state: () => Promise<unknown>;
  author: string | null;
  updatedAt: string;
}

const id = z
  .string()
  .min(1)
  .max(viewLimits.idLength * 3);
const ids = z.array(id).max(idSetLimit);
const finite = z.number().finite();

/** What a view's state must hold; anything else the client keeps there (groups, layout, viewport) is kept as it is. */
const stateSchema = z
  .object({
    positions: z.array(z.object({ id, x: finite, y: finite })).max(idSetLimit),
    hidden: ids,
    pinned: ids,
    selection: ids,
    edges: ids.optional(),
    filters: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

const viewId = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function viewUrl(viewIdValue: string): string {
  return `/v/${encodeURIComponent(viewIdValue)}`;
}

/** Checks a state and returns it as the JSON text stored; says what is wrong and where. */
export function checkViewState(state: unknown): string {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadUserInputError(
      `state is not a view state: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}. It needs positions [{id, x, y}], hidden, pinned and selection (lists of ids).`,
    );
  }
  const text = JSON.stringify(parsed.data);
  if (text.length > viewLimits.stateBytes) {
    throw new BadUserInputError(`state is ${text.length} bytes; a view may hold at most ${viewLimits.stateBytes}.`);
  }
  return text;
}

function toRecord(map: SavedViewMap, graph: Graph): ViewRecord {
  return {
    id: map.id,
    title: map.title,
    note: map.note ?? null,
    url: viewUrl(map.id),
    author: map.author ?? null,
    updatedAt: map.updatedAt,
    state: async () => {
      const text = map.state ?? (await graph.read('views/find-view', { id: map.id }))[0]?.view.state;
      return text ? (JSON.parse(text) as unknown) : null;
    },
  };
}

function mayChange(viewer: Viewer, existing: SavedViewMap): boolean {
  return viewer.role === 'EDITOR' || (viewer.role !== null && existing.author === viewer.name);
}

/** A snapshot for the audit history: the view's properties with its state parsed back. */
const auditSnapshot = (map: SavedViewMap) => JSON.stringify({ ...map, state: map.state ? (JSON.parse(map.state) as unknown) : null });

export interface ViewInputRecord {
  id?: string | null;
  title: string;
  note?: string | null;
  state: unknown;
}

/** A view is no entity or link: saving one leaves the graph revision (and the path search's projection) as it is. */
const viewWrite = { changesGraph: false };

/** Saves a new view, or changes one its viewer may change; audited in the same transaction. */
export async function saveView(graph: Graph, input: ViewInputRecord, viewer: Viewer): Promise<ViewRecord> {
  if (viewer.role === null) throw new UnauthenticatedError('Saving a view needs a token: send "Authorization: Bearer <token>".');
  const title = input.title.trim();
  if (!title || title.length > viewLimits.titleLength) {
    throw new BadUserInputError(`title must hold 1 to ${viewLimits.titleLength} characters.`);
  }
  const note = input.note?.trim() ? input.note.trim() : null;
  if (note && note.length > viewLimits.noteLength)
    throw new BadUserInputError(`note may hold at most ${viewLimits.noteLength} characters.`);
  if (input.id && (input.id.length > viewLimits.idLength || !viewId.test(input.id))) {
    throw new BadUserInputError(
      `A view id holds letters, digits, - and _ (at most ${viewLimits.idLength}), got "${input.id.slice(0, 120)}".`,
    );
  }
  const state = checkViewState(input.state);
  const saved = await graph.writeTransaction(
    async (tx) => {
      const chosenId = input.id ?? randomBytes(9).toString('base64url').replace(/^[-_]/, 'v');
      const [existing] = await tx.run('views/find-view', { id: chosenId });
      if (existing && !mayChange(viewer, existing.view)) {
        throw new ForbiddenError(
          `Only the view's author (${existing.view.author ?? 'unknown'}) or an editor may change it; save it under a new id instead.`,
        );
      }
      const [row] = await tx.run('views/save-view', {
        view: { id: chosenId, title, note, state, author: viewer.name, at: new Date().toISOString() },
      });
      await recordAuditEvents(tx, [
        {
          actor: viewer.name,
          action: existing ? 'UPDATE' : 'CREATE',
          subjectId: chosenId,
          subjectType: 'VIEW',
          reason: null,
          before: existing ? auditSnapshot(existing.view) : null,
          after: auditSnapshot(row.view),
        },
      ]);
      return row.view;
    },
    undefined,
    viewWrite,
  );
  return toRecord(saved, graph);
}

export async function findView(graph: Graph, idValue: string): Promise<ViewRecord | null> {
  const [row] = await graph.read('views/find-view', { id: idValue });
  return row ? toRecord(row.view, graph) : null;
}

/** Saved views, most recently saved first (their states are read only when asked for). */
export async function listViews(graph: Graph, limit: number): Promise<ViewRecord[]> {
  checkRange(limit, 'limit', 1, viewLimits.listLimit);
  const rows = await graph.read('views/list-views', { limit });
  return rows.map((row) => toRecord(row.view, graph));
}

/** Deletes a view its viewer may change; the deletion (with the view as it was) stays in the audit history. */
export async function deleteView(graph: Graph, idValue: string, viewer: Viewer): Promise<boolean> {
  if (viewer.role === null) throw new UnauthenticatedError('Deleting a view needs a token: send "Authorization: Bearer <token>".');
  return graph.writeTransaction(
    async (tx) => {
      const [existing] = await tx.run('views/find-view', { id: idValue });
      if (!existing) throw new NotFoundError(`No view with id "${idValue}".`);
      if (!mayChange(viewer, existing.view)) throw new ForbiddenError("Only the view's author or an editor may delete it.");
      await tx.run('views/delete-view', { id: idValue });
      await recordAuditEvents(tx, [
        {
          actor: viewer.name,
          action: 'DELETE',
          subjectId: idValue,
          subjectType: 'VIEW',
          reason: null,
          before: auditSnapshot(existing.view),
          after: null,
        },
      ]);
      return true;
    },
    undefined,
    viewWrite,
  );
}
