/** The top bar's tools: layouts, fit, undo/redo, paths, console, saved views, export, WebGL and help. */
import { layoutLabels, layoutNames, type LayoutName } from '../graph/layouts';
import type { Explorer } from '../explorer';
import { h } from './dom';
import { createExportMenu } from './export-menu';
import { toast } from './status';
import { createViewsMenu } from './views-menu';

export interface ToolbarHandlers {
  layout(name: LayoutName): void;
  toggleConsole(): void;
  togglePaths(): void;
  toggleCaptions(): void;
  toggleList(): void;
  help(): void;
  currentQuery(): string;
}

export function createToolbar(explorer: Explorer, handlers: ToolbarHandlers): HTMLElement {
  const layoutButtons = layoutNames.map((name, i) =>
    h(
      'button',
      {
        class: 'tool segment',
        testid: `layout-${name}`,
        title: `${layoutLabels[name]} layout (${i + 1})`,
        onclick: () => handlers.layout(name),
      },
      layoutLabels[name],
    ),
  );
  const markLayout = () => layoutButtons.forEach((b, i) => b.classList.toggle('active', layoutNames[i] === explorer.view.layout));
  explorer.on('url', markLayout);
  markLayout();

  const undo = h(
    'button',
    {
      class: 'tool icon',
      testid: 'undo',
      title: 'Undo (Ctrl+Z)',
      'aria-label': 'Undo',
      disabled: true,
      onclick: () => explorer.actions.undo(),
    },
    '↶',
  );
  const redo = h(
    'button',
    {
      class: 'tool icon',
      testid: 'redo',
      title: 'Redo (Ctrl+Shift+Z)',
      'aria-label': 'Redo',
      disabled: true,
      onclick: () => explorer.actions.redo(),
    },
    '↷',
  );
  explorer.actions.onChange((command, verb) => {
    undo.disabled = !explorer.actions.history.canUndo;
    redo.disabled = !explorer.actions.history.canRedo;
    if (command && verb !== 'do') toast(`${verb === 'undo' ? 'Undid' : 'Redid'}: ${command.label}`);
  });

  const webgl = h('input', { type: 'checkbox', testid: 'webgl-toggle' });
  webgl.addEventListener('change', () => {
    try {
      explorer.view.setWebGL(webgl.checked);
      toast(webgl.checked ? 'WebGL rendering on: faster for large views.' : 'WebGL rendering off.');
    } catch (error) {
      webgl.checked = false;
      toast(`WebGL is not available here: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  });

  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Canvas tools' },
    h('div', { class: 'segmented', role: 'group', 'aria-label': 'Layout' }, layoutButtons),
    h(
      'button',
      { class: 'tool icon', testid: 'fit-view', title: 'Fit the view (F)', 'aria-label': 'Fit', onclick: () => explorer.view.fit() },
      '⤢',
    ),
    undo,
    redo,
    h('span', { class: 'divider' }),
    h(
      'button',
      {
        class: 'tool',
        testid: 'captions-toggle',
        title: 'Captions on every link (L)',
        'aria-pressed': 'false',
        onclick: handlers.toggleCaptions,
      },
      'Captions',
    ),
    h(
      'button',
      { class: 'tool', testid: 'list-toggle', title: 'The canvas as tables (T)', 'aria-pressed': 'false', onclick: handlers.toggleList },
      'List',
    ),
    h('button', { class: 'tool', testid: 'paths-toggle', title: 'Path finder (R)', onclick: handlers.togglePaths }, 'Paths'),
    h('button', { class: 'tool', testid: 'console-toggle', title: 'GraphQL console (G)', onclick: handlers.toggleConsole }, 'GraphQL'),
    createViewsMenu(explorer, handlers.currentQuery),
    createExportMenu(explorer, handlers.currentQuery),
    h('label', { class: 'tool toggle', title: 'Render with WebGL (faster for thousands of elements)' }, webgl, 'WebGL'),
    h(
      'button',
      { class: 'tool icon', testid: 'help-button', title: 'Keyboard shortcuts (?)', 'aria-label': 'Help', onclick: handlers.help },
      '?',
    ),
  );
}
