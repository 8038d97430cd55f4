// The view switcher: Reader / Entities / Quotes / Timeline / Compare / Graph as ARIA tabs
// (arrow keys, Home and End move between them; main.js wires the keys).
// Shows the chosen panel, hides the others, and puts counts on the tabs.

import { VIEWS } from '../state.js';
import { timeline } from '../coverage.js';

/** Renders `state.view` into `els.tabs` / `els.panels` (both keyed by view name). */
export function renderTabs(els, state) {
  for (const view of VIEWS) {
    const chosen = view === state.view;
    els.tabs[view].setAttribute('aria-selected', chosen ? 'true' : 'false');
    els.tabs[view].tabIndex = chosen ? 0 : -1;
    els.panels[view].hidden = !chosen;
  }
}

/** Puts the report's counts on the tabs (a pass over every quote and date: once per report, not per tab switch). */
export function renderTabCounts(els, state) {
  const report = state.report;
  const quotes = report ? report.documents.reduce((n, d) => n + d.quotes.length, 0) : 0;
  els.quoteCount.textContent = report ? `(${quotes})` : '';
  const dated = report ? timeline(report).groups.reduce((n, g) => n + g.items.filter((i) => i.kind === 'date').length, 0) : 0;
  els.timelineCount.textContent = report ? `(${dated})` : '';
}

/** The view a key press on a tab moves to, or null for other keys. */
export function viewForKey(current, key) {
  const i = VIEWS.indexOf(current);
  switch (key) {
    case 'ArrowRight': return VIEWS[(i + 1) % VIEWS.length];
    case 'ArrowLeft': return VIEWS[(i + VIEWS.length - 1) % VIEWS.length];
    case 'Home': return VIEWS[0];
    case 'End': return VIEWS[VIEWS.length - 1];
    default: return null;
  }
}
