/**
 * Tabbed sidebar: one panel visible at a time; the caller learns which tab became active. Keyboard as the WAI-ARIA
 * tabs pattern: the tab list is one Tab stop, ArrowLeft/ArrowRight (and Home/End) move between tabs and show them.
 */
import { h } from './dom';

export interface Tab {
  id: string;
  label: string;
  content: HTMLElement;
}

export interface Tabs {
  element: HTMLElement;
  show(id: string): void;
  active(): string;
}

let tabSets = 0;

export function createTabs(tabs: Tab[], onShow: (id: string) => void = () => undefined): Tabs {
  const prefix = `tabs-${(tabSets += 1)}`;
  let current = tabs[0].id;
  const buttons = tabs.map((tab) =>
    h(
      'button',
      {
        role: 'tab',
        class: 'tab',
        testid: `tab-${tab.id}`,
        id: `${prefix}-${tab.id}`,
        'aria-controls': `${prefix}-${tab.id}-panel`,
        onclick: () => show(tab.id),
      },
      tab.label,
    ),
  );
  const panels = tabs.map((tab) =>
    h(
      'div',
      { role: 'tabpanel', class: 'tab-panel', id: `${prefix}-${tab.id}-panel`, 'aria-labelledby': `${prefix}-${tab.id}`, tabindex: '0' },
      tab.content,
    ),
  );
  function show(id: string): void {
    current = id;
    tabs.forEach((tab, i) => {
      const selected = tab.id === id;
      buttons[i].setAttribute('aria-selected', String(selected));
      buttons[i].tabIndex = selected ? 0 : -1;
      panels[i].hidden = !selected;
    });
    onShow(id);
  }
  const list = h('div', { class: 'tab-list', role: 'tablist' }, buttons);
  list.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((tab) => tab.id === current);
    const to =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (to === null) return;
    event.preventDefault();
    show(tabs[to].id);
    buttons[to].focus();
  });
  show(current);
  return {
    element: h('div', { class: 'tabs' }, list, panels),
    show,
    active: () => current,
  };
}
