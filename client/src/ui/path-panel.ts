/**
 * "How are A and B connected?": pick two entities and the rules a path must follow, get the
 * server's ranked paths (score = product of link confidences) with each one's weakest link, and
 * select one to see it on the canvas (class `path`) while everything else fades.
 */
import { findPaths, type RankedPath } from '../api/queries';
import { mergeSubgraphs, pathElementIds } from '../../../shared/graph-elements';
import { relationshipLabel, stanceDefinitions, stancesInLegendOrder } from '../../../shared/vocabulary';
import type { Explorer } from '../explorer';
import type { RelationshipFilter, Stance } from '../gql/graphql';
import { h, percent } from './dom';
import { createEntityPicker, type PickedEntity } from './entity-picker';
import { reportError } from './status';

export interface PathPanel {
  element: HTMLElement;
  setEnd(end: 'from' | 'to', entity: PickedEntity): void;
  run(): Promise<void>;
}

export function createPathPanel(explorer: Explorer): PathPanel {
  const from = createEntityPicker({
    testid: 'path-from',
    resultTestid: 'path-from-result',
    placeholder: 'From…',
    label: 'Path from',
    keepValue: true,
    onPick: () => to.input.focus(),
  });
  const to = createEntityPicker({
    testid: 'path-to',
    resultTestid: 'path-to-result',
    placeholder: 'To…',
    label: 'Path to',
    keepValue: true,
    onPick: () => void run(),
  });
  const swap = h(
    'button',
    {
      class: 'icon-button',
      title: 'Swap ends',
      'aria-label': 'Swap ends',
      testid: 'path-swap',
      onclick: () => {
        const a = from.value;
        from.set(to.value);
        to.set(a);
      },
    },
    '⇅',
  );
  // Bounds and defaults come from the server (Query.limits) once it answers; empty means the server's default.
  const maxHops = h('input', { type: 'number', min: 1, class: 'narrow', testid: 'path-max-hops' });
  const limit = h('input', { type: 'number', min: 1, class: 'narrow', testid: 'path-limit' });
  explorer.on('limits', ({ paths }) => {
    for (const [input, bounds] of [
      [maxHops, paths.maxHops],
      [limit, paths.limit],
    ] as const) {
      input.max = String(bounds.max);
      if (!input.value) input.value = String(bounds.default);
    }
  });
  const minConfidence = h('input', { type: 'range', min: 0, max: 100, step: 5, value: '0', testid: 'path-min-confidence' });
  const minLabel = h('output', {}, '0%');
  minConfidence.addEventListener('input', () => (minLabel.textContent = `${minConfidence.value}%`));
  const asOf = h('input', { type: 'date', testid: 'path-as-of' });
  // Paths leave denied links out unless asked: a denial is evidence against the connection.
  const stanceBoxes = stancesInLegendOrder.map((stance) => ({
    stance,
    box: h('input', { type: 'checkbox', checked: stance !== 'DENIED', testid: `path-stance-${stance}` }),
  }));
  const typeList = h('div', { class: 'type-list' });
  const typeBoxes = new Map<string, HTMLInputElement>();
  explorer.on('types', (types) => {
    typeList.replaceChildren(
      ...types.map((type) => {
        const box = h('input', { type: 'checkbox', checked: true, testid: `path-type-${type}` });
        typeBoxes.set(type, box);
        return h('label', { class: 'check' }, box, relationshipLabel(type));
      }),
    );
  });
  const findButton = h('button', { class: 'primary', testid: 'path-find', onclick: () => void run() }, 'Find paths');
  const clearButton = h('button', { testid: 'path-clear', onclick: () => clearHighlight() }, 'Clear');
  const results = h('ol', { class: 'path-results', testid: 'path-results' });

  const element = h(
    'section',
    { class: 'panel-section', testid: 'path-panel' },
    h('div', { class: 'path-ends' }, h('div', { class: 'path-end-pickers' }, from.element, to.element), swap),
    h('div', { class: 'form-row' }, h('label', {}, 'Max hops ', maxHops), h('label', {}, 'Show ', limit)),
    h('div', { class: 'form-row' }, h('label', { class: 'grow' }, 'Min confidence ', minConfidence, minLabel)),
    h(
      'div',
      { class: 'form-row chips' },
      stanceBoxes.map(({ stance, box }) => h('label', { class: 'check' }, box, stanceDefinitions[stance].label)),
    ),
    h('div', { class: 'form-row' }, h('label', {}, 'As of ', asOf)),
    h('details', { class: 'types' }, h('summary', {}, 'Relationship types'), typeList),
    h('div', { class: 'form-row actions' }, clearButton, findButton),
    results,
  );

  function filter(): RelationshipFilter {
    const types = [...typeBoxes].filter(([, box]) => box.checked).map(([type]) => type);
    return {
      types: types.length === typeBoxes.size ? undefined : types,
      minConfidence: Number(minConfidence.value) || undefined,
      stances: stanceBoxes.filter((s) => s.box.checked).map((s) => s.stance as Stance),
      asOf: asOf.value || undefined,
    };
  }

  function clearHighlight(): void {
    explorer.view.highlight(null);
    explorer.setPathEnds(null);
    results.querySelectorAll('.selected').forEach((li) => li.classList.remove('selected'));
  }

  async function run(): Promise<void> {
    if (!from.value || !to.value) {
      results.replaceChildren(
        h('li', { class: 'muted' }, 'Pick both ends: type a name in From and To, or right-click nodes on the canvas.'),
      );
      return;
    }
    const f = filter();
    if (f.stances?.length === 0) {
      results.replaceChildren(h('li', { class: 'muted' }, 'Tick at least one stance.'));
      return;
    }
    explorer.setPathEnds({ from: from.value.id, to: to.value.id });
    findButton.disabled = true;
    results.replaceChildren(h('li', { class: 'muted' }, 'Searching…'));
    try {
      const paths = await findPaths({
        from: from.value.id,
        to: to.value.id,
        maxHops: Number(maxHops.value) || undefined,
        limit: Number(limit.value) || undefined,
        filter: f,
      });
      renderResults(paths);
      // All ranked paths go on the canvas at once (one undo step), so the alternatives stay
      // visible, faded, around the one being read.
      explorer.draw(mergeSubgraphs(paths), 'Add paths');
      if (paths.length > 0) show(paths[0], results.firstElementChild as HTMLElement);
    } catch (error) {
      results.replaceChildren();
      reportError(error, 'Path search');
    } finally {
      findButton.disabled = false;
    }
  }

  function renderResults(paths: RankedPath[]): void {
    if (paths.length === 0) {
      results.replaceChildren(
        h(
          'li',
          { class: 'muted', testid: 'path-none' },
          `No path within ${maxHops.value} hops with these rules. Try more hops, a lower confidence or more stances.`,
        ),
      );
      return;
    }
    // A very dense neighbourhood can stop the search at its read budget: say so rather than imply these are provably the best.
    const caveat = paths.some((path) => !path.exhaustive)
      ? h(
          'li',
          { class: 'muted path-caveat', testid: 'path-caveat' },
          'Dense graph: these are the best paths among the links searched (the search stopped at its budget); paths with the fewest hops are included. Narrow by type, stance or confidence for a complete ranking.',
        )
      : null;
    results.replaceChildren(
      ...paths.map((path, i) => {
        const weakest = path.weakestLink;
        const item: HTMLElement = h(
          'li',
          {
            class: 'path-result',
            testid: 'path-result',
            tabindex: 0,
            onclick: () => show(path, item),
            onkeydown: ((e: KeyboardEvent) => e.key === 'Enter' && show(path, item)) as EventListener,
          },
          h(
            'div',
            { class: 'path-head' },
            h('span', { class: 'rank' }, `#${i + 1}`),
            h('span', { class: 'score', title: 'Product of link confidences' }, `score ${percent(path.score, 1)}`),
            h('span', { class: 'muted' }, `${path.hops} hop${path.hops === 1 ? '' : 's'}`),
          ),
          h('div', { class: 'path-chain' }, chain(path)),
          weakest
            ? h(
                'div',
                { class: 'weakest', testid: 'path-weakest' },
                'Weakest: ',
                h('strong', {}, `${weakest.from.name} ${relationshipLabel(weakest.type)} ${weakest.to.name}`),
                ` (${percent(weakest.confidence)}, ${stanceDefinitions[weakest.stance].label.toLowerCase()})`,
              )
            : null,
        );
        return item;
      }),
    );
    if (caveat) results.append(caveat);
  }

  function chain(path: RankedPath): (HTMLElement | string)[] {
    const names = new Map(path.entities.map((e) => [e.id, e.name]));
    const parts: (HTMLElement | string)[] = [h('span', { class: 'chain-node' }, path.entities[0]?.name ?? '')];
    let current = path.entities[0]?.id;
    for (const rel of path.relationships) {
      const forward = rel.from.id === current;
      const next = forward ? rel.to.id : rel.from.id;
      parts.push(
        h(
          'span',
          { class: `chain-link stance-${rel.stance}` },
          forward ? ` ${relationshipLabel(rel.type)} → ` : ` ← ${relationshipLabel(rel.type)} `,
        ),
      );
      parts.push(h('span', { class: 'chain-node' }, names.get(next) ?? next));
      current = next;
    }
    return parts;
  }

  function show(path: RankedPath, item: HTMLElement): void {
    explorer.draw(path, 'Add path');
    explorer.view.highlight(pathElementIds(path));
    explorer.view.fit(pathElementIds(path));
    results.querySelectorAll('.selected').forEach((li) => li.classList.remove('selected'));
    item.classList.add('selected');
  }

  return {
    element,
    run,
    setEnd(end, entity) {
      (end === 'from' ? from : to).set(entity);
    },
  };
}
