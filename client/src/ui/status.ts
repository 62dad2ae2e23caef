/**
 * Feedback that is not a panel: the loading indicator (shown only for requests slower than a
 * blink, so fast answers do not flicker), toasts for errors and confirmations, and the canvas's
 * empty state.
 */
import { ApiError, onActivity } from '../api/client';
import type { GraphView } from '../graph/view';
import { h } from './dom';

const loadingDelayMs = 150;

/** A thin bar over the canvas while requests are in flight or the canvas is drawing (a large draw, a layout). */
export function mountLoadingIndicator(host: HTMLElement, view: GraphView): void {
  const bar = h('div', { class: 'loading-bar', testid: 'loading', role: 'progressbar', 'aria-label': 'Loading', hidden: true });
  host.append(bar);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let requests = 0;
  let drawing = false;
  const update = () => {
    clearTimeout(timer);
    if (requests > 0 || drawing) timer = setTimeout(() => (bar.hidden = false), loadingDelayMs);
    else bar.hidden = true;
  };
  onActivity((inFlight) => {
    requests = inFlight;
    update();
  });
  view.on('busy', (busy) => {
    drawing = busy;
    update();
  });
}

let toastHost: HTMLElement | null = null;

export function mountToasts(host: HTMLElement): void {
  toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
  host.append(toastHost);
}

export function toast(message: string, kind: 'info' | 'error' = 'info', ms = kind === 'error' ? 8000 : 3500): void {
  if (!toastHost) return;
  const close = h('button', { class: 'toast-close', 'aria-label': 'Dismiss', onclick: () => item.remove() }, '×');
  const item = h(
    'div',
    { class: `toast toast-${kind}`, testid: kind === 'error' ? 'error-toast' : 'toast' },
    h('span', {}, message),
    close,
  );
  toastHost.append(item);
  setTimeout(() => item.remove(), ms);
}

/** Shows an error from any layer; server errors keep their own message and code. */
export function reportError(error: unknown, context?: string): void {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError && !['NETWORK_ERROR', 'HTTP_ERROR'].includes(error.code) ? ` (${error.code})` : '';
  toast(`${context ? `${context}: ` : ''}${message}${code}`, 'error');
  console.error(context ?? 'Error', error);
}

export interface EmptyState {
  show(title: string, body: (string | Node)[]): void;
  hide(): void;
}

export function mountEmptyState(host: HTMLElement): EmptyState {
  const panel = h('div', { class: 'empty-state', testid: 'empty-state', hidden: true });
  host.append(panel);
  return {
    show(title, body) {
      panel.replaceChildren(h('h2', {}, title), ...body.map((part) => (typeof part === 'string' ? h('p', {}, part) : part)));
      panel.hidden = false;
    },
    hide() {
      panel.hidden = true;
    },
  };
}
