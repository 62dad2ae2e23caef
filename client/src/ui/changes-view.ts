/**
 * "What changed": the diff of what was known between two knowledge dates, for the entities on the canvas (the
 * server's `changes`): links and sources that became known, retractions and re-gradings, and what that did to
 * the competing hypotheses of the incidents concerned. Explaining a change of judgement is what ICD 203 asks.
 */
import { fetchChanges, type Change } from '../api/queries';
import type { ChosenPathInput } from '../gql/graphql';
import type { Explorer } from '../explorer';
import { isGroupId } from '../graph/groups';
import { h } from './dom';
import { openModal } from './modal';
import { bandBadge } from './path-result';

/** A path chosen in the path panel, followed through the two days (its band on each). */
export interface ChosenPath extends ChosenPathInput {
  /** How the dialog names it: its entities in reading order. */
  label: string;
}

/** How each kind of change reads in the list: a sign and a class for its colour. */
const marks: Record<Change['kind'], { sign: string; className: string; words: string }> = {
  APPEARED: { sign: '+', className: 'change-added', words: 'became known' },
  SOURCE_PUBLISHED: { sign: '+', className: 'change-added', words: 'source published' },
  RETRACTED: { sign: '−', className: 'change-removed', words: 'retracted' },
  CONFIDENCE_CHANGED: { sign: '~', className: 'change-changed', words: 're-graded' },
  RANKING_CHANGED: { sign: '⇅', className: 'change-ranking', words: 'ranking changed' },
  PATH_BAND: { sign: '⇢', className: 'change-ranking', words: 'band of the chosen path' },
};

/** How a count of each kind of change reads in the headline. */
const counted: Record<Exclude<Change['kind'], 'PATH_BAND'>, [string, string]> = {
  APPEARED: ['link became known', 'links became known'],
  SOURCE_PUBLISHED: ['source published', 'sources published'],
  RETRACTED: ['link retracted', 'links retracted'],
  CONFIDENCE_CHANGED: ['link re-graded', 'links re-graded'],
  RANKING_CHANGED: ['ranking of hypotheses changed', 'rankings of hypotheses changed'],
};

/** "Between 2022-08-01 and 2022-09-30: 6 links became known, 4 sources published, 1 ranking of hypotheses changed." */
export function changesHeadline(from: string, to: string, changes: readonly Pick<Change, 'kind'>[]): string {
  const counts = new Map<Change['kind'], number>();
  for (const change of changes) counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1);
  // A chosen path's band is not a change of its own but a reading of the others: it has its own line.
  const parts = (Object.keys(counted) as (keyof typeof counted)[])
    .filter((kind) => counts.has(kind))
    .map((kind) => `${counts.get(kind)} ${counted[kind][counts.get(kind) === 1 ? 0 : 1]}`);
  if (parts.length === 0) return `Between ${from} and ${to}: nothing about the entities on the canvas became known.`;
  return `Between ${from} and ${to}: ${parts.join(', ')}.`;
}

/** Entity ids on the canvas (group nodes left out): the question's scope. */
function canvasEntityIds(explorer: Explorer): string[] {
  return explorer.view.cy
    .nodes()
    .map((node) => node.id())
    .filter((id) => !isGroupId(id));
}

function changeItem(change: Change, explorer: Explorer, close: () => void): HTMLElement {
  const mark = marks[change.kind];
  const text = change.description.replace(/^[+~-]\s*/, '');
  const onCanvas = change.relationship && explorer.view.cy.getElementById(change.relationship.id).nonempty();
  return h(
    'li',
    { class: `change ${mark.className}`, testid: 'change', 'data-kind': change.kind },
    h('span', { class: 'change-sign', 'aria-label': mark.words, title: mark.words }, mark.sign),
    h('span', { class: 'change-date' }, change.date ?? 'undated'),
    onCanvas
      ? h(
          'button',
          {
            class: 'link-button change-text',
            title: 'Select this link on the canvas',
            onclick: () => {
              explorer.select({ id: change.relationship!.id, group: 'edges' });
              close();
            },
          },
          text,
        )
      : h('span', { class: 'change-text' }, text),
  );
}

/** A chosen path's band on the two days: "MODERATE → HIGH", then the sentence with the supports. */
function pathBandItem(change: Change): HTMLElement {
  const band = (value: NonNullable<Change['pathBand']>['before'], testid: string) =>
    value ? bandBadge(value, testid) : h('span', { class: 'muted', testid }, 'not known');
  return h(
    'li',
    { class: 'change change-ranking', testid: 'change-path-band', 'data-kind': change.kind },
    h('span', { class: 'change-sign', 'aria-label': marks.PATH_BAND.words, title: marks.PATH_BAND.words }, marks.PATH_BAND.sign),
    h(
      'span',
      { class: 'change-bands' },
      band(change.pathBand?.before ?? null, 'changes-band-before'),
      ' → ',
      band(change.pathBand?.after ?? null, 'changes-band-after'),
    ),
    h('span', { class: 'change-text' }, change.description),
  );
}

/**
 * Opens the dialog; `from` and `to` are its first dates (the time bar's knowledge date and today by default). With
 * `path` (chosen in the path panel), it also says what the changes did to that path's band.
 */
export function openChangesView(explorer: Explorer, dates: { from: string; to: string; path?: ChosenPath }): void {
  const path = dates.path ?? null;
  const modal = openModal('What changed', 'changes-view');
  const from = h('input', { type: 'date', value: dates.from, testid: 'changes-from', 'aria-label': 'Known on (from)' });
  const to = h('input', { type: 'date', value: dates.to, testid: 'changes-to', 'aria-label': 'Known on (to)' });
  const result = h('div', { class: 'changes-result', testid: 'changes-result', 'aria-live': 'polite' });
  let sequence = 0;

  async function compare(): Promise<void> {
    const mine = (sequence += 1);
    if (!from.value || !to.value || from.value >= to.value) {
      result.replaceChildren(h('p', { class: 'error-text' }, 'Choose two knowledge dates, the first before the second.'));
      return;
    }
    const ids = canvasEntityIds(explorer);
    if (ids.length === 0) {
      result.replaceChildren(h('p', { class: 'muted' }, 'The canvas is empty: add entities to ask what changed about them.'));
      return;
    }
    result.replaceChildren(h('p', { class: 'muted loading-text' }, 'Comparing what was known…'));
    try {
      const changes = await fetchChanges(
        from.value,
        to.value,
        ids,
        path ? { relationships: path.relationships, profile: path.profile } : null,
      );
      if (mine !== sequence) return;
      const bands = changes.filter((change) => change.kind === 'PATH_BAND');
      const rankings = changes.filter((change) => change.kind === 'RANKING_CHANGED');
      const others = changes.filter((change) => change.kind !== 'RANKING_CHANGED' && change.kind !== 'PATH_BAND');
      result.replaceChildren(
        h('p', { class: 'changes-headline', testid: 'changes-headline' }, changesHeadline(from.value, to.value, changes)),
        ...(bands.length > 0 ? [h('ul', { class: 'changes-rankings', testid: 'changes-path-band' }, bands.map(pathBandItem))] : []),
        ...(rankings.length > 0
          ? [
              h(
                'ul',
                { class: 'changes-rankings', testid: 'changes-rankings' },
                rankings.map((change) => changeItem(change, explorer, modal.close)),
              ),
            ]
          : []),
        h(
          'ul',
          { class: 'changes-list', testid: 'changes-list' },
          others.map((change) => changeItem(change, explorer, modal.close)),
        ),
        h(
          'div',
          { class: 'evidence-actions' },
          h(
            'button',
            {
              testid: 'changes-show-from',
              onclick: () => {
                explorer.setFilters({ knownAsOf: from.value });
                modal.close();
              },
            },
            `Canvas as known on ${from.value}`,
          ),
          h(
            'button',
            {
              testid: 'changes-show-to',
              onclick: () => {
                explorer.setFilters({ knownAsOf: to.value });
                modal.close();
              },
            },
            `Canvas as known on ${to.value}`,
          ),
        ),
      );
    } catch (error) {
      if (mine === sequence)
        result.replaceChildren(h('p', { class: 'error-text' }, error instanceof Error ? error.message : String(error)));
    }
  }

  const form = h(
    'form',
    {
      class: 'changes-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void compare();
      },
    },
    h('label', {}, 'Known on ', from),
    h('label', {}, ' and on ', to),
    h('button', { type: 'submit', testid: 'changes-compare' }, 'Compare'),
  );
  modal.body.append(
    h(
      'p',
      { class: 'muted small' },
      'What became known between two days about the entities on the canvas (knowledge time: when sources published it, else when it was recorded), and how that moved the competing hypotheses.',
    ),
    ...(path
      ? [
          h(
            'p',
            { class: 'small', testid: 'changes-path' },
            'And what it did to the band of the chosen path: ',
            h('strong', {}, path.label),
            '.',
          ),
        ]
      : []),
    form,
    result,
  );
  void compare();
}
