/**
 * The view in the URL, so a link opens the same view: `?focus=<id>`, `?from=<id>&to=<id>`, the
 * layout and the filters. Parsing is forgiving (a mangled value is dropped, not fatal) because
 * these links get pasted into chats and reports.
 */
import { isCalendarDate } from '../../../shared/calendar-date';
import { isStance } from '../../../shared/vocabulary';
import { emptyFilters, type FilterState } from '../graph/filters';
import { isLayoutName, type LayoutName } from '../graph/layouts';

export interface UrlState {
  focus: string | null;
  from: string | null;
  to: string | null;
  layout: LayoutName | null;
  filters: FilterState;
}

const list = (params: URLSearchParams, key: string): string[] =>
  (params.get(key) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const date = (params: URLSearchParams, key: string): string | null => {
  const value = params.get(key);
  return value && isCalendarDate(value) ? value : null;
};

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const confidence = Number(params.get('minConfidence') ?? 0);
  const layout = params.get('layout');
  return {
    focus: params.get('focus') || null,
    from: params.get('from') || null,
    to: params.get('to') || null,
    layout: isLayoutName(layout) ? layout : null,
    filters: {
      ...emptyFilters(),
      hiddenKinds: list(params, 'hideKinds'),
      hiddenTypes: list(params, 'hideTypes'),
      hiddenStances: list(params, 'hideStances').filter(isStance),
      minConfidence: Number.isFinite(confidence) ? Math.min(100, Math.max(0, Math.round(confidence))) : 0,
      start: date(params, 'start'),
      end: date(params, 'end'),
      asOf: date(params, 'asOf'),
      knownAsOf: date(params, 'knownAsOf'),
      includeUndated: params.get('includeUndated') === '1',
      hideOrphans: params.get('hideOrphans') === '1',
    },
  };
}

/** Only non-default values are written, so plain views keep short URLs. */
export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | null | undefined) => {
    if (value) params.set(key, value);
  };
  set('focus', state.focus);
  set('from', state.from);
  set('to', state.to);
  set('layout', state.layout);
  const f = state.filters;
  set('hideKinds', f.hiddenKinds.join(','));
  set('hideTypes', f.hiddenTypes.join(','));
  set('hideStances', f.hiddenStances.join(','));
  if (f.minConfidence > 0) set('minConfidence', String(f.minConfidence));
  set('start', f.start);
  set('end', f.end);
  set('asOf', f.asOf);
  set('knownAsOf', f.knownAsOf);
  if (f.knownAsOf && f.includeUndated) set('includeUndated', '1');
  if (f.hideOrphans) set('hideOrphans', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}
