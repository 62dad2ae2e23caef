/**
 * Analysis of Competing Hypotheses for one incident: the matrix the server proposes (hypotheses from the graph
 * and the analysts'), evidence most diagnostic first, each cell coloured by its rating with the rule that
 * proposed it, the leading hypothesis and the sensitivity result in words. Hypotheses sit in rows by default
 * (reading across a hypothesis works against confirmation bias); a toggle puts them in columns.
 */
import { fetchHypothesisMatrix, type HypothesisMatrix } from '../api/queries';
import type { Consistency } from '../gql/graphql';
import { h } from './dom';
import { section, sourceList } from './evidence-parts';

/** Heuer's ratings, in the order the legend reads them. */
const ratings: [Consistency, string][] = [
  ['CC', 'very consistent'],
  ['C', 'consistent'],
  ['N', 'neutral'],
  ['I', 'inconsistent'],
  ['II', 'very inconsistent'],
  ['NA', 'not applicable'],
];
const ratingWords = new Map(ratings);

type Evidence = HypothesisMatrix['evidence'][number];

export interface AchPanel {
  element: HTMLElement;
  open(incident: { id: string; name: string }): Promise<void>;
  /** Builds the open matrix again, e.g. for another knowledge date. */
  refresh(): Promise<void>;
  /** Before any matrix is open: offers the incidents on the canvas, one click each (the tab's empty state). */
  offer(incidents: { id: string; name: string }[]): void;
}

/** How many incidents the empty state lists; more are reached through the canvas or search. */
const offeredIncidents = 12;

/** The time bar's knowledge clock: the matrix is built from what was known by then. */
export type KnowledgeClock = () => { knownAsOf: string | null; includeUndated: boolean };

/** The server's export of this matrix (GET /export, format HYPOTHESES_CSV), as known on the matrix's day. */
function csvHref(incident: string, knownAsOf: string | null): string {
  const params = new URLSearchParams({ ids: incident, format: 'HYPOTHESES_CSV' });
  if (knownAsOf) params.set('knownAsOf', knownAsOf);
  return `/export?${params.toString()}`;
}

export function createAchPanel(clock: KnowledgeClock = () => ({ knownAsOf: null, includeUndated: false })): AchPanel {
  const element = h('div', { class: 'ach', testid: 'ach-panel', 'aria-live': 'polite' });
  let hypothesesInRows = true;
  let current: { incident: { id: string; name: string }; matrix: HypothesisMatrix } | null = null;
  let sequence = 0;
  const howTo = 'Select an incident and choose “Analyse hypotheses” in its evidence.';
  element.replaceChildren(h('p', { class: 'panel-empty muted' }, howTo));

  function render(selected: Evidence | null = null): void {
    if (!current) return;
    const { incident, matrix } = current;
    const evidence = [...matrix.evidence].sort((a, b) => b.diagnosticity - a.diagnosticity);
    const hypotheses = [...matrix.hypotheses].sort((a, b) => a.rank - b.rank);
    const cells = new Map(matrix.cells.map((cell) => [`${cell.hypothesis} ${cell.evidence}`, cell]));
    const evidenceButton = (item: Evidence) =>
      h(
        'button',
        {
          class: `ach-evidence${selected?.id === item.id ? ' selected' : ''}`,
          testid: 'ach-evidence',
          title: `Diagnosticity ${item.diagnosticity.toFixed(2)} · weight ${item.weight.toFixed(2)} — show its sources`,
          onclick: () => render(item),
        },
        item.label,
      );
    const cell = (hypothesisId: string, evidenceId: string) => {
      const found = cells.get(`${hypothesisId} ${evidenceId}`);
      const rating = found?.rating ?? 'NA';
      const why = [
        `${rating}: ${ratingWords.get(rating)}`,
        found?.rule ?? null,
        found?.overriddenBy ? `Rated by ${found.overriddenBy} (proposed ${found.proposed}): ${found.reason ?? ''}` : null,
      ].filter(Boolean);
      return h('td', { class: `ach-cell rating-${rating}`, testid: 'ach-cell', title: why.join('\n') }, rating);
    };
    const hypothesisHeader = (hypothesis: HypothesisMatrix['hypotheses'][number]) =>
      h(
        'th',
        {
          scope: hypothesesInRows ? 'row' : 'col',
          class: hypothesis.id === matrix.leading?.id ? 'ach-leading' : '',
          testid: 'ach-hypothesis',
        },
        `${hypothesis.rank}. ${hypothesis.label}`,
        h('span', { class: 'muted small' }, ` (inconsistency ${hypothesis.inconsistency.toFixed(2)})`),
      );
    const table = hypothesesInRows
      ? h(
          'table',
          { class: 'ach-matrix', testid: 'ach-matrix' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Hypothesis'),
              evidence.map((item) => h('th', { scope: 'col' }, evidenceButton(item))),
            ),
          ),
          h(
            'tbody',
            {},
            hypotheses.map((hypothesis) =>
              h(
                'tr',
                {},
                hypothesisHeader(hypothesis),
                evidence.map((item) => cell(hypothesis.id, item.id)),
              ),
            ),
          ),
        )
      : h(
          'table',
          { class: 'ach-matrix', testid: 'ach-matrix' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Evidence'), hypotheses.map(hypothesisHeader))),
          h(
            'tbody',
            {},
            evidence.map((item) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, evidenceButton(item)),
                hypotheses.map((hypothesis) => cell(hypothesis.id, item.id)),
              ),
            ),
          ),
        );
    const children: (HTMLElement | null)[] = [
      h(
        'header',
        { class: 'evidence-header' },
        h(
          'div',
          { class: 'evidence-kind', testid: 'ach-clock' },
          matrix.knownAsOf ? `Competing hypotheses · as known on ${matrix.knownAsOf}` : 'Competing hypotheses',
        ),
        h('h2', {}, incident.name),
      ),
      h('p', { class: 'description', testid: 'ach-summary' }, matrix.summary),
      matrix.sensitivity.length > 0
        ? section(
            'Sensitivity',
            h(
              'ul',
              { class: 'statements', testid: 'ach-sensitivity' },
              matrix.sensitivity.map((finding) => h('li', {}, finding.statement)),
            ),
          )
        : null,
      h(
        'div',
        { class: 'evidence-actions' },
        h(
          'button',
          {
            testid: 'ach-orientation',
            'aria-pressed': String(!hypothesesInRows),
            onclick: () => {
              hypothesesInRows = !hypothesesInRows;
              render(selected);
            },
          },
          hypothesesInRows ? 'Hypotheses as columns' : 'Hypotheses as rows',
        ),
        h(
          'a',
          {
            class: 'button-link',
            testid: 'ach-export-csv',
            href: csvHref(incident.id, matrix.knownAsOf),
            download: `hypotheses-${incident.id}.csv`,
            title: 'The matrix as a CSV file: evidence rows, hypothesis columns, a last row of weighted inconsistency',
          },
          'Download CSV',
        ),
      ),
      h(
        'ul',
        { class: 'ach-legend', testid: 'ach-legend' },
        ratings.map(([rating, words]) => h('li', {}, h('span', { class: `ach-cell rating-${rating}` }, rating), ` ${words}`)),
      ),
      h(
        'p',
        { class: 'muted small' },
        'Evidence most diagnostic first; hover a cell for the rule that proposed it. Heuer ranks by least inconsistency.',
      ),
      h('div', { class: 'ach-scroll' }, table),
      selected
        ? section(
            `Sources of “${selected.label}” (${selected.sources.length})`,
            h('div', { testid: 'ach-sources' }, sourceList(selected.sources)),
          )
        : null,
    ];
    element.replaceChildren(...children.filter((child): child is HTMLElement => child !== null));
    // The sources appear under the matrix: bring them into view, the analyst asked to read them.
    if (selected) element.querySelector('[data-testid=ach-sources]')?.scrollIntoView({ block: 'nearest' });
  }

  let shown: { id: string; name: string } | null = null;
  const panel: AchPanel = {
    element,
    refresh: () => (shown ? panel.open(shown) : Promise.resolve()),
    offer(incidents) {
      if (shown) return;
      if (incidents.length === 0) {
        element.replaceChildren(
          h('p', { class: 'panel-empty muted' }, `${howTo} No incident is on the canvas: search for one, or expand an actor or a victim.`),
        );
        return;
      }
      const sorted = [...incidents].sort((a, b) => a.name.localeCompare(b.name));
      const offers = sorted
        .slice(0, offeredIncidents)
        .map((incident) =>
          h('li', {}, h('button', { class: 'entity-link', testid: 'ach-offer', onclick: () => void panel.open(incident) }, incident.name)),
        );
      const more = sorted.length - offers.length;
      element.replaceChildren(
        h('p', { class: 'muted' }, 'Who is responsible? Weigh every candidate against the evidence for an incident on the canvas:'),
        h('ul', { class: 'ach-offers', testid: 'ach-offers' }, ...offers),
        ...(more > 0 ? [h('p', { class: 'muted' }, `${more} more on the canvas. ${howTo}`)] : []),
      );
    },
    async open(incident) {
      const mine = (sequence += 1);
      shown = incident;
      element.replaceChildren(h('p', { class: 'muted loading-text' }, 'Weighing the evidence…'));
      try {
        const { knownAsOf, includeUndated } = clock();
        const matrix = await fetchHypothesisMatrix(incident.id, { knownAsOf, includeUndated });
        if (mine !== sequence) return;
        current = { incident, matrix };
        if (matrix.hypotheses.length === 0) {
          const when = knownAsOf ? ` as known on ${knownAsOf}` : '';
          element.replaceChildren(
            h('p', { class: 'muted', testid: 'ach-empty' }, `No candidate responsible party for ${incident.name} is in the graph${when}.`),
          );
          return;
        }
        render();
      } catch (error) {
        if (mine === sequence)
          element.replaceChildren(h('p', { class: 'error-text' }, error instanceof Error ? error.message : String(error)));
      }
    },
  };
  return panel;
}
