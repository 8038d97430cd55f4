// The Export menu in the top bar: the report as JSON or as one HTML page,
// and each CSV table with its row count. The menu opens and closes here
// (its open state is the DOM's, nothing else depends on it); what a
// choice downloads is main.js's `onExport(kind, file)`.

import { el, replaceChildren } from '../dom.js';
import { CSV_TABLES, csvRowCounts } from '../export-csv.js';
import { plural } from '../state.js';

/** Connects the menu's button, its items, Escape and clicks outside; `onExport('json'|'html'|'csv', fileName)`. */
export function setupExportMenu(els, onExport, signal) {
  const open = (yes) => {
    els.exportMenu.hidden = !yes;
    els.exportMenuButton.setAttribute('aria-expanded', String(yes));
  };
  els.exportMenuButton.addEventListener('click', () => {
    open(els.exportMenu.hidden);
    if (!els.exportMenu.hidden) els.exportMenu.querySelector('button:not(:disabled)')?.focus();
  }, { signal });
  els.exportMenu.addEventListener('click', (e) => {
    const item = e.target.closest('button[data-export]');
    if (!item || item.disabled) return;
    open(false);
    onExport(item.dataset.export, item.dataset.file ?? null);
  }, { signal });
  els.exportMenu.addEventListener('keydown', (e) => {
    const items = [...els.exportMenu.querySelectorAll('button:not(:disabled)')];
    const at = items.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      open(false);
      els.exportMenuButton.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  }, { signal });
  document.addEventListener('click', (e) => {
    if (!els.exportMenu.hidden && !els.exportMenuWrap.contains(e.target)) open(false);
  }, { signal });
}

/** Enables the menu when there is a finished report; lists the CSV tables with their row counts. */
export function renderExportMenu(els, state) {
  const ready = Boolean(state.report) && !state.batch;
  els.exportMenuButton.disabled = !ready;
  els.exportHtmlButton.disabled = !ready;
  if (!ready) {
    els.exportMenu.hidden = true;
    els.exportMenuButton.setAttribute('aria-expanded', 'false');
  }
  const counts = state.report ? csvRowCounts(state.report) : new Map();
  replaceChildren(els.exportCsvList, CSV_TABLES.map((table) => {
    const file = `${table.name}.csv`;
    return el('li', { attrs: { role: 'none' } }, [
      el('button', {
        className: 'menu-item',
        title: table.title,
        attrs: { type: 'button', role: 'menuitem', 'data-export': 'csv', 'data-file': file, disabled: !ready },
      }, [file, el('span', { className: 'count', text: counts.has(file) ? plural(counts.get(file), 'row') : '' })]),
    ]);
  }));
}
