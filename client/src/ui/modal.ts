/** A modal dialog with focus handling: Escape or the backdrop closes it, focus returns afterwards. */
import { h } from './dom';

export interface Modal {
  body: HTMLElement;
  close(): void;
}

export function openModal(title: string, testid: string, onClose?: () => void): Modal {
  const previous = document.activeElement as HTMLElement | null;
  const body = h('div', { class: 'modal-body' });
  const closeButton = h('button', { class: 'icon-button', 'aria-label': 'Close', onclick: () => close() }, '×');
  const dialog = h(
    'div',
    { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': title, testid },
    h('header', { class: 'modal-header' }, h('h2', {}, title), closeButton),
    body,
  );
  const backdrop = h('div', { class: 'modal-backdrop', onmousedown: (e: Event) => e.target === backdrop && close() }, dialog);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  backdrop.addEventListener('keydown', onKey);
  document.body.append(backdrop);
  function close(): void {
    backdrop.remove();
    previous?.focus?.();
    onClose?.();
  }
  queueMicrotask(() => (dialog.querySelector<HTMLElement>('input, button:not(.icon-button)') ?? closeButton).focus());
  return { body, close };
}
