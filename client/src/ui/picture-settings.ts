/**
 * How the Export menu's pictures look: theme (light by default, for paper), title, date line, legend and source
 * line, kept in this browser. The dialog edits them; each picture takes the open view's title when none is set.
 */
import { defaultPictureOptions, type PictureOptions } from '../../../shared/picture-frame';
import { isThemeName } from '../../../shared/themes';
import type { Explorer } from '../explorer';
import { h } from './dom';
import { openModal } from './modal';

export interface PictureSettings {
  theme: PictureOptions['theme'];
  title: string;
  date: boolean;
  legend: boolean;
  source: string;
}

const storageKey = 'attribution-explorer.picture.v1';
export const defaultSource = 'Source: Attribution Explorer knowledge graph; every link cites its sources (see its evidence).';
const defaults: PictureSettings = { theme: 'light', title: '', date: true, legend: true, source: defaultSource };

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function loadPictureSettings(storage: KeyValueStore): PictureSettings {
  try {
    const stored = JSON.parse(storage.getItem(storageKey) ?? '{}') as Partial<PictureSettings>;
    return {
      theme: isThemeName(stored.theme) ? stored.theme : defaults.theme,
      title: typeof stored.title === 'string' ? stored.title : defaults.title,
      date: typeof stored.date === 'boolean' ? stored.date : defaults.date,
      legend: typeof stored.legend === 'boolean' ? stored.legend : defaults.legend,
      source: typeof stored.source === 'string' ? stored.source : defaults.source,
    };
  } catch {
    return { ...defaults };
  }
}

/** The frame of a picture of the canvas now: the settings, the open view's title, today and the as-of date. */
export function pictureOptions(
  settings: PictureSettings,
  explorer: Explorer,
  today = new Date().toISOString().slice(0, 10),
): PictureOptions {
  const asOf = explorer.filters.asOf ? ` · the graph as of ${explorer.filters.asOf}` : '';
  return {
    ...defaultPictureOptions,
    theme: settings.theme,
    title: settings.title.trim() || explorer.currentView?.title || null,
    date: settings.date ? `Exported ${today}${asOf}` : null,
    legend: settings.legend,
    source: settings.source.trim() || null,
  };
}

export function openPictureSettings(storage: KeyValueStore): void {
  const settings = loadPictureSettings(storage);
  const modal = openModal('Picture settings', 'picture-settings');
  const title = h('input', {
    type: 'text',
    value: settings.title,
    placeholder: 'The open view’s title, or none',
    testid: 'picture-title',
    maxlength: 200,
  });
  const source = h('input', { type: 'text', value: settings.source, testid: 'picture-source', maxlength: 300 });
  const date = h('input', { type: 'checkbox', checked: settings.date, testid: 'picture-date' });
  const legend = h('input', { type: 'checkbox', checked: settings.legend, testid: 'picture-legend' });
  const dark = h('input', { type: 'checkbox', checked: settings.theme === 'dark', testid: 'picture-dark' });
  const save = () => {
    const next: PictureSettings = {
      theme: dark.checked ? 'dark' : 'light',
      title: title.value,
      date: date.checked,
      legend: legend.checked,
      source: source.value,
    };
    storage.setItem(storageKey, JSON.stringify(next));
    modal.close();
  };
  modal.body.append(
    h('label', { class: 'stack' }, 'Title', title),
    h('label', { class: 'stack' }, 'Source line', source),
    h('label', { class: 'check' }, date, 'Date line (exported on, and the as-of date)'),
    h('label', { class: 'check' }, legend, 'Legend (kinds and stances shown)'),
    h('label', { class: 'check' }, dark, 'Dark theme (as on screen) instead of light'),
    h('div', { class: 'modal-actions' }, h('button', { class: 'primary', testid: 'picture-save', onclick: save }, 'Save')),
  );
}
