/**
 * The console's editor: CodeMirror 6 with cm6-graphql, fed the server's schema by introspection,
 * so completion and validation always match the server that is running. Loaded lazily: it is the
 * heaviest part of the client and most sessions never open the console.
 */
import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView, keymap } from '@codemirror/view';
import { graphql, updateSchema } from 'cm6-graphql';
import { basicSetup } from 'codemirror';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { tags } from '@lezer/highlight';
import { postGraphQL } from '../api/client';

/**
 * One Dark's colours that fall short of WCAG AA contrast (4.5:1) on its active-line background, brightened: names
 * and properties (coral), keywords (violet), comments (stone). Over One Dark's own style.
 */
const readableColours = Prec.highest(
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: [tags.name, tags.deleted, tags.character, tags.propertyName, tags.macroName, tags.heading], color: '#ef8f97' },
      { tag: tags.keyword, color: '#d294e6' },
      { tag: [tags.meta, tags.comment, tags.link], color: '#a0a8b8' },
    ]),
  ),
);

/** Screen readers name each editor. */
const named = (label: string) => EditorView.contentAttributes.of({ 'aria-label': label });

export interface ConsoleEditor {
  getQuery(): string;
  setQuery(text: string): void;
  showResult(text: string): void;
  focus(): void;
}

export async function loadSchema(): Promise<ReturnType<typeof buildClientSchema>> {
  const response = await postGraphQL<IntrospectionQuery>(getIntrospectionQuery(), {}, 'IntrospectionQuery');
  if (!response.data) throw new Error(response.errors?.[0]?.message ?? 'The server did not return its schema.');
  return buildClientSchema(response.data);
}

export function createConsoleEditor(queryHost: HTMLElement, resultHost: HTMLElement, initial: string, run: () => void): ConsoleEditor {
  const query = new EditorView({
    parent: queryHost,
    state: EditorState.create({
      doc: initial,
      extensions: [
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (run(), true) }])),
        basicSetup,
        graphql(),
        oneDark,
        readableColours,
        named('GraphQL query'),
        EditorView.lineWrapping,
      ],
    }),
  });
  const result = new EditorView({
    parent: resultHost,
    state: EditorState.create({
      doc: '',
      extensions: [
        basicSetup,
        json(),
        oneDark,
        readableColours,
        named('Query result (JSON)'),
        EditorState.readOnly.of(true),
        EditorView.lineWrapping,
      ],
    }),
  });
  // The schema arrives after the editor is usable; completion and lint switch on when it does.
  loadSchema().then(
    (schema) => updateSchema(query, schema),
    (error) => console.warn('GraphQL console: no schema for completion', error),
  );
  return {
    getQuery: () => query.state.doc.toString(),
    setQuery: (text) => query.dispatch({ changes: { from: 0, to: query.state.doc.length, insert: text } }),
    showResult: (text) => result.dispatch({ changes: { from: 0, to: result.state.doc.length, insert: text } }),
    focus: () => query.focus(),
  };
}
