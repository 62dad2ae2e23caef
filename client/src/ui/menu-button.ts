/**
 * A toolbar button that opens a short dropdown list, rebuilt on each open (its items can change, and may come
 * from the server). Keyboard: Enter, Space or ArrowDown opens it on the first item; ArrowUp/ArrowDown, Home and
 * End move between items; Escape or Tab closes it, and Escape gives focus back to the button.
 */
import { h } from './dom';

export interface MenuEntry {
  label: string | HTMLElement;
  testid: string;
  run: () => void;
  trailing?: HTMLElement;
}

export function menuButton(label: string, testid: string, title: string, entries: () => MenuEntry[] | Promise<MenuEntry[]>): HTMLElement {
  const listId = `${testid}-list`;
  const list = h('ul', { class: 'dropdown', role: 'menu', hidden: true, testid: listId, id: listId, 'aria-label': label });
  const button = h(
    'button',
    {
      class: 'tool',
      testid,
      title,
      'aria-haspopup': 'menu',
      'aria-expanded': 'false',
      'aria-controls': listId,
      onclick: () => void (list.hidden ? open() : close()),
    },
    label,
    h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'),
  );
  const wrapper = h('div', { class: 'menu-wrapper' }, button, list);
  const items = () => [...list.querySelectorAll<HTMLButtonElement>('[role=menuitem]')];

  function close(returnFocus = false): void {
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (returnFocus) button.focus();
  }

  async function open(focus: 'first' | 'last' | null = null): Promise<void> {
    list.replaceChildren(h('li', { class: 'dropdown-note', role: 'none' }, 'Loading…'));
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    let chosen: MenuEntry[];
    try {
      chosen = await entries();
    } catch (error) {
      list.replaceChildren(
        h('li', { class: 'dropdown-note error-text', role: 'none' }, error instanceof Error ? error.message : String(error)),
      );
      return;
    }
    if (list.hidden) return;
    list.replaceChildren(
      ...chosen.map((entry) =>
        h(
          'li',
          { role: 'none' },
          h(
            'button',
            {
              role: 'menuitem',
              tabindex: '-1',
              testid: entry.testid,
              onclick: () => {
                close(true);
                entry.run();
              },
            },
            entry.label,
          ),
          entry.trailing ?? null,
        ),
      ),
    );
    const all = items();
    if (focus) (focus === 'first' ? all[0] : all.at(-1))?.focus();
  }

  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void open(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  });
  // Enter and Space on the button click it; open with focus on the first item then.
  button.addEventListener('keyup', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && !list.hidden) items()[0]?.focus();
  });
  list.addEventListener('keydown', (event) => {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(all.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close();
  });
  document.addEventListener('mousedown', (event) => {
    if (!wrapper.contains(event.target as Node)) close();
  });
  return wrapper;
}
