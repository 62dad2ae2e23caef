/**
 * Expand with foresight: before adding anything, show how many neighbours each relationship type would bring,
 * not counting what the canvas already shows (so "Add 13" adds 13). Above `hubThreshold` the entity is a hub:
 * its neighbours become group nodes by relationship type and kind ("312 incidents targeted") that page in on
 * demand, optionally after its strongest links. Nothing is capped silently.
 */
import { fetchNeighbourCounts } from '../api/queries';
import { neighboursReachedBy, type NeighbourWay } from '../graph/groups';
import { relationshipLabel } from '../../../shared/vocabulary';
import type { Explorer } from '../explorer';
import { h, percent } from './dom';
import { openModal } from './modal';
import { reportError, toast } from './status';

export const hubThreshold = 25;
const strongestDefault = 15;

const wayKey = (way: NeighbourWay) => `${way.type}/${way.direction}`;
const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

export async function openExpandDialog(explorer: Explorer, id: string): Promise<void> {
  const name = (explorer.view.cy.getElementById(id).data('name') as string | undefined) ?? id;
  let counts, totals;
  try {
    ({ byWay: counts, totals } = await fetchNeighbourCounts(id, explorer.serverFilter(), explorer.entityIdsOnCanvas()));
  } catch (error) {
    reportError(error, 'Expand');
    return;
  }
  // Distinct neighbours: one linked in two ways is in two rows of the table, but is one neighbour.
  const total = totals.neighbours;
  const linkedInSeveralWays = totals.overlaps.filter((overlap) => overlap.ways.length > 1).reduce((sum, overlap) => sum + overlap.count, 0);
  const modal = openModal(`Expand ${name}`, 'expand-dialog');
  if (total === 0) {
    modal.body.append(
      h('p', { class: 'muted', testid: 'expand-nothing' }, 'Every neighbour (with the current filters) is already on the canvas.'),
      h('div', { class: 'modal-actions' }, h('button', { onclick: () => modal.close(), testid: 'expand-cancel' }, 'Close')),
    );
    return;
  }
  const hub = total > hubThreshold;
  const boxes = counts.map((c) => ({
    count: c,
    box: h('input', {
      type: 'checkbox',
      checked: true,
      testid: 'expand-type',
      'data-type': c.type,
      'data-direction': c.direction,
      'aria-label': `${c.direction === 'OUT' ? '' : 'incoming '}${relationshipLabel(c.type)}`,
    }),
  }));
  const asGroups = h('input', { type: 'radio', name: 'expand-mode', checked: hub, testid: 'expand-groups' });
  const strongestMode = h('input', { type: 'radio', name: 'expand-mode', testid: 'expand-strongest' });
  const allMode = h('input', { type: 'radio', name: 'expand-mode', checked: !hub, testid: 'expand-all' });
  const limit = h('input', {
    type: 'number',
    min: 1,
    max: 500,
    value: String(strongestDefault),
    class: 'narrow',
    testid: 'expand-limit',
    'aria-label': 'How many of the strongest links',
  });
  const confirm = h('button', { class: 'primary', testid: 'expand-confirm', onclick: () => void run() });
  const chosenWays = () => new Set(boxes.filter((b) => b.box.checked).map((b) => wayKey(b.count)));
  const chosenCount = () => {
    const chosen = chosenWays();
    return neighboursReachedBy(totals.overlaps, (way) => chosen.has(wayKey(way)));
  };
  const refresh = () => {
    const chosen = chosenCount();
    const strongest = Math.min(chosen, Number(limit.value) || strongestDefault);
    confirm.textContent = allMode.checked
      ? `Add ${plural(chosen, 'neighbour')}`
      : asGroups.checked
        ? `Group ${plural(chosen, 'neighbour')}`
        : `Add the strongest ${strongest}, group ${chosen - strongest > 0 ? `the other ${(chosen - strongest).toLocaleString('en')}` : 'none'}`;
    confirm.disabled = chosen === 0;
  };
  for (const el of [asGroups, strongestMode, allMode, limit, ...boxes.map((b) => b.box)]) el.addEventListener('input', refresh);

  modal.body.append(
    h(
      'p',
      { class: hub ? 'warning' : 'muted', testid: hub ? 'expand-hub-warning' : 'expand-summary' },
      hub
        ? `${name} has ${plural(total, 'neighbour')} not on the canvas. Drawn at once they would bury the view: group them by relationship and kind, and page in what you need.`
        : `${plural(total, 'neighbour')} not on the canvas yet.`,
    ),
    h(
      'table',
      { class: 'counts' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, h('span', { class: 'visually-hidden' }, 'Include')),
          h('th', {}, 'Link'),
          h('th', { class: 'num' }, 'New neighbours'),
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
            h('td', {}, count.direction === 'OUT' ? `${relationshipLabel(count.type)} →` : `← ${relationshipLabel(count.type)}`),
            h('td', { class: 'num' }, count.count.toLocaleString('en')),
            h('td', { class: 'num' }, percent(count.maxConfidence)),
          ),
        ),
      ),
    ),
    linkedInSeveralWays > 0
      ? h(
          'p',
          { class: 'muted', testid: 'expand-overlap' },
          `${plural(linkedInSeveralWays, 'neighbour')} ${linkedInSeveralWays === 1 ? 'is' : 'are'} linked in more than one way: each of those rows counts ${linkedInSeveralWays === 1 ? 'it' : 'them'}, the totals only once.`,
        )
      : '',
    h(
      'fieldset',
      { class: 'expand-modes' },
      h('legend', {}, 'How'),
      h('label', { class: 'inline' }, allMode, ' Add them all'),
      h('label', { class: 'inline' }, asGroups, ' As groups by relationship and kind (page in 25 at a time)'),
      h('label', { class: 'inline' }, strongestMode, ' The strongest ', limit, ' links, the rest as groups'),
    ),
    h('div', { class: 'modal-actions' }, h('button', { onclick: () => modal.close(), testid: 'expand-cancel' }, 'Cancel'), confirm),
  );
  modal.body.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !confirm.disabled && !(e.target instanceof HTMLButtonElement)) void run();
  });
  refresh();
  confirm.focus();

  async function run(): Promise<void> {
    const chosen = chosenWays();
    const groups = (group: NeighbourWay) => chosen.has(wayKey(group));
    const mode = allMode.checked ? 'all' : asGroups.checked ? 'groups' : 'strongest';
    modal.close();
    try {
      if (mode === 'all') {
        const { added, grouped } = await explorer.expand(id, { groups });
        const rest = grouped > 0 ? ` ${grouped.toLocaleString('en')} more in groups: double-click a group to add the next 25.` : '';
        toast(added === 0 && grouped === 0 ? `Nothing new around ${name}.` : `Added ${plural(added, 'neighbour')} of ${name}.${rest}`);
        return;
      }
      const result = await explorer.expandAsGroups(id, {
        groups,
        strongest: mode === 'strongest' ? Number(limit.value) || strongestDefault : 0,
      });
      toast(
        `${result.added ? `Added the strongest ${plural(result.added, 'neighbour')}; ` : ''}${plural(result.grouped, 'neighbour')} of ${name} in groups: double-click a group to add the next 25.`,
      );
    } catch (error) {
      reportError(error, 'Expand');
    }
  }
}
