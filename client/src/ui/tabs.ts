/** Tabbed sidebar: one panel visible at a time; the caller learns which tab became active. */
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

export function createTabs(tabs: Tab[], onShow: (id: string) => void = () => undefined): Tabs {
  let current = tabs[0].id;
  const buttons = tabs.map((tab) =>
    h('button', { role: 'tab', class: 'tab', testid: `tab-${tab.id}`, onclick: () => show(tab.id) }, tab.label),
  );
  const panels = tabs.map((tab) => h('div', { role: 'tabpanel', class: 'tab-panel', 'aria-label': tab.label }, tab.content));
  function show(id: string): void {
    current = id;
    tabs.forEach((tab, i) => {
      buttons[i].setAttribute('aria-selected', String(tab.id === id));
      panels[i].hidden = tab.id !== id;
    });
    onShow(id);
  }
  show(current);
  return {
    element: h('div', { class: 'tabs' }, h('div', { class: 'tab-list', role: 'tablist' }, buttons), panels),
    show,
    active: () => current,
  };
}
