/**
 * Hover cards: resting the pointer on a node or a link shows what it is without selecting it. The canvas's own
 * data answers at once (full name, kind, dates, links on the canvas); how many links it has in the whole graph
 * and how many sources back it arrive a moment later from the server, cached per element.
 */
import { fetchHoverEntity, fetchHoverRelationship } from '../api/queries';
import { kindDefinitions, isEntityKind, isStance, relationshipLabel, stanceDefinitions } from '../../../shared/vocabulary';
import type { GraphView } from '../graph/view';
import { confidenceText, h } from './dom';
import { kindGlyph } from './kind-glyph';
import { stanceSample } from './stance-sample';

const showAfterMs = 280;

interface Extra {
  graphLinks?: number;
  sources: number;
  disputes?: number;
}

export function mountHoverCard(host: HTMLElement, view: GraphView): void {
  const card = h('div', { class: 'hover-card', role: 'tooltip', testid: 'hover-card', hidden: true });
  host.append(card);
  const cache = new Map<string, Promise<Extra | null>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: string | null = null;

  const extra = (id: string, group: 'nodes' | 'edges'): Promise<Extra | null> => {
    let found = cache.get(id);
    if (!found) {
      found = (
        group === 'nodes'
          ? fetchHoverEntity(id).then((r) =>
              r.entity
                ? {
                    sources: new Set(r.entity.sources.map((s) => s.id)).size,
                    graphLinks: r.neighbourTotals.links,
                  }
                : null,
            )
          : fetchHoverRelationship(id).then((r) =>
              r ? { sources: new Set(r.sources.map((s) => s.id)).size, disputes: r.disputedBy.length } : null,
            )
      ).catch(() => null);
      cache.set(id, found);
    }
    return found;
  };

  function hide(): void {
    clearTimeout(timer);
    current = null;
    card.hidden = true;
  }

  function show(id: string, group: 'nodes' | 'edges', at: { x: number; y: number }): void {
    const ele = view.cy.getElementById(id);
    if (ele.empty()) return;
    const facts = h('div', { class: 'hover-facts' });
    if (group === 'edges' && ele.hasClass('group-link')) {
      card.replaceChildren(
        h('strong', { class: 'hover-title' }, ele.data('label') as string),
        h('div', { class: 'hover-facts' }, 'Stands for the links of a group; open the group to see them one by one.'),
      );
    } else if (group === 'nodes' && ele.hasClass('group')) {
      card.replaceChildren(
        h('strong', { class: 'hover-title' }, ele.data('label') as string),
        h('div', { class: 'hover-kind' }, 'Group'),
        h('div', { class: 'hover-facts' }, ele.data('hint') as string),
      );
    } else if (group === 'nodes') {
      const kind = ele.data('kind') as string;
      const aliases = (ele.data('aliases') as string[] | undefined) ?? [];
      card.replaceChildren(
        h('strong', { class: 'hover-title' }, ele.data('name') as string),
        h(
          'div',
          { class: 'hover-kind' },
          kindGlyph(kind, 12),
          isEntityKind(kind) ? kindDefinitions[kind].label : kind,
          ele.data('date') ? ` · ${ele.data('date') as string}` : '',
        ),
        aliases.length
          ? h('div', { class: 'hover-aliases' }, `Also: ${aliases.slice(0, 3).join(', ')}${aliases.length > 3 ? '…' : ''}`)
          : '',
        facts,
      );
      const onCanvas = ele.connectedEdges().length;
      facts.textContent = `${onCanvas} link${onCanvas === 1 ? '' : 's'} on the canvas`;
      void extra(id, group).then((more) => {
        if (current !== id || !more) return;
        facts.textContent = `${onCanvas} link${onCanvas === 1 ? '' : 's'} on the canvas · ${more.graphLinks} in the graph · ${more.sources} source${more.sources === 1 ? '' : 's'}`;
      });
    } else {
      const stance = ele.data('stance') as string;
      const since = ele.data('since') as string | null;
      const until = ele.data('until') as string | null;
      card.replaceChildren(
        h(
          'strong',
          { class: 'hover-title' },
          `${ele.source().data('name') as string} — ${relationshipLabel(ele.data('type') as string)} → ${ele.target().data('name') as string}`,
        ),
        h(
          'div',
          { class: 'hover-kind' },
          isStance(stance) ? stanceSample(stance, 2.5, 30) : null,
          isStance(stance) ? stanceDefinitions[stance].label : stance,
          ` · confidence ${confidenceText(ele.data('confidence') as number | null)}`,
          since || until ? ` · ${since ?? '…'} to ${until ?? 'now'}` : '',
        ),
        facts,
      );
      void extra(id, group).then((more) => {
        if (current !== id || !more) return;
        facts.textContent = `${more.sources} source${more.sources === 1 ? '' : 's'}${more.disputes ? ` · disputed by ${more.disputes}` : ''}`;
      });
    }
    card.hidden = false;
    // Beside the pointer, kept inside the canvas.
    const x = Math.min(at.x + 14, host.clientWidth - card.offsetWidth - 8);
    const y = at.y + 16 + card.offsetHeight > host.clientHeight - 8 ? at.y - card.offsetHeight - 12 : at.y + 16;
    card.style.left = `${Math.max(4, x)}px`;
    card.style.top = `${Math.max(4, y)}px`;
  }

  view.on('hover', (id, group, at) => {
    clearTimeout(timer);
    if (!id || !group) return hide();
    current = id;
    timer = setTimeout(() => current === id && show(id, group, at), showAfterMs);
  });
  view.on('changed', () => {
    if (current && !view.has(current)) hide();
  });
}
