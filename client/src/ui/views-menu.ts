/**
 * Named views: save what is on the canvas (elements, positions by stable id, pinned and hidden
 * ones, filters and layout) under a name, and reopen it later exactly as it was.
 */
import type { ElementDefinition } from 'cytoscape';
import type { Explorer } from '../explorer';
import { SavedViews, type SavedView } from '../state/saved-views';
import { parseUrlState } from '../state/url-state';
import { h } from './dom';
import { menuButton, type MenuEntry } from './menu-button';
import { openModal } from './modal';
import { toast } from './status';

export function createViewsMenu(explorer: Explorer, currentQuery: () => string): HTMLElement {
  const store = new SavedViews(window.localStorage);

  function save(name: string): void {
    const cy = explorer.view.cy;
    // Positions are kept apart from the elements, keyed by id, so a view survives data refreshes.
    const elements = cy.elements().map((e) => ({
      group: e.group(),
      data: { ...e.data() },
      classes: e
        .classes()
        .filter((c) => c === 'pinned' || c === 'hidden')
        .join(' '),
    })) as ElementDefinition[];
    store.save({
      name,
      savedAt: new Date().toISOString(),
      query: currentQuery(),
      elements,
      positions: explorer.view.positions(),
      pinned: explorer.view.ids('.pinned'),
      hidden: explorer.view.ids('.hidden'),
    });
    toast(`Saved view “${name}”.`);
  }

  function open(view: SavedView): void {
    const { filters, layout } = parseUrlState(view.query);
    explorer.view.clear();
    explorer.actions.history.clear();
    explorer.view.restore(view.elements.map((e) => ({ ...e, position: view.positions[e.data.id ?? ''] })));
    explorer.view.setPinned(view.pinned, true);
    explorer.view.setHidden(view.hidden, true);
    if (layout) explorer.view.setLayoutName(layout);
    explorer.setFilters(filters);
    explorer.view.fit();
    toast(`Opened view “${view.name}”.`);
  }

  function askName(): void {
    const modal = openModal('Save view', 'views-save-dialog');
    const input = h('input', {
      type: 'text',
      placeholder: 'e.g. Albania 2022, attribution chain',
      testid: 'views-name',
      'aria-label': 'View name',
    });
    const confirm = h('button', { class: 'primary', testid: 'views-save-confirm', onclick: () => submit() }, 'Save');
    const submit = () => {
      const name = input.value.trim();
      if (!name) return input.focus();
      modal.close();
      save(name);
    };
    input.addEventListener('keydown', (e) => e.key === 'Enter' && submit());
    modal.body.append(
      h('label', { class: 'stack' }, 'Name', input),
      h('p', { class: 'hint' }, 'Saved in this browser. Saving under an existing name replaces that view.'),
      h('div', { class: 'modal-actions' }, confirm),
    );
  }

  return menuButton('Views', 'views-menu', 'Save and reopen named views', (): MenuEntry[] => [
    { label: 'Save current view…', testid: 'views-save', run: askName },
    ...store.list().map((view) => ({
      label: view.name,
      testid: 'views-open',
      run: () => open(view),
      trailing: h(
        'button',
        {
          class: 'icon-button',
          title: `Delete “${view.name}”`,
          'aria-label': `Delete ${view.name}`,
          testid: 'views-delete',
          onclick: (e: Event) => {
            e.stopPropagation();
            store.remove(view.name);
            (e.currentTarget as HTMLElement).closest('li')?.remove();
          },
        },
        '×',
      ),
    })),
  ]);
}
