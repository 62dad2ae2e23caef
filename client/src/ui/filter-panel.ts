/**
 * Filters by kind, relationship type, stance and minimum confidence. The kind and stance rows
 * double as the legend (same glyphs and line styles as the canvas) and show how many elements of
 * each are on the canvas now.
 */
import { emptyFilters, type FilterState } from '../graph/filters';
import {
  linkWidthBands,
  entityKindsInLegendOrder,
  kindDefinitions,
  relationshipLabel,
  stanceDefinitions,
  stancesInLegendOrder,
} from '../../../shared/vocabulary';
import type { Explorer } from '../explorer';
import type { Stance } from '../gql/graphql';
import { debounce, h } from './dom';
import { kindGlyph } from './kind-glyph';
import { stanceSample } from './stance-sample';

export function createFilterPanel(explorer: Explorer): HTMLElement {
  const kindRows = entityKindsInLegendOrder.map((kind) => {
    const box = h('input', { type: 'checkbox', checked: true, testid: `filter-kind-${kind}` });
    box.addEventListener('change', () => toggle('hiddenKinds', kind, !box.checked));
    const count = h('span', { class: 'count' });
    return {
      kind,
      box,
      count,
      row: h(
        'label',
        { class: 'check legend-row' },
        box,
        kindGlyph(kind),
        h('span', { class: 'grow' }, kindDefinitions[kind].label),
        count,
      ),
    };
  });
  const stanceRows = stancesInLegendOrder.map((stance) => {
    const box = h('input', { type: 'checkbox', checked: true, testid: `filter-stance-${stance}` });
    box.addEventListener('change', () => toggle('hiddenStances', stance, !box.checked));
    const count = h('span', { class: 'count' });
    const row = h(
      'label',
      { class: 'check legend-row', title: stanceDefinitions[stance].meaning },
      box,
      stanceSample(stance),
      h('span', { class: 'grow' }, stanceDefinitions[stance].label),
      count,
    );
    return { stance, box, count, row };
  });
  const typeList = h('div', { class: 'type-list' });
  let typeBoxes = new Map<string, HTMLInputElement>();
  const minConfidence = h('input', {
    type: 'range',
    min: 0,
    max: 100,
    step: 5,
    value: '0',
    testid: 'filter-min-confidence',
    'aria-label': 'Minimum confidence',
  });
  const minLabel = h('output', { testid: 'filter-min-confidence-value' }, '0%');
  const orphans = h('input', { type: 'checkbox', testid: 'filter-hide-orphans' });
  orphans.addEventListener('change', () => explorer.setFilters({ hideOrphans: orphans.checked }));
  minConfidence.addEventListener('input', () => {
    minLabel.textContent = `${minConfidence.value}%`;
    applyConfidence();
  });
  const applyConfidence = debounce(() => explorer.setFilters({ minConfidence: Number(minConfidence.value) }), 120);

  function toggle(key: 'hiddenKinds' | 'hiddenTypes' | 'hiddenStances', value: string, hidden: boolean): void {
    const current = explorer.filters[key] as string[];
    const next = hidden ? [...new Set([...current, value])] : current.filter((v) => v !== value);
    explorer.setFilters({ [key]: next } as Partial<FilterState>);
  }

  explorer.on('types', (types) => {
    typeBoxes = new Map();
    typeList.replaceChildren(
      ...types.map((type) => {
        const box = h('input', { type: 'checkbox', checked: !explorer.filters.hiddenTypes.includes(type), testid: `filter-type-${type}` });
        box.addEventListener('change', () => toggle('hiddenTypes', type, !box.checked));
        typeBoxes.set(type, box);
        return h('label', { class: 'check' }, box, relationshipLabel(type));
      }),
    );
  });

  // Reflect state that came from elsewhere (URL, saved view, reset).
  explorer.on('filters', (f) => {
    for (const row of kindRows) row.box.checked = !f.hiddenKinds.includes(row.kind);
    for (const row of stanceRows) row.box.checked = !f.hiddenStances.includes(row.stance as Stance);
    for (const [type, box] of typeBoxes) box.checked = !f.hiddenTypes.includes(type);
    minConfidence.value = String(f.minConfidence);
    minLabel.textContent = `${f.minConfidence}%`;
    orphans.checked = f.hideOrphans;
  });

  const updateCounts = debounce(() => {
    const cy = explorer.view.cy;
    for (const row of kindRows) {
      const n = cy.nodes(`[kind = "${row.kind}"]`).length;
      row.count.textContent = n > 0 ? String(n) : '';
      row.row.classList.toggle('absent', n === 0);
    }
    for (const row of stanceRows) {
      const n = cy.edges(`[stance = "${row.stance}"]`).length;
      row.count.textContent = n > 0 ? String(n) : '';
    }
  }, 100);
  explorer.view.on('changed', updateCounts);

  return h(
    'section',
    { class: 'panel-section', testid: 'filter-panel' },
    h(
      'div',
      { class: 'section-head' },
      h('h3', {}, 'Entity kinds'),
      h(
        'button',
        {
          class: 'link-button',
          testid: 'filter-reset',
          onclick: () =>
            explorer.setFilters({
              ...emptyFilters(),
              start: explorer.filters.start,
              end: explorer.filters.end,
              asOf: explorer.filters.asOf,
            }),
        },
        'Reset',
      ),
    ),
    h(
      'div',
      { class: 'legend-grid' },
      kindRows.map((r) => r.row),
    ),
    h('h3', {}, 'Stance'),
    h(
      'div',
      { class: 'legend-list' },
      stanceRows.map((r) => r.row),
    ),
    h(
      'div',
      { class: 'legend-widths', title: 'Line width grows with confidence' },
      linkWidthBands.map((band) => {
        const sample = h('span', { class: 'width-sample' });
        sample.style.height = `${band.width}px`;
        return h('span', { class: 'legend-width' }, sample, band.max === 100 ? `${band.min}+` : `${band.min}–${band.max}`);
      }),
    ),
    h(
      'p',
      { class: 'hint' },
      'Line width grows with confidence (%); a link whose source states none is drawn thinnest. Claimed links end in a hollow arrowhead.',
    ),
    h('h3', {}, 'Minimum confidence'),
    h('div', { class: 'form-row' }, minConfidence, minLabel),
    h(
      'label',
      { class: 'check', title: 'Hide entities left with no visible link by the filters' },
      orphans,
      'Hide entities without a visible link',
    ),
    h('details', { class: 'types' }, h('summary', {}, 'Relationship types'), typeList),
  );
}
