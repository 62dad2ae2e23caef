/**
 * Canvas actions the analyst can undo (Ctrl+Z) and redo (Ctrl+Shift+Z): add, hide, show, pin,
 * unpin, remove, drag and layout. Each carries out its change through the view and records its inverse.
 */
import type { ElementDefinition } from 'cytoscape';
import { UndoStack, type Command } from './history';
import { layoutLabels, type LayoutName } from './layouts';
import type { AddMode, GraphView } from './view';

export class CanvasActions {
  readonly history = new UndoStack();
  private listeners: ((command: Command | undefined, verb: 'do' | 'undo' | 'redo') => void)[] = [];

  constructor(private readonly view: GraphView) {
    view.on('moved', (id, from, to) =>
      this.record(
        'Move',
        () => view.moveNode(id, from),
        () => view.moveNode(id, to),
      ),
    );
  }

  /** Called after every action, undo and redo (the toolbar updates its buttons from it). */
  onChange(listener: (command: Command | undefined, verb: 'do' | 'undo' | 'redo') => void): void {
    this.listeners.push(listener);
  }

  private record(label: string, undo: () => void, redo: () => void): void {
    const command = { label, undo, redo };
    this.history.push(command);
    for (const listener of this.listeners) listener(command, 'do');
  }

  add(elements: ElementDefinition[], label: string, mode: AddMode = 'incremental'): string[] {
    const added = this.view.add(elements, mode);
    if (added.length === 0) return added;
    this.recordAddition(label, added);
    return added;
  }

  /** Records an addition as one step: undo takes the elements away (then `also.undo`), redo brings them back (then `also.redo`). */
  private recordAddition(label: string, added: string[], also: { undo(): void; redo(): void } = { undo() {}, redo() {} }): void {
    let snapshot: ElementDefinition[] = [];
    this.record(
      label,
      () => {
        snapshot = this.view.snapshot(added);
        this.view.remove(added);
        also.undo();
      },
      () => {
        this.view.restore(snapshot);
        also.redo();
      },
    );
  }

  remove(ids: string[]): void {
    if (ids.length === 0) return;
    const snapshot = this.view.snapshot(ids);
    this.view.remove(ids);
    this.record(
      `Remove ${ids.length === 1 ? 'element' : `${ids.length} elements`}`,
      () => this.view.restore(snapshot),
      () => this.view.remove(ids),
    );
  }

  setHidden(ids: string[], hidden: boolean): void {
    if (ids.length === 0) return;
    this.view.setHidden(ids, hidden);
    this.record(
      hidden ? 'Hide' : 'Show',
      () => this.view.setHidden(ids, !hidden),
      () => this.view.setHidden(ids, hidden),
    );
  }

  showAllHidden(): void {
    this.setHidden(this.view.ids('.hidden'), false);
  }

  setPinned(ids: string[], pinned: boolean): void {
    if (ids.length === 0) return;
    this.view.setPinned(ids, pinned);
    this.record(
      pinned ? 'Pin' : 'Unpin',
      () => this.view.setPinned(ids, !pinned),
      () => this.view.setPinned(ids, pinned),
    );
  }

  /**
   * Adds a page of a group and shrinks its group node to what remains (or removes it when nothing does), as one
   * step: undo takes the page away and gives the group back its count.
   */
  pageIn(groupId: string, elements: ElementDefinition[], next: Record<string, unknown> | null, label: string): string[] {
    const groupBefore = this.view.snapshot([groupId]);
    const dataBefore = { ...(this.view.cy.getElementById(groupId).data() as Record<string, unknown>) };
    const added = this.view.add(elements, 'incremental');
    const shrink = () => (next ? this.view.setData(groupId, next) : this.view.remove([groupId]));
    shrink();
    this.recordAddition(label, added, {
      undo: () => (next ? this.view.setData(groupId, dataBefore) : this.view.restore(groupBefore)),
      redo: shrink,
    });
    return added;
  }

  /** Collapses members into a group node with the links it keeps to the rest of the canvas. */
  collapse(group: ElementDefinition, links: ElementDefinition[], members: string[]): void {
    this.view.add([group, ...links], 'none');
    const snapshot = this.view.snapshot([group.data.id!]);
    this.view.setGrouped(members, true);
    this.record(
      `Group ${members.length} entities`,
      () => {
        this.view.remove([group.data.id!]);
        this.view.setGrouped(members, false);
      },
      () => {
        this.view.restore(snapshot);
        this.view.setGrouped(members, true);
      },
    );
  }

  /** Opens a group the analyst made: its members come back where they were, the group node goes. */
  expandCollapsed(groupId: string, members: string[]): void {
    const snapshot = this.view.snapshot([groupId]);
    this.view.remove([groupId]);
    this.view.setGrouped(members, false);
    this.record(
      'Ungroup',
      () => {
        this.view.restore(snapshot);
        this.view.setGrouped(members, true);
      },
      () => {
        this.view.remove([groupId]);
        this.view.setGrouped(members, false);
      },
    );
  }

  /** Runs a layout; undo puts every node back where it stood before. */
  async layout(name: LayoutName): Promise<void> {
    const before = this.view.positions();
    await this.view.runLayout(name);
    const after = this.view.positions();
    this.record(
      `Layout: ${layoutLabels[name]}`,
      () => this.view.setPositions(before),
      () => this.view.setPositions(after),
    );
  }

  undo(): Command | undefined {
    const command = this.history.undo();
    for (const listener of this.listeners) listener(command, 'undo');
    return command;
  }

  redo(): Command | undefined {
    const command = this.history.redo();
    for (const listener of this.listeners) listener(command, 'redo');
    return command;
  }
}
