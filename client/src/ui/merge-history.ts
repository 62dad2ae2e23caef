/**
 * "Merged into this entity": the merges of an entity's history that are still in force, each undoable here with a
 * reason (editors only), as the issue asks: an analyst who finds a wrong merge later undoes it from the entity.
 */
import { ApiError } from '../api/client';
import { unmergeEntities } from '../api/queries';
import type { Explorer } from '../explorer';
import { h } from './dom';
import { section } from './evidence-parts';
import { editorsOnly, reportError, toast } from './status';

export interface ActiveMerge {
  mergeId: string;
  merged: string[];
  at: string;
  actor: string;
  reason: string | null;
}

type HistoryEvent = { action: string; at: string; actor: string; reason?: string | null; after?: string | null };

/** Merges into the entity (its MERGE events as the survivor) that no later UNMERGE undid, newest first. */
export function activeMerges(events: readonly HistoryEvent[]): ActiveMerge[] {
  const read = (json: string | null | undefined): Record<string, unknown> => {
    try {
      const value = json ? JSON.parse(json) : null;
      return value && typeof value === 'object' ? value : {};
    } catch {
      return {};
    }
  };
  const undone = new Set(events.filter((event) => event.action === 'UNMERGE').map((event) => read(event.after).undone));
  return events.flatMap((event) => {
    const after = read(event.after);
    // The survivor's event names what it took in; a merged-away entity's own event says mergedInto instead.
    if (event.action !== 'MERGE' || typeof after.mergeId !== 'string' || !Array.isArray(after.merged)) return [];
    if (undone.has(after.mergeId)) return [];
    return [{ mergeId: after.mergeId, merged: after.merged.map(String), at: event.at, actor: event.actor, reason: event.reason ?? null }];
  });
}

/** The section for an entity's evidence panel (from its history), or null when nothing was merged into it. */
export function mergeHistorySection(
  explorer: Explorer,
  entity: { id: string; name: string },
  history: readonly HistoryEvent[],
): HTMLElement | null {
  const merges = activeMerges(history);
  if (merges.length === 0) return null;
  return section(
    `Merged into this entity (${merges.length})`,
    h(
      'ul',
      { class: 'merge-list', testid: 'evidence-merges' },
      // A later merge must be undone first (the server says so): only the newest offers the button.
      ...merges.map((merge, index) => mergeRow(explorer, entity, merge, index === 0)),
    ),
  );
}

function mergeRow(explorer: Explorer, entity: { id: string; name: string }, merge: ActiveMerge, undoable: boolean): HTMLElement {
  const row = h(
    'li',
    { class: 'merge-item', testid: 'evidence-merge' },
    h('div', {}, h('code', {}, merge.merged.join(', ')), h('span', { class: 'muted' }, ` · ${merge.at.slice(0, 10)} · ${merge.actor}`)),
    merge.reason ? h('div', { class: 'muted' }, merge.reason) : null,
  );
  if (!undoable) return row;
  const reason = h('input', {
    type: 'text',
    class: 'merge-reason',
    placeholder: 'Why undo it? (kept in the history)',
    'aria-label': 'Why undo the merge',
    testid: 'evidence-unmerge-reason',
  });
  const error = h('p', { class: 'error-text', hidden: true, testid: 'evidence-unmerge-error' });
  const confirm = h('button', { class: 'primary', testid: 'evidence-unmerge-confirm', onclick: () => void undo() }, 'Unmerge');
  const form = h('div', { class: 'merge-undo', hidden: true }, reason, confirm, error);
  const open = h(
    'button',
    {
      testid: 'evidence-unmerge',
      onclick: () => {
        form.hidden = false;
        open.hidden = true;
        reason.focus();
      },
    },
    'Unmerge…',
  );
  reason.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') void undo();
  });

  async function undo(): Promise<void> {
    const why = reason.value.trim();
    error.hidden = true;
    if (!why) {
      error.textContent = 'Say why: the reason is kept in the history.';
      error.hidden = false;
      return reason.focus();
    }
    try {
      await unmergeEntities(merge.mergeId, why);
      // Both sides are back as they were: redraw the survivor (it gives back the links it took over) and the others.
      const wasOnCanvas = explorer.view.has(entity.id);
      if (wasOnCanvas) explorer.view.remove([entity.id]);
      for (const id of merge.merged) await explorer.addEntity(id);
      await explorer.addEntity(entity.id);
      toast(`Unmerged ${merge.merged.join(', ')} from “${entity.name}”: they are back as they were.`);
    } catch (failure) {
      const forEditors = editorsOnly(failure, 'undo a merge');
      if (forEditors) {
        error.textContent = forEditors;
        error.hidden = false;
      } else if (failure instanceof ApiError && failure.code === 'BAD_USER_INPUT') {
        error.textContent = failure.message;
        error.hidden = false;
      } else reportError(failure, 'Unmerge');
    }
  }
  row.append(open, form);
  return row;
}
