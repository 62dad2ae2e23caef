/** The right-click menu on nodes, links and the background; each entry names its shortcut. */
import { h } from './dom';

export interface MenuItem {
  label: string;
  shortcut?: string;
  testid: string;
  run: () => void;
  danger?: boolean;
}

export interface ContextMenu {
  open(at: { x: number; y: number }, items: MenuItem[]): void;
  close(): void;
}

export function mountContextMenu(host: HTMLElement): ContextMenu {
  const menu = h('ul', { class: 'context-menu', role: 'menu', testid: 'context-menu', hidden: true });
  host.append(menu);
  const close = () => {
    menu.hidden = true;
  };
  document.addEventListener('mousedown', (event) => {
    if (!menu.contains(event.target as Node)) close();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  return {
    close,
    open(at, items) {
      menu.replaceChildren(
        ...items.map((item) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                role: 'menuitem',
                class: item.danger ? 'danger' : '',
                testid: item.testid,
                onclick: () => {
                  close();
                  item.run();
                },
              },
              h('span', {}, item.label),
              item.shortcut ? h('kbd', {}, item.shortcut) : null,
            ),
          ),
        ),
      );
      menu.hidden = false;
      // Keep the menu inside the canvas even when opened near an edge.
      const x = Math.min(at.x, host.clientWidth - menu.offsetWidth - 8);
      const y = Math.min(at.y, host.clientHeight - menu.offsetHeight - 8);
      menu.style.left = `${Math.max(4, x)}px`;
      menu.style.top = `${Math.max(4, y)}px`;
      menu.querySelector('button')?.focus();
    },
  };
}
