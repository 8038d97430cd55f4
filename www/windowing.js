// Long grouped views (quotes, timeline, entities, an entity's page) draw
// their first entries only and end with a "Show more" button, so a batch of
// thousands of documents does not stall the page building nodes nobody
// scrolls to. How far a list is opened is kept per container and key (one
// container may hold several lists, or show several entities' in turn)
// until its report changes.

import { el } from './dom.js';

/** Entries drawn at first, and added by each "Show more". */
export const ENTRIES_SHOWN = 300;

/** Per container: {report, limits: key -> limit}. */
const opened = new WeakMap();

/** How many entries the list `key` of `container` draws for `report` (`step` at first). */
export function limitFor(container, report, key = '', step = ENTRIES_SHOWN) {
  const last = opened.get(container);
  return (last && last.report === report && last.limits.get(key)) || step;
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

/**
 * The "Show more" button: opens the list `key` of `container` by `step`
 * more (ENTRIES_SHOWN entries unless told) and calls `redraw()`; `words`
 * says what it shows, given how many would come and how many are hidden.
 */
export function showMore(container, report, hidden, id, redraw, key = '', { step = ENTRIES_SHOWN, words = moreEntries } = {}) {
  const button = el('button', {
    className: 'small show-more',
    text: words(Math.min(hidden, step), hidden),
    attrs: { type: 'button', id },
  });
  button.addEventListener('click', () => {
    const last = opened.get(container);
    const limits = last && last.report === report ? last.limits : new Map();
    limits.set(key, limitFor(container, report, key, step) + step);
    opened.set(container, { report, limits });
    redraw();
    document.getElementById(id)?.focus();
  });
  return el('p', { className: 'more' }, [button]);
}

function moreEntries(next, hidden) {
  return `Show ${next} more (${hidden} not shown)`;
}
