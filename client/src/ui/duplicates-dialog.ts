/**
 * "Possible duplicates": pairs of entities that may be one real-world thing, best first, each with its score and
 * reasons; a side-by-side comparison (names, aliases, kind, dates, description, sources, links) and the decision:
 * merge (into either side, undoable here and from the API), not the same (never proposed again) or later.
 * Keyboard: ↑/↓ move between pairs, 1/2 choose the side to keep, M merges, N says not the same, L leaves it for later.
 */
import { relationshipLabel } from '../../../shared/vocabulary';
import { ApiError } from '../api/client';
import {
  fetchDuplicateCandidates,
  fetchDuplicateLinks,
  mergeEntities,
  rejectDuplicate,
  unmergeEntities,
  type DuplicateCandidate,
  type DuplicateLinks,
} from '../api/queries';
import type { Explorer } from '../explorer';
import { h, percent } from './dom';
import { kindGlyph, kindLabel } from './kind-glyph';
import { openModal } from './modal';
import { editorsOnly, reportError, toast } from './status';

type Side = DuplicateCandidate['a'];
type PairState =
  | { status: 'open' }
  | { status: 'later' }
  | { status: 'rejected' }
  | { status: 'merged'; mergeId: string; keep: Side; merged: Side; wasOnCanvas: boolean };

/** The side kept by default: the one with more sources (more curation to keep), then the longer record. */
export function defaultKeep(pair: Pick<DuplicateCandidate, 'a' | 'b'>): 'a' | 'b' {
  const weight = (side: Pick<Side, 'aliases' | 'sources' | 'description'>) =>
    side.sources.length * 10 + side.aliases.length + (side.description ? 1 : 0);
  return weight(pair.b) > weight(pair.a) ? 'b' : 'a';
}

/** Links counted by type, for one side: "12 links: 5 Targeted, 4 Attributed to, ...". */
export function describeLinks(counts: DuplicateLinks['a']): string {
  const total = counts.reduce((sum, count) => sum + count.count, 0);
  if (total === 0) return 'no links';
  const byType = new Map<string, number>();
  for (const count of counts) byType.set(count.type, (byType.get(count.type) ?? 0) + count.count);
  const parts = [...byType].sort((x, y) => y[1] - x[1]).map(([type, count]) => `${count} ${relationshipLabel(type)}`);
  return `${total} link${total === 1 ? '' : 's'}: ${parts.slice(0, 5).join(', ')}${parts.length > 5 ? ', …' : ''}`;
}

export function openDuplicatesDialog(explorer: Explorer): void {
  const modal = openModal('Possible duplicates', 'duplicates-dialog');
  modal.body.closest('.modal')?.classList.add('modal-wide');
  const summary = h('p', { class: 'hint', testid: 'duplicates-summary' }, 'Looking for entities that may be one real-world thing…');
  const onCanvas = () => explorer.view.ids('node').slice(0, 1000);
  const scope = h(
    'select',
    { testid: 'duplicates-scope', 'aria-label': 'Compare', onchange: () => void load() },
    h('option', { value: 'canvas', disabled: onCanvas().length === 0 }, `Around the entities on the canvas (${onCanvas().length})`),
    h('option', { value: 'graph' }, 'Across the whole graph'),
  );
  scope.value = onCanvas().length > 0 ? 'canvas' : 'graph';
  modal.body.append(h('label', { class: 'duplicates-scope' }, 'Compare ', scope));
  const list = h('ul', {
    class: 'duplicate-list',
    role: 'listbox',
    'aria-label': 'Candidate pairs',
    testid: 'duplicates-list',
    tabindex: 0,
  });
  const compare = h('section', { class: 'duplicate-compare', testid: 'duplicate-compare', 'aria-live': 'polite' });
  modal.body.append(summary, h('div', { class: 'duplicates-layout' }, list, compare));

  let pairs: DuplicateCandidate[] = [];
  const states = new Map<DuplicateCandidate, PairState>();
  let current = 0;
  let keepSide: 'a' | 'b' = 'a';

  async function load(): Promise<void> {
    summary.textContent = 'Looking for entities that may be one real-world thing…';
    try {
      const ids = onCanvas();
      let note = scope.value === 'canvas' ? `around the ${ids.length} entities on the canvas` : 'across the whole graph';
      try {
        pairs = await fetchDuplicateCandidates(scope.value === 'canvas' ? ids : null);
      } catch (error) {
        // A large graph is compared around what is on the canvas; the whole of it is the background scan's job.
        if (!(error instanceof ApiError && error.code === 'BAD_USER_INPUT') || scope.value === 'canvas' || ids.length === 0) throw error;
        pairs = await fetchDuplicateCandidates(ids);
        scope.value = 'canvas';
        note = `around the ${ids.length} entities on the canvas (the graph is too large to compare whole here: the bench's background scan does that)`;
      }
      states.clear();
      pairs.forEach((pair) => states.set(pair, { status: 'open' }));
      summary.textContent =
        pairs.length === 0
          ? ''
          : `${pairs.length} pair${pairs.length === 1 ? '' : 's'} ${note}, best first. ↑/↓ to move, 1/2 to choose the entity kept, M to merge, N for not the same, L for later.`;
      renderList();
      select(0);
    } catch (error) {
      summary.textContent = '';
      compare.replaceChildren(
        h('p', { class: 'error-text', testid: 'duplicate-error' }, error instanceof Error ? error.message : String(error)),
      );
    }
  }

  function renderList(): void {
    list.replaceChildren(
      ...pairs.map((pair, index) => {
        const state = states.get(pair)!;
        const item = h(
          'li',
          {
            role: 'option',
            class: `duplicate-pair ${state.status}`,
            testid: 'duplicate-pair',
            'aria-selected': String(index === current),
            onclick: () => select(index),
          },
          h('span', { class: 'duplicate-score', title: 'How likely they are one real-world thing' }, percent(pair.score, 1)),
          h('span', { class: 'duplicate-names' }, pair.a.name, h('span', { class: 'muted' }, ' ⇄ '), pair.b.name),
          h('span', { class: 'duplicate-reason muted' }, state.status === 'open' ? pair.reasons[0] : statusText(state)),
        );
        item.dataset.a = pair.a.id;
        item.dataset.b = pair.b.id;
        return item;
      }),
    );
    if (pairs.length === 0) {
      compare.replaceChildren(
        h(
          'div',
          { class: 'duplicates-empty', testid: 'duplicates-empty' },
          h('h3', {}, 'No possible duplicates'),
          h(
            'p',
            {},
            'No two entities look like one real-world thing from a score of 60% up: names and aliases (normalised), shared catalogue ids, ' +
              'compatible kinds, shared neighbours and dates were compared, and pairs marked “not the same” are not proposed again.',
          ),
          h(
            'p',
            { class: 'hint' },
            'Imports list the entities they may duplicate in their report; come back here after combining sources.',
          ),
        ),
      );
    }
  }

  const statusText = (state: PairState) =>
    state.status === 'merged'
      ? `Merged into ${state.keep.name}`
      : state.status === 'rejected'
        ? 'Not the same'
        : state.status === 'later'
          ? 'Left for later'
          : '';

  function select(index: number): void {
    if (pairs.length === 0) return;
    current = Math.max(0, Math.min(pairs.length - 1, index));
    keepSide = defaultKeep(pairs[current]);
    list.querySelectorAll('[role=option]').forEach((item, i) => item.setAttribute('aria-selected', String(i === current)));
    list.children[current]?.scrollIntoView({ block: 'nearest' });
    void renderCompare(pairs[current]);
  }

  async function renderCompare(pair: DuplicateCandidate): Promise<void> {
    const state = states.get(pair)!;
    const links = await fetchDuplicateLinks(pair.a.id, pair.b.id).catch(() => null);
    if (pairs[current] !== pair) return; // another pair was chosen meanwhile
    const column = (side: Side, which: 'a' | 'b') => ({
      head: h(
        'th',
        { scope: 'col', class: keepSide === which ? 'kept' : '' },
        h(
          'label',
          { class: 'keep-choice' },
          h('input', {
            type: 'radio',
            name: 'duplicate-keep',
            testid: `duplicate-keep-${which}`,
            checked: keepSide === which,
            disabled: state.status !== 'open',
            onchange: () => {
              keepSide = which;
              void renderCompare(pair);
            },
          }),
          `${which === 'a' ? '1' : '2'} · Keep`,
        ),
        h('div', { class: 'duplicate-side-name' }, kindGlyph(side.kind), side.name),
        h('code', { class: 'muted' }, side.id),
      ),
    });
    const row = (label: string, a: Node | string, b: Node | string) =>
      h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, a), h('td', {}, b));
    const sources = (side: Side) =>
      side.sources.length === 0
        ? 'none'
        : h(
            'ul',
            { class: 'duplicate-sources' },
            side.sources.map((source) =>
              h(
                'li',
                {},
                h('span', {}, source.title),
                source.publisher ? h('span', { class: 'muted' }, ` — ${source.publisher}`) : null,
                source.excerpt ? h('blockquote', {}, source.excerpt) : null,
              ),
            ),
          );
    const table = h(
      'table',
      { class: 'duplicate-table', testid: 'duplicate-table' },
      h('thead', {}, h('tr', {}, h('td', {}), column(pair.a, 'a').head, column(pair.b, 'b').head)),
      h(
        'tbody',
        {},
        row('Kind', kindLabel(pair.a.kind), kindLabel(pair.b.kind)),
        row('Aliases', pair.a.aliases.join(', ') || '—', pair.b.aliases.join(', ') || '—'),
        row('Date', pair.a.date ?? '—', pair.b.date ?? '—'),
        row('Description', pair.a.description ?? '—', pair.b.description ?? '—'),
        row('Catalogue ids', pair.a.externalIds.join(', ') || '—', pair.b.externalIds.join(', ') || '—'),
        row(`Sources`, sources(pair.a), sources(pair.b)),
        row('Links', links ? describeLinks(links.a) : '…', links ? describeLinks(links.b) : '…'),
      ),
    );
    const reasons = h(
      'div',
      { class: 'duplicate-reasons', testid: 'duplicate-reasons' },
      h('strong', {}, `Score ${percent(pair.score, 1)} because`),
      h(
        'ul',
        {},
        pair.reasons.map((reason) => h('li', {}, reason)),
      ),
    );
    compare.replaceChildren(reasons, table, actions(pair, state));
  }

  function actions(pair: DuplicateCandidate, state: PairState): HTMLElement {
    if (state.status === 'rejected') {
      return h('p', { class: 'hint', testid: 'duplicate-rejected' }, 'Marked “not the same”: this pair will not be proposed again.');
    }
    if (state.status === 'merged') {
      return h(
        'div',
        { class: 'modal-actions' },
        h(
          'span',
          { class: 'hint', testid: 'duplicate-merged' },
          `Merged “${state.merged.name}” into “${state.keep.name}” (${state.mergeId}).`,
        ),
        h('button', { testid: 'duplicate-undo', onclick: () => void undo(pair, state) }, 'Undo merge'),
      );
    }
    const [keep, merge] = keepSide === 'a' ? [pair.a, pair.b] : [pair.b, pair.a];
    const reason = h('input', {
      type: 'text',
      testid: 'duplicate-reason-input',
      'aria-label': 'Why (kept in the audit history)',
      value: `Same real-world thing: ${pair.reasons[0]}`,
    });
    return h(
      'div',
      { class: 'duplicate-actions' },
      h('label', { class: 'stack' }, 'Why (kept in the history)', reason),
      h(
        'div',
        { class: 'modal-actions' },
        h('button', { testid: 'duplicate-later', title: 'Leave this pair for later (L)', onclick: () => decide(pair, 'later') }, 'Later'),
        h(
          'button',
          {
            testid: 'duplicate-reject',
            title: 'These are two different things: never propose this pair again (N)',
            onclick: () => void reject(pair, reason.value),
          },
          'Not the same',
        ),
        h(
          'button',
          {
            class: 'primary',
            testid: 'duplicate-merge',
            title: `Merge “${merge.name}” into “${keep.name}” (M)`,
            onclick: () => void merge_(pair, reason.value),
          },
          `Merge into “${keep.name}”`,
        ),
      ),
    );
  }

  function decide(pair: DuplicateCandidate, status: 'later' | 'rejected'): void {
    states.set(pair, { status });
    renderList();
    select(nextOpen(current));
  }

  const nextOpen = (from: number) => {
    for (let i = from + 1; i < pairs.length; i += 1) if (states.get(pairs[i])!.status === 'open') return i;
    return from;
  };

  async function reject(pair: DuplicateCandidate, reason: string): Promise<void> {
    try {
      await rejectDuplicate(pair.a.id, pair.b.id, reason.replace(/^Same real-world thing: /, 'Not the same') || null);
      toast(`“${pair.a.name}” and “${pair.b.name}” will not be proposed again.`);
      decide(pair, 'rejected');
    } catch (error) {
      showError(error, 'Not the same');
    }
  }

  async function merge_(pair: DuplicateCandidate, reason: string): Promise<void> {
    const [keep, merged] = keepSide === 'a' ? [pair.a, pair.b] : [pair.b, pair.a];
    try {
      const result = await mergeEntities(keep.id, [merged.id], reason.trim() || `Same real-world thing: ${pair.reasons[0]}`);
      const wasOnCanvas = explorer.view.has(merged.id);
      states.set(pair, { status: 'merged', mergeId: result.id, keep, merged, wasOnCanvas });
      // The canvas never shows an id merged away: its node gives way to the survivor.
      if (wasOnCanvas) {
        // Redrawn, the survivor shows the links it took over.
        explorer.view.remove([merged.id, keep.id]);
        await explorer.addEntity(keep.id);
      }
      toast(`Merged “${merged.name}” into “${keep.name}”. Undo from this dialog.`);
      renderList();
      void renderCompare(pair);
    } catch (error) {
      showError(error, 'Merge');
    }
  }

  async function undo(pair: DuplicateCandidate, state: Extract<PairState, { status: 'merged' }>): Promise<void> {
    try {
      await unmergeEntities(state.mergeId, `Undone from Possible duplicates: ${state.merged.name} is not ${state.keep.name}`);
      states.set(pair, { status: 'open' });
      // Both are back: so is the node of the one merged away, with its own links, where it was shown.
      if (state.wasOnCanvas) {
        explorer.view.remove([state.keep.id]);
        await explorer.addEntity(state.keep.id);
        await explorer.addEntity(state.merged.id);
      }
      toast(`Unmerged “${state.merged.name}” from “${state.keep.name}”: both are back as they were.`);
      renderList();
      void renderCompare(pair);
    } catch (error) {
      showError(error, 'Undo merge');
    }
  }

  function showError(error: unknown, context: string): void {
    const message = editorsOnly(error, 'merge or mark pairs');
    if (message) compare.append(h('p', { class: 'error-text', testid: 'duplicate-error' }, message));
    else reportError(error, context);
  }

  modal.body.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    if (event.ctrlKey || event.metaKey || event.altKey || pairs.length === 0) return;
    const pair = pairs[current];
    const open = states.get(pair)?.status === 'open';
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          select(current + 1);
          return true;
        case 'ArrowUp':
          select(current - 1);
          return true;
        case '1':
        case '2':
          if (!open) return false;
          keepSide = event.key === '1' ? 'a' : 'b';
          void renderCompare(pair);
          return true;
        case 'm':
        case 'M':
          if (open) compare.querySelector<HTMLButtonElement>('[data-testid=duplicate-merge]')?.click();
          return open;
        case 'n':
        case 'N':
          if (open) compare.querySelector<HTMLButtonElement>('[data-testid=duplicate-reject]')?.click();
          return open;
        case 'l':
        case 'L':
          if (open) decide(pair, 'later');
          return open;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  });
  queueMicrotask(() => list.focus());
  void load();
}
