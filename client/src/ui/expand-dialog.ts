/**
 * Expand with foresight: before adding anything, show how many neighbours each relationship type
 * would bring. Above `hubThreshold` the entity is a hub and the dialog proposes only the strongest
 * links (by confidence) so one click cannot flood the view.
 */
import { fetchNeighbourCounts } from '../api/queries';
import { relationshipLabel } from '../../../shared/vocabulary';
import type { Explorer } from '../explorer';
import { h, percent } from './dom';
import { openModal } from './modal';
import { reportError, toast } from './status';

export const hubThreshold = 25;
const strongestDefault = 15;

export async function openExpandDialog(explorer: Explorer, id: string): Promise<void> {
  const name = (explorer.view.cy.getElementById(id).data('name') as string | undefined) ?? id;
  let counts;
  try {
    counts = await fetchNeighbourCounts(id, explorer.serverFilter());
  } catch (error) {
    reportError(error, 'Expand');
    return;
  }
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const modal = openModal(`Expand ${name}`, 'expand-dialog');
  if (total === 0) {
    modal.body.append(h('p', { class: 'muted' }, 'No neighbours to add with the current filters.'));
    return;
  }
  const hub = total > hubThreshold;
  const boxes = counts.map((c) => ({
    count: c,
    box: h('input', { type: 'checkbox', checked: true, testid: 'expand-type', 'data-type': c.type, 'data-direction': c.direction }),
  }));
  const strongest = h('input', { type: 'checkbox', checked: hub, testid: 'expand-strongest' });
  const limit = h('input', { type: 'number', min: 1, max: 500, value: String(strongestDefault), class: 'narrow', testid: 'expand-limit' });
  const confirm = h('button', { class: 'primary', testid: 'expand-confirm', onclick: () => void run() });
  const refresh = () => {
    const chosen = boxes.filter((b) => b.box.checked).reduce((sum, b) => sum + b.count.count, 0);
    const n = strongest.checked ? Math.min(chosen, Number(limit.value) || strongestDefault) : chosen;
    confirm.textContent = `Add ${strongest.checked ? 'up to ' : ''}${n} neighbour${n === 1 ? '' : 's'}`;
    confirm.disabled = chosen === 0;
  };
  for (const el of [strongest, limit, ...boxes.map((b) => b.box)]) el.addEventListener('input', refresh);

  modal.body.append(
    hub
      ? h(
          'p',
          { class: 'warning', testid: 'expand-hub-warning' },
          `${name} is a hub with ${total} links. Adding all of them would bury the view; the strongest are proposed.`,
        )
      : '',
    h(
      'table',
      { class: 'counts' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, ''),
          h('th', {}, 'Link'),
          h('th', { class: 'num' }, 'Neighbours'),
          h('th', { class: 'num' }, 'Best confidence'),
        ),
      ),
      h(
        'tbody',
        {},
        boxes.map(({ count, box }) =>
          h(
            'tr',
            {},
            h('td', {}, box),
            h(
              'td',
              {},
              h('label', {}, count.direction === 'OUT' ? `${relationshipLabel(count.type)} →` : `← ${relationshipLabel(count.type)}`),
            ),
            h('td', { class: 'num' }, count.count),
            h('td', { class: 'num' }, percent(count.maxConfidence)),
          ),
        ),
      ),
    ),
    h('label', { class: 'inline' }, strongest, ' Only the strongest ', limit, ' links by confidence'),
    h('div', { class: 'modal-actions' }, h('button', { onclick: () => modal.close(), testid: 'expand-cancel' }, 'Cancel'), confirm),
  );
  modal.body.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !confirm.disabled) void run();
  });
  refresh();
  confirm.focus();

  async function run(): Promise<void> {
    const chosen = boxes.filter((b) => b.box.checked);
    const allTypes = chosen.length === boxes.length;
    const types = [...new Set(chosen.map((b) => b.count.type))];
    modal.close();
    try {
      const added = await explorer.expand(id, {
        types: allTypes ? undefined : types,
        limit: strongest.checked ? Number(limit.value) || strongestDefault : undefined,
      });
      toast(added === 0 ? `Nothing new around ${name}.` : `Added ${added} element${added === 1 ? '' : 's'} around ${name}.`);
    } catch (error) {
      reportError(error, 'Expand');
    }
  }
}
