/**
 * The GraphQL console: write any query against the live schema, see the JSON, and draw whatever
 * entities and relationships it holds on the canvas with one click.
 */
import { postGraphQL } from '../api/client';
import { collectGraph, hasGraph } from '../graph/collect-result';
import { pathElementIds } from '../../../shared/graph-elements';
import type { Explorer } from '../explorer';
import { h } from './dom';
import type { ConsoleEditor } from './console-editor';
import { reportError, toast } from './status';

const exampleQuery = `# Ctrl+Enter runs the query. "Draw on canvas" adds the entities and links it returns.
query WhoDidIt {
  search(text: "Albania", kinds: [INCIDENT], limit: 5) {
    id kind name date
    ... on Incident {
      attributionHypotheses {
        stance confidence
        actor { id kind name }
        relationship { id type stance confidence from { id } to { id } }
      }
    }
  }
}
`;

export interface ConsolePanel {
  element: HTMLElement;
  /** Builds the editor the first time the console is shown. */
  activate(): Promise<void>;
  setQuery(text: string): Promise<void>;
  run(): Promise<void>;
}

export function createConsolePanel(explorer: Explorer): ConsolePanel {
  const queryHost = h('div', { class: 'console-editor', testid: 'console-editor' });
  const resultHost = h('div', { class: 'console-result', testid: 'console-result' });
  const variables = h('textarea', {
    class: 'console-variables',
    testid: 'console-variables',
    placeholder: '{ "text": "Iran" }',
    spellcheck: 'false',
    rows: 2,
  });
  const status = h('span', { class: 'console-status muted', testid: 'console-status' }, 'Ctrl+Enter to run');
  const runButton = h('button', { class: 'primary', testid: 'console-run', onclick: () => void run() }, 'Run');
  const drawButton = h(
    'button',
    {
      testid: 'console-draw',
      disabled: true,
      title: 'Add the entities and relationships of the result to the canvas',
      onclick: () => draw(),
    },
    'Draw on canvas',
  );
  const element = h(
    'section',
    { class: 'console', testid: 'console-panel' },
    queryHost,
    h('details', { class: 'variables' }, h('summary', {}, 'Variables (JSON)'), variables),
    h('div', { class: 'console-actions' }, runButton, drawButton, status),
    resultHost,
  );
  let editor: ConsoleEditor | null = null;
  let loading: Promise<void> | null = null;
  let lastData: unknown = null;

  function activate(): Promise<void> {
    loading ??= import('./console-editor').then(
      ({ createConsoleEditor }) => {
        editor = createConsoleEditor(queryHost, resultHost, exampleQuery, () => void run());
        editor.focus();
      },
      (error) => reportError(error, 'Console'),
    );
    return loading;
  }

  async function run(): Promise<void> {
    await activate();
    if (!editor) return;
    let vars: Record<string, unknown>;
    try {
      vars = variables.value.trim() ? (JSON.parse(variables.value) as Record<string, unknown>) : {};
    } catch {
      status.textContent = 'Variables are not valid JSON.';
      return;
    }
    runButton.disabled = true;
    status.textContent = 'Running…';
    const started = performance.now();
    try {
      const response = await postGraphQL<unknown>(editor.getQuery(), vars);
      lastData = response.data ?? null;
      editor.showResult(JSON.stringify(response, null, 2));
      const graph = collectGraph(lastData);
      drawButton.disabled = !hasGraph(graph);
      const elapsed = Math.round(performance.now() - started);
      status.textContent = response.errors?.length
        ? `${response.errors.length} error${response.errors.length === 1 ? '' : 's'}: ${response.errors[0].message}`
        : `${elapsed} ms · ${graph.entities.length} entities, ${graph.relationships.length} relationships`;
      status.classList.toggle('error-text', Boolean(response.errors?.length));
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
      status.classList.add('error-text');
    } finally {
      runButton.disabled = false;
    }
  }

  function draw(): void {
    const graph = collectGraph(lastData);
    const added = explorer.draw(graph, 'Draw query result');
    explorer.view.fitWhenSettled(pathElementIds(graph).filter((id) => explorer.view.has(id)));
    toast(
      added.length === 0
        ? 'Everything in this result is already on the canvas.'
        : `Drew ${added.length} new element${added.length === 1 ? '' : 's'}.`,
    );
  }

  return {
    element,
    activate,
    run,
    async setQuery(text) {
      await activate();
      editor?.setQuery(text);
    },
  };
}
