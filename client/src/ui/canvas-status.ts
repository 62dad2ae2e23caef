/**
 * What the canvas holds against the whole graph ("Showing 60 of 10,000 entities · 214 of 50,000 links"), always in
 * view when the canvas does not hold everything, and a dismissable note for what a first view is (a summary).
 * Both are live regions, so a screen reader hears them too.
 */
import type { Explorer } from '../explorer';
import { isGroupId } from '../graph/groups';
import { debounce, h } from './dom';

export interface CanvasStatus {
  notice(title: string, lines: string[]): void;
}

export function mountCanvasStatus(host: HTMLElement, explorer: Explorer, searchButton: () => HTMLElement): CanvasStatus {
  const line = h('div', { class: 'canvas-count', testid: 'canvas-count', role: 'status', hidden: true });
  const note = h('div', { class: 'canvas-notice', testid: 'summary-notice', role: 'status', hidden: true });
  host.append(line, note);

  const update = debounce(() => {
    const totals = explorer.totals;
    const cy = explorer.view.cy;
    const entities = cy.nodes().filter((node) => !isGroupId(node.id())).length;
    const links = cy.edges().filter((edge) => !isGroupId(edge.id())).length;
    const groups = cy.nodes('.group').length;
    if (!totals || (entities >= totals.entities && links >= totals.relationships)) {
      line.hidden = true;
      return;
    }
    line.hidden = false;
    line.textContent =
      `Showing ${entities.toLocaleString('en')} of ${totals.entities.toLocaleString('en')} entities · ` +
      `${links.toLocaleString('en')} of ${totals.relationships.toLocaleString('en')} links` +
      (groups > 0 ? ` · ${groups} group${groups === 1 ? '' : 's'}` : '');
  }, 150);
  explorer.view.on('changed', update);
  explorer.on('types', update);

  return {
    notice(title, lines) {
      note.replaceChildren(
        h('strong', {}, title),
        ...lines.map((text) => h('p', {}, text)),
        h(
          'div',
          { class: 'notice-actions' },
          searchButton(),
          h('button', { testid: 'summary-dismiss', onclick: () => (note.hidden = true) }, 'Dismiss'),
        ),
      );
      note.hidden = false;
    },
  };
}
