/**
 * The canvas from the keyboard: Tab into it and a node takes the keyboard focus (the selected one, else the most
 * connected); the arrow keys move to the neighbour lying most in that direction (any node there when no neighbour
 * does); Enter selects the node and opens its evidence; Escape leaves it. Every move is announced in a live region,
 * so a screen reader says where the focus is and what links it has.
 */
import type cytoscape from 'cytoscape';
import { isEntityKind, kindDefinitions } from '../../../shared/vocabulary';
import type { Explorer } from '../explorer';
import { h } from './dom';

const directions: Record<string, { x: number; y: number }> = {
  ArrowRight: { x: 1, y: 0 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/**
 * The node to move to from `from` in `direction`: among the candidates within 60 degrees of it, the one that is
 * nearest once the angle off the direction is counted against it. Pure (positions in, id out), for unit tests.
 */
export function nextInDirection(
  from: { x: number; y: number },
  candidates: readonly { id: string; x: number; y: number }[],
  direction: { x: number; y: number },
): string | null {
  let best: { id: string; cost: number } | null = null;
  for (const candidate of candidates) {
    const dx = candidate.x - from.x;
    const dy = candidate.y - from.y;
    const distance = Math.hypot(dx, dy);
    if (distance === 0) continue;
    const cosine = (dx * direction.x + dy * direction.y) / distance;
    if (cosine < 0.5) continue;
    const cost = distance * (2 - cosine);
    if (!best || cost < best.cost) best = { id: candidate.id, cost };
  }
  return best?.id ?? null;
}

export function mountCanvasKeyboard(container: HTMLElement, explorer: Explorer): void {
  const announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', testid: 'canvas-announcer' });
  const help = h(
    'p',
    { class: 'visually-hidden', id: 'canvas-keyboard-help' },
    'Arrow keys move between linked entities, Enter opens the evidence of the focused one, E expands it, Escape leaves. The list view (T) gives the same as tables.',
  );
  container.after(announcer, help);
  container.setAttribute('role', 'application');
  container.setAttribute('aria-roledescription', 'graph');
  container.setAttribute('aria-describedby', 'canvas-keyboard-help');
  let focused: string | null = null;

  const cy = () => explorer.view.cy;
  const visibleNodes = () => cy().nodes(':visible');

  function describe(node: cytoscape.NodeSingular): string {
    const kind = node.data('kind') as string;
    const kindText = node.hasClass('group') ? 'group' : isEntityKind(kind) ? kindDefinitions[kind].label.toLowerCase() : kind;
    const links = node.connectedEdges(':visible').length;
    const name = (node.data('name') as string | undefined) ?? (node.data('label') as string);
    return `${name}, ${kindText}, ${links} visible link${links === 1 ? '' : 's'}${node.selected() ? ', selected' : ''}.`;
  }

  function focus(id: string | null): void {
    cy().nodes('.keyboard-focus').removeClass('keyboard-focus');
    focused = id;
    explorer.keyboardFocus = id;
    if (!id) return;
    const node = cy().getElementById(id);
    node.addClass('keyboard-focus');
    // Keep the focused node in view.
    const extent = cy().extent();
    const { x, y } = node.position();
    if (x < extent.x1 || x > extent.x2 || y < extent.y1 || y > extent.y2) cy().animate({ center: { eles: node } }, { duration: 200 });
    announcer.textContent = describe(node);
  }

  container.addEventListener('focus', () => {
    if (focused && cy().getElementById(focused).visible()) return focus(focused);
    const selected = cy().nodes(':selected:visible')[0];
    const start = selected ?? visibleNodes().max((node) => node.degree(false)).ele;
    if (start && start.nonempty()) focus(start.id());
    else announcer.textContent = 'The canvas is empty. Search for an entity with the slash key.';
  });
  container.addEventListener('blur', () => cy().nodes('.keyboard-focus').removeClass('keyboard-focus'));

  container.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const direction = directions[event.key];
    if (direction && focused) {
      event.preventDefault();
      const node = cy().getElementById(focused);
      const here = node.position();
      const around = (nodes: cytoscape.NodeCollection) => nodes.map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y') }));
      const next =
        nextInDirection(here, around(node.neighborhood('node:visible')), direction) ??
        nextInDirection(here, around(visibleNodes().not(node)), direction);
      if (next) focus(next);
      else announcer.textContent = `Nothing further that way. ${describe(node)}`;
      return;
    }
    if (event.key === 'Enter' && focused) {
      event.preventDefault();
      explorer.select({ id: focused, group: 'nodes' }, false);
      explorer.view.select(focused);
      announcer.textContent = `${describe(cy().getElementById(focused))} Its evidence is in the right panel.`;
      return;
    }
    if (event.key === 'Escape') {
      focus(null);
      container.blur();
    }
  });
}
