/**
 * Views the team shares: save the canvas on the server under a title and a note, open any saved view (it comes
 * back exactly: positions, links, hidden, pinned, selection, filters, groups), copy a view's link (/v/<id>), and
 * delete one's own. Views an earlier build kept in this browser move to the server the first time the menu opens.
 */
import { ApiError } from '../api/client';
import { deleteView, listViews, type ViewSummary } from '../api/queries';
import type { Explorer } from '../explorer';
import { migrateLocalViews, openSharedView, shareCurrentView, showsCurrentView } from '../shared-views';
import { h } from './dom';
import { menuButton, type MenuEntry } from './menu-button';
import { openModal } from './modal';
import { reportError, toast } from './status';

const absolute = (url: string) => `${location.origin}${url}`;

function copy(text: string, done: string): void {
  const fallback = () => toast(`${done} ${text}`, 'info', 12_000);
  if (!navigator.clipboard) return fallback();
  navigator.clipboard.writeText(text).then(() => toast(`${done} ${text}`), fallback);
}

/** After a view is saved or opened, the address is the view's, so a reload or a bookmark opens it again. */
export function showViewAddress(view: { url: string }): void {
  if (location.pathname !== view.url) history.pushState(null, '', view.url);
}

/**
 * Copy link: the open view's address when the canvas still shows it; otherwise the canvas is saved as a new view
 * first, so the link always reproduces what the analyst sees.
 */
export async function copyViewLink(explorer: Explorer, fallbackQuery: () => string): Promise<void> {
  try {
    if (explorer.currentView && showsCurrentView(explorer)) return copy(absolute(explorer.currentView.url), 'Link copied:');
    const saved = await shareCurrentView(explorer, { title: `Shared view, ${new Date().toISOString().slice(0, 16).replace('T', ' ')}` });
    showViewAddress(saved);
    copy(absolute(saved.url), 'Saved for the team; link copied:');
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      copy(
        `${location.origin}/${fallbackQuery()}`,
        'Saving a view for the team needs a token; copied a link with the focus and filters instead:',
      );
      return;
    }
    reportError(error, 'Copy link');
  }
}

export function createViewsMenu(explorer: Explorer, currentQuery: () => string): HTMLElement {
  let migrated = false;

  async function open(view: ViewSummary): Promise<void> {
    try {
      const opened = await openSharedView(explorer, view.id);
      if (!opened) return toast(`The view “${view.title}” no longer exists.`, 'error');
      showViewAddress(opened.view);
      const missing = [
        opened.report.missingEntities ? `${opened.report.missingEntities} of its entities` : '',
        opened.report.missingLinks ? `${opened.report.missingLinks} of its links` : '',
      ].filter(Boolean);
      toast(`Opened “${view.title}”.${missing.length ? ` ${missing.join(' and ')} are no longer in the graph.` : ''}`);
    } catch (error) {
      reportError(error, 'Open view');
    }
  }

  function askName(): void {
    const modal = openModal('Save view for the team', 'views-save-dialog');
    const current = explorer.currentView;
    const title = h('input', {
      type: 'text',
      value: current?.title ?? '',
      placeholder: 'e.g. Albania 2022, attribution chain',
      testid: 'views-name',
      'aria-label': 'Title',
      maxlength: 200,
    });
    const note = h('textarea', {
      rows: 3,
      testid: 'views-note',
      'aria-label': 'Note',
      placeholder: 'What this view shows, for whoever opens it',
    });
    const replace = h('input', { type: 'checkbox', checked: Boolean(current), testid: 'views-replace' });
    const confirm = h('button', { class: 'primary', testid: 'views-save-confirm', onclick: () => void submit() }, 'Save');
    const submit = async () => {
      const name = title.value.trim();
      if (!name) return title.focus();
      modal.close();
      try {
        const saved = await shareCurrentView(explorer, {
          title: name,
          note: note.value,
          id: replace.checked && current ? current.id : undefined,
        });
        showViewAddress(saved);
        copy(absolute(saved.url), `Saved “${saved.title}” for the team; link copied:`);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'FORBIDDEN') {
          toast(`${error.message} Untick “Replace” to save your own copy.`, 'error');
          return;
        }
        reportError(error, 'Save view');
      }
    };
    title.addEventListener('keydown', (e) => e.key === 'Enter' && void submit());
    modal.body.append(
      h('label', { class: 'stack' }, 'Title', title),
      h('label', { class: 'stack' }, 'Note', note),
      current ? h('label', { class: 'check' }, replace, `Replace “${current.title}” (its link stays the same)`) : '',
      h(
        'p',
        { class: 'hint' },
        'Saved on the server: anyone who may read the graph can open it at its link, exactly as you see it now (positions, links, hidden and pinned entities, selection, filters, groups). Only you and editors can change it.',
      ),
      h('div', { class: 'modal-actions' }, confirm),
    );
  }

  const entries = async (): Promise<MenuEntry[]> => {
    if (!migrated) {
      migrated = true;
      const moved = await migrateLocalViews(window.localStorage).catch((error: unknown) => {
        reportError(error, 'Moving views to the server');
        return 0;
      });
      if (moved > 0)
        toast(
          `${moved} view${moved === 1 ? '' : 's'} saved in this browser moved to the server: the team can open ${moved === 1 ? 'it' : 'them'} now.`,
        );
    }
    const views = await listViews(100);
    return [
      { label: 'Save view for the team…', testid: 'views-save', run: askName },
      { label: 'Copy link to this view', testid: 'views-copy-link', run: () => void copyViewLink(explorer, currentQuery) },
      ...views.map((view) => ({
        label: h(
          'span',
          { class: 'view-entry' },
          h('span', { class: 'view-title' }, view.title),
          h('span', { class: 'view-meta' }, [view.author, view.updatedAt.slice(0, 10)].filter(Boolean).join(' · ')),
        ),
        testid: 'views-open',
        run: () => void open(view),
        trailing: h(
          'button',
          {
            class: 'icon-button',
            title: `Delete “${view.title}”`,
            'aria-label': `Delete ${view.title}`,
            testid: 'views-delete',
            onclick: (e: Event) => {
              e.stopPropagation();
              const item = (e.currentTarget as HTMLElement).closest('li');
              deleteView(view.id).then(
                () => {
                  item?.remove();
                  toast(`Deleted “${view.title}”.`);
                },
                (error: unknown) => reportError(error, 'Delete view'),
              );
            },
          },
          '×',
        ),
      })),
    ];
  };

  return menuButton('Views', 'views-menu', 'Save, share and reopen views', entries);
}
