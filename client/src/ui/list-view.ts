/**
 * The canvas as tables: every visible entity (name, kind, date, links) and link (from, relationship, to, stance,
 * confidence, dates), for screen readers and for anyone who wants to read rather than look. A row's name selects
 * that element on the canvas and opens its evidence. Long tables show 200 rows at a time.
 */
import { isEntityKind, isStance, kindDefinitions, relationshipLabel, stanceDefinitions } from '../../../shared/vocabulary';
import type { Explorer } from '../explorer';
import { isGroupId } from '../graph/groups';
import { confidenceText, debounce, h } from './dom';

const pageSize = 200;

export interface ListView {
  toggle(): void;
  readonly open: boolean;
}

export function mountListView(host: HTMLElement, explorer: Explorer): ListView {
  const panel = h('section', { class: 'list-view', testid: 'list-view', 'aria-label': 'What the canvas shows, as tables', hidden: true });
  host.append(panel);
  let shown = { entities: pageSize, links: pageSize };

  const choose = (id: string, group: 'nodes' | 'edges') => {
    explorer.view.select(id);
    explorer.select({ id, group }, false);
  };

  function table<T>(
    caption: string,
    testid: string,
    headers: string[],
    rows: T[],
    cells: (row: T) => (string | HTMLElement)[],
    limit: number,
    more: () => void,
  ): HTMLElement {
    return h(
      'div',
      { class: 'list-block' },
      h(
        'table',
        { class: 'list-table', testid },
        h('caption', {}, `${caption} (${rows.length.toLocaleString('en')})`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            headers.map((header) => h('th', { scope: 'col' }, header)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.slice(0, limit).map((row) =>
            h(
              'tr',
              {},
              cells(row).map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))),
            ),
          ),
        ),
      ),
      rows.length > limit
        ? h(
            'button',
            { class: 'link-button', onclick: more },
            `Show ${Math.min(pageSize, rows.length - limit)} more of ${(rows.length - limit).toLocaleString('en')}`,
          )
        : null,
    );
  }

  function render(): void {
    if (panel.hidden) return;
    const cy = explorer.view.cy;
    const nodes = cy
      .nodes(':visible')
      .toArray()
      .sort((a, b) => String(a.data('name') ?? a.data('label')).localeCompare(String(b.data('name') ?? b.data('label'))));
    const edges = cy.edges(':visible').toArray();
    const entityRows = nodes.filter((node) => !isGroupId(node.id()));
    const groupRows = nodes.filter((node) => isGroupId(node.id()));
    const linkRows = edges.filter((edge) => !isGroupId(edge.id()));
    const nameButton = (id: string, text: string, group: 'nodes' | 'edges') =>
      h(
        'button',
        { class: 'link-button list-name', onclick: () => choose(id, group), title: 'Select it on the canvas and open its evidence' },
        text,
      );
    panel.replaceChildren(
      h(
        'header',
        { class: 'list-head' },
        h('h2', {}, 'The canvas as tables'),
        h('button', { class: 'icon-button', 'aria-label': 'Close the list view', testid: 'list-close', onclick: () => toggle() }, '×'),
      ),
      table(
        'Entities',
        'list-entities',
        ['Name', 'Kind', 'Date', 'Links shown'],
        entityRows,
        (node) => {
          const kind = node.data('kind') as string;
          return [
            nameButton(node.id(), node.data('name') as string, 'nodes'),
            isEntityKind(kind) ? kindDefinitions[kind].label : kind,
            (node.data('date') as string | null) ?? '',
            String(node.connectedEdges(':visible').length),
          ];
        },
        shown.entities,
        () => {
          shown = { ...shown, entities: shown.entities + pageSize };
          render();
        },
      ),
      table(
        'Links',
        'list-links',
        ['From', 'Relationship', 'To', 'Stance', 'Confidence', 'Valid'],
        linkRows,
        (edge) => {
          const stance = edge.data('stance') as string;
          const since = edge.data('since') as string | null;
          const until = edge.data('until') as string | null;
          return [
            nameButton(edge.id(), edge.source().data('name') as string, 'edges'),
            relationshipLabel(edge.data('type') as string),
            edge.target().data('name') as string,
            isStance(stance) ? stanceDefinitions[stance].label : stance,
            confidenceText(edge.data('confidence') as number | null),
            since || until ? `${since ?? '…'} to ${until ?? 'now'}` : '',
          ];
        },
        shown.links,
        () => {
          shown = { ...shown, links: shown.links + pageSize };
          render();
        },
      ),
      groupRows.length > 0
        ? table(
            'Groups',
            'list-groups',
            ['Group', 'Holds'],
            groupRows,
            (node) => [nameButton(node.id(), node.data('label') as string, 'nodes'), node.data('hint') as string],
            pageSize,
            () => undefined,
          )
        : '',
    );
  }

  const refresh = debounce(render, 200);
  explorer.view.on('changed', refresh);
  explorer.on('filters', refresh);

  function toggle(): void {
    panel.hidden = !panel.hidden;
    document.querySelector('[data-testid=list-toggle]')?.setAttribute('aria-pressed', String(!panel.hidden));
    if (!panel.hidden) {
      shown = { entities: pageSize, links: pageSize };
      render();
      (panel.querySelector('.list-name') as HTMLElement | null)?.focus();
    }
  }
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      toggle();
      (document.querySelector('[data-testid=list-toggle]') as HTMLElement | null)?.focus();
    }
  });
  return {
    toggle,
    get open() {
      return !panel.hidden;
    },
  };
}
