// Long grouped views (quotes, timeline) draw their first entries only and
// end with a "Show more" button, so a batch of thousands of documents
// does not stall the page building nodes nobody scrolls to. How far a
// view is opened is kept per container until its report changes.

import { el } from './dom.js';

/** Entries drawn at first, and added by each "Show more". */
export const ENTRIES_SHOWN = 300;

/** Per container: {report, limit}. */
const opened = new WeakMap();

/** How many entries `container` draws for `report`. */
export function limitFor(container, report) {
  const last = opened.get(container);
  return last && last.report === report ? last.limit : ENTRIES_SHOWN;
}

/**
 * The leading groups holding at most `limit` entries in all (`items(group)`
 * lists a group's entries; the last group drawn may be cut): `{groups:
 * [{group, entries}], hidden}`, `hidden` counting the entries left out.
 */
export function clip(groups, limit, items) {
  const out = [];
  let left = limit;
  let hidden = 0;
  for (const group of groups) {
    const all = items(group);
    const entries = all.slice(0, Math.max(0, left));
    if (entries.length) out.push({ group, entries });
    hidden += all.length - entries.length;
    left -= entries.length;
  }
  return { groups: out, hidden };
}

/** The "Show more" button: opens `container` by ENTRIES_SHOWN more and calls `redraw()`. */
export function showMore(container, report, hidden, id, redraw) {
  const button = el('button', {
    className: 'small show-more',
    text: `Show ${Math.min(hidden, ENTRIES_SHOWN)} more (${hidden} not shown)`,
    attrs: { type: 'button', id },
  });
  button.addEventListener('click', () => {
    opened.set(container, { report, limit: limitFor(container, report) + ENTRIES_SHOWN });
    redraw();
    document.getElementById(id)?.focus();
  });
  return el('p', { className: 'more' }, [button]);
}
