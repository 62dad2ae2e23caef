/**
 * The time bar, with two clocks. Event time: a histogram of the real-world dates on the canvas (entities' dates,
 * links' start dates), a brush to keep a date range, and an "as of" replay that steps through time so the analyst
 * sees the case unfold: attack, claim, attribution, denial, sanctions. Knowledge time: a histogram of when each
 * element became known (its earliest source's publication, else when it was recorded), a "known by" date that
 * shows only what was known then, with what has no known date listed apart as undated (never silently shown as
 * always known), and "What changed…" between two knowledge dates. The two dates combine: what was true on one
 * day, as it was known on another.
 */
import { binDates, dateAtFraction, fractionOfDate, type TimeBin } from '../state/time-bins';
import type { Explorer } from '../explorer';
import { isGroupId } from '../graph/groups';
import { openChangesView } from './changes-view';
import { debounce, h } from './dom';
import { openModal } from './modal';

type Clock = 'event' | 'knowledge';

const svgNs = 'http://www.w3.org/2000/svg';
const replayStepMs = 700;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  return element;
}

export function createTimeBar(explorer: Explorer): HTMLElement {
  const chart = svg('svg', {
    class: 'timebar-chart',
    'data-testid': 'timebar-histogram',
    role: 'img',
    'aria-label': 'Dated entities and links over time; drag to filter a date range',
  });
  const rangeLabel = h('span', { class: 'timebar-range', testid: 'timebar-range' });
  const asOf = h('input', {
    type: 'date',
    testid: 'timebar-asof',
    'aria-label': 'As of date',
    title: 'Event time: show the case as it stood in the world on this date',
  });
  const knownAsOf = h('input', {
    type: 'date',
    testid: 'timebar-knownasof',
    'aria-label': 'Known by date',
    title: 'Knowledge time: show only what was known (published or recorded) by the end of this day',
  });
  // One date at a time in the bar, the active clock's; the range label names both when both are set.
  const asOfLabel = h('label', { class: 'as-of-label' }, 'As of ', asOf);
  const knownAsOfLabel = h('label', { class: 'as-of-label', hidden: true }, 'Known by ', knownAsOf);
  let clock: Clock = 'event';
  const clockButton = (value: Clock, label: string, title: string) =>
    h(
      'button',
      {
        class: 'clock-button',
        testid: `timebar-clock-${value}`,
        title,
        'aria-pressed': String(value === clock),
        onclick: () => setClock(value),
      },
      label,
    );
  const clockButtons = [
    clockButton('event', 'Event time', 'The histogram shows when things happened in the world'),
    clockButton('knowledge', 'Known by', 'The histogram shows when things became known'),
  ];
  const clockSwitch = h('span', { class: 'clock-switch', role: 'group', 'aria-label': 'Clock' }, clockButtons);
  const undated = h('button', {
    class: 'link-button timebar-undated',
    testid: 'timebar-undated',
    hidden: true,
    title: 'Elements with no known publication or recording date: listed apart, not treated as always known',
    onclick: () => openUndated(),
  });
  const changesButton = h(
    'button',
    {
      class: 'link-button',
      testid: 'timebar-changes',
      title: 'What became known between two knowledge dates, and what it did to the hypotheses',
      onclick: () =>
        openChangesView(explorer, {
          from: explorer.filters.knownAsOf ?? earliestKnown() ?? today(),
          to: today(),
        }),
    },
    'What changed…',
  );
  const play = h(
    'button',
    { class: 'icon-button', testid: 'timebar-play', title: 'Replay the case through time', 'aria-label': 'Replay' },
    '▶',
  );
  const clearButton = h(
    'button',
    {
      class: 'link-button',
      testid: 'timebar-clear',
      onclick: () => explorer.setFilters({ start: null, end: null, asOf: null, knownAsOf: null, includeUndated: false }),
    },
    'Clear',
  );
  let bins: TimeBin[] = [];
  let unit = 'day';
  let timer: ReturnType<typeof setInterval> | undefined;

  asOf.addEventListener('change', () => explorer.setFilters({ asOf: asOf.value || null }));
  knownAsOf.addEventListener('change', () => explorer.setFilters({ knownAsOf: knownAsOf.value || null }));
  play.addEventListener('click', () => (timer ? stop() : start()));

  function setClock(next: Clock): void {
    stop();
    clock = next;
    asOfLabel.hidden = clock !== 'event';
    knownAsOfLabel.hidden = clock !== 'knowledge';
    for (const button of clockButtons) button.setAttribute('aria-pressed', String(button.dataset.testid === `timebar-clock-${next}`));
    chart.setAttribute(
      'aria-label',
      clock === 'event'
        ? 'Dated entities and links over time; drag to filter a date range'
        : 'Entities and links by when they became known; click a bar to show what was known by then',
    );
    draw();
  }

  const today = () => new Date().toISOString().slice(0, 10);

  /** The canvas's entities and links (group nodes left out). */
  function elements() {
    return explorer.view.cy.elements().filter((element) => !isGroupId(element.id()));
  }

  function earliestKnown(): string | null {
    const known = elements()
      .map((element) => element.data('knownSince') as string | null)
      .filter((day): day is string => Boolean(day))
      .sort();
    return known[0] ?? null;
  }

  /** With a knowledge date: the elements on the canvas whose knowledge time is unknown. */
  function undatedElements() {
    return elements().filter((element) => !element.data('knownSince'));
  }

  function openUndated(): void {
    const list = undatedElements();
    const modal = openModal('Undated', 'undated-list');
    const include = h('input', {
      type: 'checkbox',
      testid: 'timebar-include-undated',
      onchange: () => explorer.setFilters({ includeUndated: include.checked }),
    });
    include.checked = explorer.filters.includeUndated;
    modal.body.append(
      h(
        'p',
        { class: 'muted small' },
        'No source of these gives a publication date and none was recorded with a date, so when they became known cannot be said. "Known by" leaves them out unless you include them.',
      ),
      h('label', { class: 'checkbox' }, include, ' Include undated elements'),
      h(
        'ul',
        { class: 'undated-list', testid: 'undated-items' },
        list.map((element) =>
          h(
            'li',
            {},
            element.isNode()
              ? String(element.data('name'))
              : `${String(element.source().data('name'))} ${String(element.data('label')).toLowerCase()} ${String(element.target().data('name'))}`,
          ),
        ),
      ),
    );
  }

  function start(): void {
    if (bins.length === 0) return;
    let i = 0;
    play.textContent = '❚❚';
    const step = () => {
      if (i >= bins.length) return stop();
      explorer.setFilters(clock === 'event' ? { asOf: bins[i].end } : { knownAsOf: bins[i].end });
      i += 1;
    };
    step();
    timer = setInterval(step, replayStepMs);
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
    play.textContent = '▶';
  }

  function dates(): string[] {
    const cy = explorer.view.cy;
    const of =
      clock === 'event'
        ? [...cy.nodes().map((n) => n.data('date') as string | null), ...cy.edges().map((e) => e.data('since') as string | null)]
        : elements().map((element) => element.data('knownSince') as string | null);
    return of.filter((d): d is string => Boolean(d));
  }

  function draw(): void {
    ({ bins, unit } = binDates(dates()));
    const width = chart.clientWidth || 600;
    const height = chart.clientHeight || 56;
    chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
    chart.replaceChildren();
    const f = explorer.filters;
    rangeLabel.textContent = describe();
    const undatedCount = f.knownAsOf ? undatedElements().length : 0;
    undated.hidden = undatedCount === 0;
    undated.textContent = `${undatedCount} undated${f.includeUndated ? ' (shown)' : ''}`;
    if (bins.length === 0) {
      const text = svg('text', { x: width / 2, y: height / 2 + 4, 'text-anchor': 'middle', class: 'timebar-empty' });
      text.textContent = clock === 'event' ? 'No dated entities or links on the canvas' : 'Nothing on the canvas has a known date';
      chart.append(text);
      return;
    }
    const max = Math.max(...bins.map((b) => b.count));
    const barWidth = width / bins.length;
    const x = (date: string) => fractionOfDate(bins, date) * width;
    bins.forEach((bin, i) => {
      const barHeight = bin.count === 0 ? 0 : Math.max(2, ((height - 14) * bin.count) / max);
      const outside =
        clock === 'event'
          ? (f.start && bin.end < f.start) || (f.end && bin.start > f.end) || (f.asOf && bin.start > f.asOf)
          : f.knownAsOf && bin.start > f.knownAsOf;
      const rect = svg('rect', {
        x: i * barWidth + 1,
        y: height - 12 - barHeight,
        width: Math.max(1, barWidth - 2),
        height: barHeight,
        class: outside ? 'bar out' : 'bar',
      });
      const title = svg('title', {});
      title.textContent = `${bin.start === bin.end ? bin.start : `${bin.start} – ${bin.end}`}: ${bin.count}`;
      rect.append(title);
      chart.append(rect);
    });
    for (const [i, bin] of bins.entries()) {
      if (bins.length > 12 && i % Math.ceil(bins.length / 12) !== 0) continue;
      const label = svg('text', { x: i * barWidth + 2, y: height - 1, class: 'tick' });
      label.textContent = unit === 'year' ? bin.start.slice(0, 4) : unit === 'month' ? bin.start.slice(0, 7) : bin.start.slice(5);
      chart.append(label);
    }
    if (clock === 'knowledge') {
      if (f.knownAsOf) chart.append(svg('line', { x1: x(f.knownAsOf), x2: x(f.knownAsOf), y1: 0, y2: height - 12, class: 'known-as-of' }));
      return;
    }
    if (f.start || f.end)
      chart.append(
        svg('rect', {
          x: f.start ? x(f.start) : 0,
          y: 0,
          width: Math.max(2, (f.end ? x(f.end) : width) - (f.start ? x(f.start) : 0)),
          height: height - 12,
          class: 'brush',
        }),
      );
    if (f.asOf) chart.append(svg('line', { x1: x(f.asOf), x2: x(f.asOf), y1: 0, y2: height - 12, class: 'as-of' }));
  }

  function describe(): string {
    const f = explorer.filters;
    const parts = [];
    if (f.start || f.end) parts.push(`${f.start ?? '…'} → ${f.end ?? '…'}`);
    if (f.asOf) parts.push(`as of ${f.asOf}`);
    if (f.knownAsOf) parts.push(`as known on ${f.knownAsOf}`);
    if (parts.length > 0) return parts.join(' · ');
    return clock === 'event' ? 'All dates · drag to filter' : 'Everything known · click a bar to go back in time';
  }

  // Brush: drag across the bars to keep a date range; a click without a drag clears it.
  let dragFrom: number | null = null;
  const fraction = (event: PointerEvent) => {
    const box = chart.getBoundingClientRect();
    return (event.clientX - box.left) / box.width;
  };
  chart.addEventListener('pointerdown', (event) => {
    dragFrom = fraction(event);
    chart.setPointerCapture(event.pointerId);
  });
  chart.addEventListener('pointerup', (event) => {
    if (dragFrom === null) return;
    const [a, b] = [dragFrom, fraction(event)].sort((p, q) => p - q);
    dragFrom = null;
    // Knowledge time has no range: a click shows what was known by the end of that bar.
    if (clock === 'knowledge') {
      if (bins.length > 0)
        explorer.setFilters({ knownAsOf: bins[Math.min(bins.length - 1, Math.max(0, Math.floor(b * bins.length)))].end });
      return;
    }
    if (b - a < 0.01) explorer.setFilters({ start: null, end: null });
    else explorer.setFilters({ start: dateAtFraction(bins, a), end: dateAtFraction(bins, b) });
  });

  const redraw = debounce(draw, 80);
  explorer.view.on('changed', redraw);
  explorer.on('filters', (f) => {
    asOf.value = f.asOf ?? '';
    knownAsOf.value = f.knownAsOf ?? '';
    redraw();
  });
  new ResizeObserver(redraw).observe(chart);

  return h(
    'div',
    { class: 'timebar', testid: 'timebar' },
    h(
      'div',
      { class: 'timebar-controls' },
      h('span', { class: 'timebar-title' }, 'Time'),
      clockSwitch,
      play,
      asOfLabel,
      knownAsOfLabel,
      undated,
      changesButton,
      rangeLabel,
      clearButton,
    ),
    chart,
  );
}
