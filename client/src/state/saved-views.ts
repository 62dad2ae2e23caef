/**
 * Named views saved in the browser (localStorage): which elements were on the canvas, where each
 * stood (by stable id, so a reopened view looks the same), what was pinned or hidden, and the URL
 * state (filters, layout). Storage is injected so the module is testable without a browser.
 */
import type { ElementDefinition, Position } from 'cytoscape';

export interface SavedView {
  name: string;
  savedAt: string;
  /** The URL query string of the view (filters, layout). */
  query: string;
  elements: ElementDefinition[];
  positions: Record<string, Position>;
  pinned: string[];
  hidden: string[];
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

const storageKey = 'attribution-explorer.saved-views.v1';

export class SavedViews {
  constructor(private readonly storage: KeyValueStore) {}

  list(): SavedView[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? (parsed as SavedView[]).filter((v) => typeof v?.name === 'string') : [];
    } catch {
      // A corrupt entry (hand-edited, or from an old build) must not break the app.
      return [];
    }
  }

  get(name: string): SavedView | undefined {
    return this.list().find((view) => view.name === name);
  }

  /** Saving under an existing name replaces that view. */
  save(view: SavedView): void {
    const others = this.list().filter((v) => v.name !== view.name);
    this.write([...others, view].sort((a, b) => a.name.localeCompare(b.name)));
  }

  remove(name: string): void {
    this.write(this.list().filter((v) => v.name !== name));
  }

  private write(views: SavedView[]): void {
    this.storage.setItem(storageKey, JSON.stringify(views));
  }
}
