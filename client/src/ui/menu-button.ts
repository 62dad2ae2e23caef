/** A toolbar button that opens a short dropdown list, rebuilt on each open (its items can change). */
import { h } from './dom';

export interface MenuEntry {
  label: string | HTMLElement;
  testid: string;
  run: () => void;
  trailing?: HTMLElement;
}

export function menuButton(label: string, testid: string, title: string, entries: () => MenuEntry[]): HTMLElement {
  const list = h('ul', { class: 'dropdown', role: 'menu', hidden: true, testid: `${testid}-list` });
  const button = h(
    'button',
    { class: 'tool', testid, title, 'aria-haspopup': 'menu', onclick: () => toggle() },
    label,
    h('span', { class: 'caret' }, '▾'),
  );
  const wrapper = h('div', { class: 'menu-wrapper' }, button, list);
  function toggle(): void {
    if (!list.hidden) {
      list.hidden = true;
      return;
    }
    list.replaceChildren(
      ...entries().map((entry) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              role: 'menuitem',
              testid: entry.testid,
              onclick: () => {
                list.hidden = true;
                entry.run();
              },
            },
            entry.label,
          ),
          entry.trailing ?? null,
        ),
      ),
    );
    list.hidden = false;
  }
  document.addEventListener('mousedown', (event) => {
    if (!wrapper.contains(event.target as Node)) list.hidden = true;
  });
  return wrapper;
}
