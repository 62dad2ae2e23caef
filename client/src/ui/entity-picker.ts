/**
 * A search box with type-ahead over names and aliases, used for the main search and for the path
 * finder's From and To. Keyboard: arrows move, Enter picks, Escape closes (then clears).
 * Answers that arrive out of order are dropped, so fast typing never shows stale results.
 */
import { searchEntities, type SearchHit } from '../api/queries';
import { debounce, h } from './dom';
import { kindGlyph, kindLabel } from './kind-glyph';

export interface EntityPickerOptions {
  testid: string;
  resultTestid: string;
  placeholder: string;
  label: string;
  onPick: (hit: SearchHit) => void;
  /** Keep the picked name in the box (pickers) or clear it (the main search). */
  keepValue?: boolean;
}

/** What a picker holds: enough to name the entity and to query with its id. */
export interface PickedEntity {
  id: string;
  name: string;
  kind: string;
}

export interface EntityPicker {
  element: HTMLElement;
  input: HTMLInputElement;
  value: PickedEntity | null;
  set(entity: PickedEntity | null): void;
}

let pickerCount = 0;

/**
 * "2 sources · Hacker persona with suspected ties to Iran..." : how many distinct sources cite it (a source cited
 * for two excerpts counts once), then as much of the description as fits.
 */
export function hitDetail(hit: Pick<SearchHit, 'sources' | 'description'>): string {
  const count = new Set(hit.sources.map((source) => source.id)).size;
  const sources = count === 0 ? 'no source' : count === 1 ? '1 source' : `${count} sources`;
  return hit.description ? `${sources} · ${hit.description}` : sources;
}

export function createEntityPicker(options: EntityPickerOptions): EntityPicker {
  const listId = `picker-list-${(pickerCount += 1)}`;
  const input = h('input', {
    type: 'search',
    class: 'picker-input',
    placeholder: options.placeholder,
    'aria-label': options.label,
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    autocomplete: 'off',
    spellcheck: 'false',
    testid: options.testid,
  });
  const list = h('ul', { class: 'picker-list', id: listId, role: 'listbox', hidden: true });
  const element = h('div', { class: 'picker' }, input, list);
  let hits: SearchHit[] = [];
  let active = -1;
  let sequence = 0;
  const picker: EntityPicker = { element, input, value: null, set };

  function set(entity: PickedEntity | null): void {
    picker.value = entity;
    input.value = entity ? entity.name : '';
  }

  function close(): void {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  }

  function render(message?: string): void {
    list.replaceChildren();
    if (message) list.append(h('li', { class: 'picker-message' }, message));
    hits.forEach((hit, i) => {
      const alias = hit.aliases.find((a) => a.toLowerCase().includes(input.value.trim().toLowerCase()) && a !== hit.name);
      list.append(
        h(
          'li',
          {
            class: `picker-item${i === active ? ' active' : ''}`,
            role: 'option',
            'aria-selected': String(i === active),
            testid: options.resultTestid,
            'data-entity-id': hit.id,
            // mousedown, not click: a click would blur the input first and close the list.
            onmousedown: (event: Event) => {
              event.preventDefault();
              pick(i);
            },
          },
          kindGlyph(hit.kind),
          h(
            'span',
            { class: 'picker-text' },
            h('span', { class: 'picker-name' }, hit.name, alias ? h('span', { class: 'picker-alias' }, ` aka ${alias}`) : null),
            // Two entities of one name (before their duplicates are merged, or truly two) differ here.
            h('span', { class: 'picker-detail', testid: 'search-result-detail' }, hitDetail(hit)),
          ),
          h('span', { class: 'picker-kind' }, kindLabel(hit.kind)),
        ),
      );
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function pick(index: number): void {
    const hit = hits[index];
    if (!hit) return;
    close();
    set(options.keepValue ? hit : null);
    options.onPick(hit);
  }

  const lookUp = debounce(async (text: string) => {
    const mine = (sequence += 1);
    try {
      const found = await searchEntities({ text, limit: 12 });
      if (mine !== sequence) return;
      hits = found;
      active = found.length > 0 ? 0 : -1;
      render(found.length === 0 ? `No entity matches “${text}”.` : undefined);
    } catch (error) {
      if (mine !== sequence) return;
      hits = [];
      render(error instanceof Error ? error.message : String(error));
    }
  }, 160);

  input.addEventListener('input', () => {
    picker.value = null;
    const text = input.value.trim();
    if (text.length === 0) {
      sequence += 1;
      close();
      return;
    }
    lookUp(text);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!list.hidden) pick(Math.max(active, 0));
    } else if (event.key === 'Escape') {
      if (!list.hidden) close();
      else if (!options.keepValue) set(null);
      else input.blur();
      event.stopPropagation();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('focus', () => {
    if (hits.length > 0 && input.value.trim() && !picker.value) render();
  });
  return picker;
}
