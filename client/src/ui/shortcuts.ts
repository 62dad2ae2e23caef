/**
 * Keyboard shortcuts, defined once: the same table drives the key handler and the help overlay
 * ("?"), so the overlay can never list a key that does not work.
 */
import { h } from './dom';
import { openModal } from './modal';

export interface Shortcut {
  keys: string;
  description: string;
  matches: (event: KeyboardEvent) => boolean;
  run: () => void;
}

const key = (k: string) => (e: KeyboardEvent) => e.key.toLowerCase() === k && !e.ctrlKey && !e.metaKey && !e.altKey;
const ctrl =
  (k: string, shift = false) =>
  (e: KeyboardEvent) =>
    (e.ctrlKey || e.metaKey) && e.shiftKey === shift && e.key.toLowerCase() === k;

export interface ShortcutActions {
  focusSearch(): void;
  expand(): void;
  hide(): void;
  showHidden(): void;
  togglePin(): void;
  remove(): void;
  fit(): void;
  layout(index: number): void;
  undo(): void;
  redo(): void;
  clear(): void;
  toggleConsole(): void;
  togglePaths(): void;
  toggleCaptions(): void;
  group(): void;
  toggleList(): void;
  toggleLeftPanel(): void;
  toggleRightPanel(): void;
}

export function shortcutTable(a: ShortcutActions): Shortcut[] {
  return [
    { keys: '/', description: 'Search entities', matches: key('/'), run: a.focusSearch },
    { keys: 'E', description: 'Expand the selected node (shows counts first)', matches: key('e'), run: a.expand },
    { keys: 'H', description: 'Hide the selected elements', matches: key('h'), run: a.hide },
    { keys: 'U', description: 'Show everything hidden', matches: key('u'), run: a.showHidden },
    { keys: 'P', description: 'Pin or unpin the selected nodes', matches: key('p'), run: a.togglePin },
    {
      keys: 'Delete',
      description: 'Remove the selected elements from the canvas',
      matches: (e) => e.key === 'Delete' || e.key === 'Backspace',
      run: a.remove,
    },
    { keys: 'F', description: 'Fit the view', matches: key('f'), run: a.fit },
    { keys: '1', description: 'Force layout', matches: key('1'), run: () => a.layout(0) },
    { keys: '2', description: 'Hierarchical layout (attribution chains)', matches: key('2'), run: () => a.layout(1) },
    { keys: '3', description: 'Concentric layout (hubs in the middle)', matches: key('3'), run: () => a.layout(2) },
    { keys: 'Ctrl+G', description: 'Group the selected entities into one node (double-click opens it)', matches: ctrl('g'), run: a.group },
    { keys: 'Ctrl+Z', description: 'Undo', matches: ctrl('z'), run: a.undo },
    { keys: 'Ctrl+Shift+Z', description: 'Redo (also Ctrl+Y)', matches: (e) => ctrl('z', true)(e) || ctrl('y')(e), run: a.redo },
    {
      keys: 'Esc',
      description: 'Clear selection and path highlight; closes menus and dialogs',
      matches: (e) => e.key === 'Escape',
      run: a.clear,
    },
    {
      keys: 'Tab, arrows, Enter',
      description: 'Tab into the canvas; arrows move between linked entities; Enter opens the evidence',
      matches: () => false,
      run: () => undefined,
    },
    { keys: 'G', description: 'Open or close the GraphQL console', matches: key('g'), run: a.toggleConsole },
    { keys: 'R', description: 'Open the path finder (routes)', matches: key('r'), run: a.togglePaths },
    { keys: 'L', description: 'Show or hide the captions of every link', matches: key('l'), run: a.toggleCaptions },
    { keys: 'T', description: 'Show the canvas as tables (entities and links), or go back', matches: key('t'), run: a.toggleList },
    { keys: '[', description: 'Hide or show the left panel (filters, paths)', matches: key('['), run: a.toggleLeftPanel },
    { keys: ']', description: 'Hide or show the right panel (evidence, console)', matches: key(']'), run: a.toggleRightPanel },
    { keys: '?', description: 'Show this help', matches: (e) => e.key === '?', run: () => openHelp(shortcutTable(a)) },
  ];
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.cm-editor') !== null);

export function bindShortcuts(actions: ShortcutActions): void {
  const table = shortcutTable(actions);
  document.addEventListener('keydown', (event) => {
    if (typing(event.target) || document.querySelector('.modal-backdrop')) return;
    const shortcut = table.find((s) => s.matches(event));
    if (!shortcut) return;
    event.preventDefault();
    shortcut.run();
  });
}

export function openHelp(table: Shortcut[]): void {
  const modal = openModal('Keyboard shortcuts', 'help-overlay');
  modal.body.append(
    h(
      'table',
      { class: 'shortcuts' },
      h(
        'tbody',
        {},
        table.map((s) => h('tr', {}, h('td', {}, h('kbd', {}, s.keys)), h('td', {}, s.description))),
      ),
    ),
    h(
      'p',
      { class: 'hint' },
      'Mouse: double-click a node to expand it, right-click for more, drag to move (moved nodes keep their place when new elements arrive), scroll to zoom.',
    ),
    h('p', { class: 'hint' }, 'Automation: window.cy is the Cytoscape core; node ids are entity ids, edge ids are relationship ids.'),
  );
}
