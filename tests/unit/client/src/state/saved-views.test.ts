import { describe, expect, it } from 'vitest';
import { SavedViews, type SavedView } from '../../../../../client/src/state/saved-views';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

const view = (name: string, x = 0): SavedView => ({
  name,
  savedAt: '2025-01-01T00:00:00Z',
  query: '?hideStances=SUSPECTED',
  elements: [{ group: 'nodes', data: { id: 'iran', kind: 'STATE', label: 'Iran' } }],
  positions: { iran: { x, y: 5 } },
  pinned: ['iran'],
  hidden: [],
});

describe('SavedViews', () => {
  it('saves, lists by name and reopens a view with positions by id', () => {
    const views = new SavedViews(memoryStorage());
    views.save(view('Zeta'));
    views.save(view('Albania 2022', 12));
    expect(views.list().map((v) => v.name)).toEqual(['Albania 2022', 'Zeta']);
    expect(views.get('Albania 2022')?.positions.iran).toEqual({ x: 12, y: 5 });
  });

  it('replaces a view saved under the same name and removes by name', () => {
    const views = new SavedViews(memoryStorage());
    views.save(view('A', 1));
    views.save(view('A', 2));
    expect(views.list()).toHaveLength(1);
    expect(views.get('A')?.positions.iran.x).toBe(2);
    views.remove('A');
    expect(views.list()).toEqual([]);
  });

  it('survives corrupt storage', () => {
    const storage = memoryStorage();
    storage.setItem('attribution-explorer.saved-views.v1', '{not json');
    expect(new SavedViews(storage).list()).toEqual([]);
    storage.setItem('attribution-explorer.saved-views.v1', '{"a":1}');
    expect(new SavedViews(storage).list()).toEqual([]);
  });
});
