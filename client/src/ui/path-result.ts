/**
 * One ranked path as the path panel lists it: its confidence band in words (never a percentage), the sentence
 * it reads as, its meta-path, each step "A → B" in reading order with its badges, the sources it rests on with a
 * one-click what-if per source and per origin, and the similar paths folded under it.
 */
import type { RankedPath } from '../api/queries';
import { confidenceBandDefinitions, reliabilityDefinitions } from '../../../shared/vocabulary';
import { h } from './dom';

type PathLike = Omit<RankedPath, 'variants' | 'variantPaths'>;
type Step = PathLike['steps'][number];
type SourceWeight = NonNullable<PathLike['criticalSource']>;

export interface WhatIf {
  isExcluded(kind: 'source' | 'origin', value: string): boolean;
  exclude(kind: 'source' | 'origin', value: string, label: string): void;
}

export interface PathResultActions {
  show(path: PathLike, item: HTMLElement): void;
  whatIf: WhatIf;
  /** Opens "What changed" for this path: what changes of knowledge did to its band. */
  whatChanged(path: PathLike): void;
}

/**
 * The first day the whole path was known: each step is known from its earliest known link, the path from its last
 * step to become known; null when a step has no dated link.
 */
export function pathKnownSince(path: Pick<PathLike, 'steps' | 'relationships'>): string | null {
  const knownSince = new Map(path.relationships.map((link) => [link.id, link.knownSince ?? null]));
  let latest = '';
  for (const step of path.steps) {
    const days = step.relationships.map((link) => knownSince.get(link.id)).filter((day): day is string => Boolean(day));
    if (days.length === 0) return null;
    const first = days.sort()[0];
    if (first > latest) latest = first;
  }
  return latest || null;
}

export function bandBadge(band: PathLike['band'], testid = 'path-band'): HTMLElement {
  const definition = confidenceBandDefinitions[band];
  return h('span', { class: `band band-${band}`, title: definition.meaning, testid }, definition.label);
}

/** Support as a short bar, with words in the tooltip: it weighs evidence, it is not a probability. */
function supportBar(support: number): HTMLElement {
  const bar = h(
    'span',
    {
      class: 'support-bar',
      title: 'Evidence support of this step (independent sources, their grades and stated confidence); not a probability',
    },
    h('span', { class: 'support-fill' }),
  );
  (bar.firstElementChild as HTMLElement).style.width = `${Math.round(Math.max(0, Math.min(1, support)) * 100)}%`;
  return bar;
}

function stepBadges(step: Step): HTMLElement[] {
  const badges: HTMLElement[] = [];
  const groups = step.evidenceGroups;
  badges.push(
    step.singleSource
      ? h(
          'span',
          { class: 'badge badge-warning', testid: 'step-single-source', title: 'One evidence group alone: no independent corroboration' },
          'single source',
        )
      : h(
          'span',
          { class: 'badge', testid: 'step-sources', title: 'Independent evidence groups (origins not derived from one another)' },
          `${groups} independent sources`,
        ),
  );
  if (step.contested)
    badges.push(
      h('span', { class: 'badge badge-danger', testid: 'step-contested', title: 'A denial disputes a link of this step' }, 'contested'),
    );
  if (step.claimed)
    badges.push(
      h('span', { class: 'badge badge-claimed', testid: 'step-claimed', title: 'Rests only on an interested party’s word' }, 'claimed'),
    );
  return badges;
}

function stepItem(step: Step): HTMLElement {
  return h(
    'li',
    { class: 'path-step', testid: 'path-step' },
    h(
      'div',
      { class: 'step-ends' },
      h('span', { class: 'chain-node' }, step.from.name),
      h('span', { class: 'step-arrow' }, ' → '),
      h('span', { class: 'chain-node' }, step.to.name),
    ),
    h('div', { class: 'step-reading small' }, step.reading),
    h('div', { class: 'step-badges' }, supportBar(step.support), ...stepBadges(step)),
  );
}

/** Every source the path cites, once, with what-if buttons for it and its origin. */
function sourcesWithWhatIf(path: PathLike, whatIf: WhatIf): HTMLElement {
  const sources = new Map<string, SourceWeight>();
  for (const step of path.steps) for (const link of step.relationships) for (const source of link.sources) sources.set(source.id, source);
  const button = (kind: 'source' | 'origin', value: string, label: string, text: string, testid: string) =>
    h(
      'button',
      {
        class: 'link-button',
        testid,
        disabled: whatIf.isExcluded(kind, value),
        title: kind === 'source' ? 'Re-rank without this source' : 'Re-rank without every source of this origin',
        onclick: ((event: Event) => {
          event.stopPropagation();
          whatIf.exclude(kind, value, label);
        }) as EventListener,
      },
      text,
    );
  return h(
    'details',
    { class: 'path-sources', testid: 'path-sources', onclick: ((event: Event) => event.stopPropagation()) as EventListener },
    h('summary', {}, `Sources (${sources.size}) and what-if`),
    h(
      'ul',
      {},
      [...sources.values()].map((source) =>
        h(
          'li',
          { class: 'path-source', testid: 'path-source' },
          h('div', { class: 'source-title small' }, source.title),
          h(
            'div',
            { class: 'source-meta' },
            h(
              'span',
              { class: `grade grade-${source.reliability}`, title: reliabilityDefinitions[source.reliability].label },
              source.reliability,
            ),
            ` ${source.origin}`,
          ),
          h(
            'div',
            { class: 'what-if-buttons' },
            button('source', source.id, source.title, 'Without this source', 'path-without-source'),
            button('origin', source.origin, source.origin, `Without ${source.origin}`, 'path-without-origin'),
          ),
        ),
      ),
    ),
  );
}

function criticalLine(path: PathLike, whatIf: WhatIf): HTMLElement | null {
  const critical = path.criticalSource;
  if (!critical) return null;
  return h(
    'div',
    { class: 'critical small', testid: 'path-critical' },
    'Leans most on ',
    h('strong', {}, critical.title),
    ` (${critical.origin}, grade ${critical.reliability}) `,
    h(
      'button',
      {
        class: 'link-button',
        testid: 'path-critical-without',
        disabled: whatIf.isExcluded('source', critical.id),
        onclick: ((event: Event) => {
          event.stopPropagation();
          whatIf.exclude('source', critical.id, critical.title);
        }) as EventListener,
      },
      'try without it',
    ),
  );
}

function head(rank: string, path: PathLike, variants: number): HTMLElement {
  return h(
    'div',
    { class: 'path-head' },
    h('span', { class: 'rank' }, rank),
    bandBadge(path.band),
    h('span', { class: 'muted' }, `${path.hops} step${path.hops === 1 ? '' : 's'}`),
    variants > 0 ? h('span', { class: 'muted', testid: 'path-variant-count' }, `+${variants} similar`) : null,
  );
}

/** A path of the results list; selecting it (click or Enter) draws and highlights it. */
export function pathResult(path: RankedPath, rank: number, actions: PathResultActions): HTMLElement {
  const select = (target: PathLike, element: HTMLElement) => actions.show(target, element);
  const item: HTMLElement = h(
    'li',
    {
      class: 'path-result',
      testid: 'path-result',
      tabindex: 0,
      onclick: () => select(path, item),
      onkeydown: ((event: KeyboardEvent) => event.key === 'Enter' && event.target === item && select(path, item)) as EventListener,
    },
    head(`#${rank}`, path, path.variants),
    h('p', { class: 'path-reading', testid: 'path-reading' }, path.reading),
    h('div', { class: 'path-metapath small muted', testid: 'path-metapath' }, path.metaPath),
    h('ol', { class: 'path-steps' }, path.steps.map(stepItem)),
    criticalLine(path, actions.whatIf),
    h(
      'div',
      { class: 'path-actions small' },
      h(
        'button',
        {
          class: 'link-button',
          testid: 'path-what-changed',
          title: 'What changes of knowledge between two days did to this path’s band',
          onclick: ((event: Event) => {
            event.stopPropagation();
            actions.whatChanged(path);
          }) as EventListener,
        },
        'What changed…',
      ),
    ),
    sourcesWithWhatIf(path, actions.whatIf),
    path.variants > 0 ? variantList(path, actions) : null,
  );
  return item;
}

/** The similar paths folded under this one: each can be drawn on its own. */
function variantList(path: RankedPath, actions: PathResultActions): HTMLElement {
  const shown = path.variantPaths;
  return h(
    'details',
    { class: 'path-variants', testid: 'path-variants', onclick: ((event: Event) => event.stopPropagation()) as EventListener },
    h('summary', {}, `${path.variants} similar path${path.variants === 1 ? '' : 's'} folded in`),
    h(
      'ol',
      {},
      shown.map((variant) => {
        const element: HTMLElement = h(
          'li',
          {
            class: 'path-variant',
            testid: 'path-variant',
            tabindex: 0,
            onclick: ((event: Event) => {
              event.stopPropagation();
              actions.show(variant, element);
            }) as EventListener,
            onkeydown: ((event: KeyboardEvent) => event.key === 'Enter' && actions.show(variant, element)) as EventListener,
          },
          bandBadge(variant.band, 'path-variant-band'),
          ' ',
          variant.reading,
        );
        return element;
      }),
      path.variants > shown.length ? h('li', { class: 'muted' }, `and ${path.variants - shown.length} more`) : null,
    ),
  );
}
