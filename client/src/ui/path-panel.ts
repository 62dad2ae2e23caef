/**
 * "How are A and B connected, and how sure are we?": pick two entities, a profile (what counts as a connection)
 * and the rules a path must follow; get the server's ranked, diverse paths, each with its confidence band in
 * words, the sentence it reads as, its steps and the sources they rest on; re-rank without a source or an origin
 * in one click (what-if); select a path to see it on the canvas (class `path`) while everything else fades.
 */
import { findPaths, type RankedPath } from '../api/queries';
import { mergeSubgraphs, pathElementIds } from '../../../shared/graph-elements';
import {
  pathProfileDefinitions,
  pathProfiles,
  relationshipLabel,
  stanceDefinitions,
  stancesInLegendOrder,
} from '../../../shared/vocabulary';
import type { Explorer } from '../explorer';
import type { PathProfile, RelationshipFilter, Stance } from '../gql/graphql';
import { h } from './dom';
import { createEntityPicker, type PickedEntity } from './entity-picker';
import { openChangesView } from './changes-view';
import { pathKnownSince, pathResult, type WhatIf } from './path-result';
import { reportError } from './status';

type Exclusion = { kind: 'source' | 'origin'; value: string; label: string };

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
  const profile = h(
    'select',
    { testid: 'path-profile', title: 'What counts as a connection' },
    pathProfiles.map((name) =>
      h('option', { value: name, title: pathProfileDefinitions[name].meaning }, pathProfileDefinitions[name].label),
    ),
  );
  const profileHint = h('div', { class: 'small muted', testid: 'path-profile-hint' }, pathProfileDefinitions.ATTRIBUTION.meaning);
  profile.addEventListener('change', () => {
    profileHint.textContent = pathProfileDefinitions[profile.value as PathProfile].meaning;
  });
  // What-if: sources and origins left out of the ranking, one click each from a path's sources.
  let exclusions: Exclusion[] = [];
  const whatIfBar = h('div', { class: 'what-if', testid: 'path-what-if', hidden: true });
  const whatIf: WhatIf = {
    isExcluded: (kind, value) => exclusions.some((exclusion) => exclusion.kind === kind && exclusion.value === value),
    exclude(kind, value, label) {
      if (this.isExcluded(kind, value)) return;
      exclusions = [...exclusions, { kind, value, label }];
      void run();
    },
  };
  function renderWhatIf(): void {
    whatIfBar.hidden = exclusions.length === 0;
    whatIfBar.replaceChildren(
      h('span', { class: 'small muted' }, 'Re-ranked without: '),
      ...exclusions.map((exclusion) =>
        h(
          'button',
          {
            class: 'chip',
            testid: 'path-what-if-chip',
            title: 'Put it back',
            onclick: () => {
              exclusions = exclusions.filter((other) => other !== exclusion);
              void run();
            },
          },
          `${exclusion.kind === 'origin' ? 'origin ' : ''}${exclusion.label} ×`,
        ),
      ),
      h(
        'button',
        {
          class: 'link-button',
          testid: 'path-what-if-clear',
          onclick: () => {
            exclusions = [];
            void run();
          },
        },
        'put all back',
      ),
    );
  }
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
    h('div', { class: 'form-row' }, h('label', {}, 'Profile ', profile)),
    profileHint,
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
    whatIfBar,
    results,
  );

  function filter(): RelationshipFilter {
    const types = [...typeBoxes].filter(([, box]) => box.checked).map(([type]) => type);
    return {
      types: types.length === typeBoxes.size ? undefined : types,
      minConfidence: Number(minConfidence.value) || undefined,
      stances: stanceBoxes.filter((s) => s.box.checked).map((s) => s.stance as Stance),
      asOf: asOf.value || undefined,
      excludeSources: exclusions.filter((e) => e.kind === 'source').map((e) => e.value),
      excludeOrigins: exclusions.filter((e) => e.kind === 'origin').map((e) => e.value),
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
    if (from.value.id === to.value.id) {
      results.replaceChildren(
        h('li', { class: 'muted', testid: 'path-same-ends' }, `From and To are both ${from.value.name}: pick another entity for one end.`),
      );
      return;
    }
    const f = filter();
    if (f.stances?.length === 0) {
      results.replaceChildren(h('li', { class: 'muted' }, 'Tick at least one stance.'));
      return;
    }
    explorer.setPathEnds({ from: from.value.id, to: to.value.id });
    renderWhatIf();
    findButton.disabled = true;
    results.replaceChildren(h('li', { class: 'muted' }, 'Searching…'));
    try {
      const paths = await findPaths({
        from: from.value.id,
        to: to.value.id,
        maxHops: Number(maxHops.value) || undefined,
        limit: Number(limit.value) || undefined,
        filter: f,
        profile: profile.value as PathProfile,
      });
      renderResults(paths);
      // All ranked paths go on the canvas at once (one undo step), so the alternatives stay
      // visible, faded, around the one being read.
      explorer.draw(mergeSubgraphs(paths), 'Add paths');
      if (paths.length > 0) {
        show(paths[0], results.firstElementChild as HTMLElement);
        // The answer, not the form, is what the analyst came for: bring the first path into view, with the
        // what-if that shaped it when there is one.
        (exclusions.length > 0 ? whatIfBar : results.firstElementChild)?.scrollIntoView?.({ block: 'start' });
      }
    } catch (error) {
      results.replaceChildren();
      reportError(error, 'Path search');
    } finally {
      findButton.disabled = false;
    }
  }

  function renderResults(paths: RankedPath[]): void {
    if (paths.length === 0) {
      const attribution = profile.value === 'ATTRIBUTION';
      results.replaceChildren(
        h(
          'li',
          { class: 'muted', testid: 'path-none' },
          `No path within ${maxHops.value} hops with these rules. `,
          attribution
            ? 'The Attribution profile follows responsibility and response chains only; try “Any connection”, more hops, a lower confidence or more stances.'
            : 'Try more hops, a lower confidence or more stances.',
          exclusions.length > 0 ? ' Some sources are left out (what-if above).' : '',
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
    results.replaceChildren(...paths.map((path, i) => pathResult(path, i + 1, { show, whatIf, whatChanged })));
    if (caveat) results.append(caveat);
  }

  /** "What changed" for one path: from the knowledge date on the time bar, else the day the whole path became known. */
  function whatChanged(path: Omit<RankedPath, 'variants' | 'variantPaths'>): void {
    const today = new Date().toISOString().slice(0, 10);
    openChangesView(explorer, {
      from: explorer.filters.knownAsOf ?? pathKnownSince(path) ?? today,
      to: today,
      path: {
        relationships: path.relationships.map((link) => link.id),
        profile: profile.value as PathProfile,
        label: path.entities.map((entity) => entity.name).join(' → '),
      },
    });
  }

  function show(path: Omit<RankedPath, 'variants' | 'variantPaths'>, item: HTMLElement): void {
    explorer.draw(path, 'Add path');
    explorer.view.highlight(pathElementIds(path));
    explorer.view.fitWhenSettled(pathElementIds(path));
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
