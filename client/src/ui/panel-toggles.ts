/**
 * Collapsible side panels: the canvas takes the room of a panel the analyst closes. Each panel has a handle on
 * the canvas's edge (and a shortcut, [ and ]); a closed panel is inert, so Tab does not wander into it. The
 * choice is remembered in this browser.
 */
import { h } from './dom';

type Side = 'left' | 'right';

export interface PanelToggles {
  toggle(side: Side): void;
  open(side: Side): void;
}

const storageKey = 'attribution-explorer.collapsed-panels';
const names: Record<Side, string> = { left: 'filters and paths panel', right: 'evidence and console panel' };

export function mountPanelToggles(app: HTMLElement, stage: HTMLElement, storage: Pick<Storage, 'getItem' | 'setItem'>): PanelToggles {
  const collapsed = new Set<Side>(
    (storage.getItem(storageKey) ?? '').split(',').filter((side): side is Side => side === 'left' || side === 'right'),
  );
  const handles = {} as Record<Side, HTMLButtonElement>;
  const apply = () => {
    for (const side of ['left', 'right'] as const) {
      const closed = collapsed.has(side);
      app.classList.toggle(`${side}-collapsed`, closed);
      const panel = document.getElementById(side);
      if (panel) panel.inert = closed;
      handles[side].setAttribute('aria-expanded', String(!closed));
      handles[side].setAttribute('aria-label', `${closed ? 'Show' : 'Hide'} the ${names[side]}`);
      handles[side].title = `${closed ? 'Show' : 'Hide'} the ${names[side]} (${side === 'left' ? '[' : ']'})`;
      handles[side].textContent = (side === 'left') === closed ? '›' : '‹';
    }
    storage.setItem(storageKey, [...collapsed].join(','));
    // The canvas changed size: Cytoscape learns it from its ResizeObserver.
  };
  const toggle = (side: Side) => {
    if (collapsed.has(side)) collapsed.delete(side);
    else collapsed.add(side);
    apply();
  };
  for (const side of ['left', 'right'] as const) {
    handles[side] = h('button', {
      class: `panel-handle panel-handle-${side}`,
      testid: `panel-toggle-${side}`,
      'aria-controls': side,
      onclick: () => toggle(side),
    });
    stage.append(handles[side]);
  }
  apply();
  return {
    toggle,
    open(side) {
      if (!collapsed.has(side)) return;
      collapsed.delete(side);
      apply();
    },
  };
}
