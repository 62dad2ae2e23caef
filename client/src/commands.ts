/**
 * What the analyst can do to the selection, shared by the keyboard, the context menu and the
 * evidence panel so each gesture behaves the same everywhere.
 */
import type { Explorer } from './explorer';
import { isGroupId } from './graph/groups';
import { openExpandDialog } from './ui/expand-dialog';
import { reportError, toast } from './ui/status';

export class SelectionCommands {
  constructor(private readonly explorer: Explorer) {}

  /** The selection; with nothing selected, the node the keyboard is on in the canvas. */
  private selected(selector = ':selected'): string[] {
    const chosen = this.explorer.view.ids(selector);
    const focused = this.explorer.keyboardFocus;
    return chosen.length > 0 || !focused || !this.explorer.view.has(focused) ? chosen : [focused];
  }

  /** Expands an entity (counts first), or opens a group: its next page, or the members of a group you made. */
  expand(id = this.selected('node:selected')[0]): void {
    if (!id) return toast('Select a node to expand (click it, then press E).');
    if (isGroupId(id)) return void this.openGroup(id);
    void openExpandDialog(this.explorer, id);
  }

  async openGroup(id: string, order: 'STRONGEST' | 'NEWEST' = 'STRONGEST', limit?: number): Promise<void> {
    try {
      const manual = this.explorer.view.cy.getElementById(id).data('source') === 'manual';
      const added = await this.explorer.openGroup(id, order, limit);
      toast(
        manual
          ? `Ungrouped ${added} entities.`
          : `Added ${added} from the group${this.explorer.view.has(id) ? '; double-click it for more' : ''}.`,
      );
    } catch (error) {
      reportError(error, 'Group');
    }
  }

  /** Collapses the selected entities into one group node. */
  group(ids = this.explorer.view.ids('node:selected')): void {
    if (!this.explorer.groupSelection(ids)) toast('Select two or more entities to group them (Shift+click or box-select, then Ctrl+G).');
  }

  hide(ids = this.selected()): void {
    if (ids.length === 0) return toast('Select something to hide.');
    this.explorer.actions.setHidden(ids, true);
    this.explorer.select(null, false);
  }

  togglePin(ids = this.selected('node:selected')): void {
    if (ids.length === 0) return toast('Select nodes to pin.');
    const allPinned = ids.every((id) => this.explorer.view.cy.getElementById(id).hasClass('pinned'));
    this.explorer.actions.setPinned(ids, !allPinned);
  }

  remove(ids = this.selected()): void {
    if (ids.length === 0) return;
    this.explorer.actions.remove(ids);
    this.explorer.select(null, false);
  }

  clear(): void {
    this.explorer.view.highlight(null);
    this.explorer.view.cy.elements().unselect();
    this.explorer.select(null, false);
  }
}
