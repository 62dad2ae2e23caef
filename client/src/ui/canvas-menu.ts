/** Builds the right-click menu for a node, a link or the background. */
import type { SelectionCommands } from '../commands';
import type { Explorer } from '../explorer';
import { groupPageSize, isGroupId } from '../graph/groups';
import type { LayoutName } from '../graph/layouts';
import type { MenuItem } from './context-menu';
import type { PickedEntity } from './entity-picker';

export interface CanvasMenuHandlers {
  pathEnd(end: 'from' | 'to', entity: PickedEntity): void;
  layout(name: LayoutName): void;
}

export function canvasMenuItems(
  explorer: Explorer,
  commands: SelectionCommands,
  handlers: CanvasMenuHandlers,
  id: string | null,
  group: 'nodes' | 'edges' | null,
): MenuItem[] {
  const view = explorer.view;
  if (!id) {
    return [
      { label: 'Fit the view', shortcut: 'F', testid: 'menu-fit', run: () => view.fit() },
      { label: 'Show hidden elements', shortcut: 'U', testid: 'menu-show-hidden', run: () => explorer.actions.showAllHidden() },
      { label: 'Re-run layout', testid: 'menu-relayout', run: () => handlers.layout(view.layout) },
      { label: 'Clear the canvas', testid: 'menu-clear', danger: true, run: () => commands.remove(view.ids('*')) },
    ];
  }
  const ele = view.cy.getElementById(id);
  // Acting on a right-clicked element that is part of a selection acts on the whole selection.
  const targets = ele.selected() ? view.ids(':selected') : [id];
  if (isGroupId(id)) {
    if (ele.data('source') === 'manual') {
      return [
        { label: 'Open the group', shortcut: 'Enter', testid: 'menu-group-open', run: () => void commands.openGroup(id) },
        { label: 'Remove from canvas', shortcut: 'Del', testid: 'menu-remove', danger: true, run: () => commands.remove([id]) },
      ];
    }
    const count = ele.data('count') as number;
    const next = Math.min(groupPageSize, count);
    return [
      {
        label: `Add the next ${next}, strongest first`,
        shortcut: 'Enter',
        testid: 'menu-group-next',
        run: () => void commands.openGroup(id),
      },
      { label: `Add the next ${next}, newest first`, testid: 'menu-group-newest', run: () => void commands.openGroup(id, 'NEWEST') },
      {
        label: count <= 500 ? `Add all ${count}` : 'Add the next 500',
        testid: 'menu-group-all',
        run: () => void commands.openGroup(id, 'STRONGEST', Math.min(500, count)),
      },
      { label: 'Remove the group', shortcut: 'Del', testid: 'menu-remove', danger: true, run: () => commands.remove([id]) },
    ];
  }
  const showEvidence = { label: 'Show evidence', testid: 'menu-evidence', run: () => explorer.select({ id, group: group ?? 'nodes' }) };
  if (group === 'edges') {
    return [
      showEvidence,
      { label: 'Hide', shortcut: 'H', testid: 'menu-hide', run: () => commands.hide(targets) },
      { label: 'Remove from canvas', shortcut: 'Del', testid: 'menu-remove', danger: true, run: () => commands.remove(targets) },
    ];
  }
  const entity: PickedEntity = { id, name: ele.data('name') as string, kind: ele.data('kind') as string };
  const pinned = ele.hasClass('pinned');
  return [
    { label: 'Expand…', shortcut: 'E', testid: 'menu-expand', run: () => commands.expand(id) },
    showEvidence,
    { label: 'Find paths from here…', testid: 'menu-path-from', run: () => handlers.pathEnd('from', entity) },
    { label: 'Find paths to here…', testid: 'menu-path-to', run: () => handlers.pathEnd('to', entity) },
    {
      label: pinned ? 'Unpin' : 'Pin in place',
      shortcut: 'P',
      testid: 'menu-pin',
      run: () => explorer.actions.setPinned(targets, !pinned),
    },
    { label: 'Hide', shortcut: 'H', testid: 'menu-hide', run: () => commands.hide(targets) },
    ...(targets.filter((target) => !isGroupId(target)).length > 1
      ? [{ label: `Group the ${targets.length} selected`, shortcut: 'Ctrl+G', testid: 'menu-group', run: () => commands.group(targets) }]
      : []),
    { label: 'Remove from canvas', shortcut: 'Del', testid: 'menu-remove', danger: true, run: () => commands.remove(targets) },
  ];
}
