/**
 * What the analyst can do to the selection, shared by the keyboard, the context menu and the
 * evidence panel so each gesture behaves the same everywhere.
 */
import type { Explorer } from './explorer';
import { openExpandDialog } from './ui/expand-dialog';
import { toast } from './ui/status';

export class SelectionCommands {
  constructor(private readonly explorer: Explorer) {}

  private selected(): string[] {
    return this.explorer.view.ids(':selected');
  }

  expand(id = this.explorer.view.ids('node:selected')[0]): void {
    if (!id) return toast('Select a node to expand (click it, then press E).');
    void openExpandDialog(this.explorer, id);
  }

  hide(ids = this.selected()): void {
    if (ids.length === 0) return toast('Select something to hide.');
    this.explorer.actions.setHidden(ids, true);
    this.explorer.select(null, false);
  }

  togglePin(ids = this.explorer.view.ids('node:selected')): void {
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
