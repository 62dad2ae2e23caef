/**
 * The time bar: a histogram of the real-world dates on the canvas (entities' dates, links' start
 * dates), a brush to keep a date range, and an "as of" replay that steps through time so the
 * analyst sees the case unfold: attack, claim, attribution, denial, sanctions.
 */
import { binDates, dateAtFraction, fractionOfDate, type TimeBin } from '../state/time-bins';
import type { Explorer } from '../explorer';
import { debounce, h } from './dom';

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
    title: 'Show the case as it stood on this date',
  });
  const play = h(
    'button',
    { class: 'icon-button', testid: 'timebar-play', title: 'Replay the case through time', 'aria-label': 'Replay' },
    '▶',
  );
  const clearButton = h(
    'button',
    { class: 'link-button', testid: 'timebar-clear', onclick: () => explorer.setFilters({ start: null, end: null, asOf: null }) },
    'Clear',
  );
  let bins: TimeBin[] = [];
  let unit = 'day';
  let timer: ReturnType<typeof setInterval> | undefined;

  asOf.addEventListener('change', () => explorer.setFilters({ asOf: asOf.value || null }));
  play.addEventListener('click', () => (timer ? stop() : start()));

  function start(): void {
    if (bins.length === 0) return;
    let i = 0;
    play.textContent = '❚❚';
    const step = () => {
      if (i >= bins.length) return stop();
      explorer.setFilters({ asOf: bins[i].end });
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
    return [...cy.nodes().map((n) => n.data('date') as string | null), ...cy.edges().map((e) => e.data('since') as string | null)].filter(
      (d): d is string => Boolean(d),
    );
  }

  function draw(): void {
    ({ bins, unit } = binDates(dates()));
    const width = chart.clientWidth || 600;
    const height = chart.clientHeight || 56;
    chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
    chart.replaceChildren();
    const f = explorer.filters;
    rangeLabel.textContent = describe();
    if (bins.length === 0) {
      const text = svg('text', { x: width / 2, y: height / 2 + 4, 'text-anchor': 'middle', class: 'timebar-empty' });
      text.textContent = 'No dated entities or links on the canvas';
      chart.append(text);
      return;
    }
    const max = Math.max(...bins.map((b) => b.count));
    const barWidth = width / bins.length;
    const x = (date: string) => fractionOfDate(bins, date) * width;
    bins.forEach((bin, i) => {
      const barHeight = bin.count === 0 ? 0 : Math.max(2, ((height - 14) * bin.count) / max);
      const outside = (f.start && bin.end < f.start) || (f.end && bin.start > f.end) || (f.asOf && bin.start > f.asOf);
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
    return parts.length > 0 ? parts.join(' · ') : 'All dates · drag to filter';
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
    if (b - a < 0.01) explorer.setFilters({ start: null, end: null });
    else explorer.setFilters({ start: dateAtFraction(bins, a), end: dateAtFraction(bins, b) });
  });

  const redraw = debounce(draw, 80);
  explorer.view.on('changed', redraw);
  explorer.on('filters', (f) => {
    asOf.value = f.asOf ?? '';
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
      play,
      h('label', { class: 'as-of-label' }, 'As of ', asOf),
      rangeLabel,
      clearButton,
    ),
    chart,
  );
}
