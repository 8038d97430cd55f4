// Views of a whole report that the page derives without the DOM: quotes
// grouped by speaker, the timeline of resolved dates, an entity's mentions,
// and the sentence around a span. Spans arrive in code points; the one
// conversion to JavaScript string offsets is dom.js's.

import { utf16Offsets, toUtf16Span } from './dom.js';

/** Entity id -> entity. */
function byId(report) {
  return new Map((report?.entities ?? []).map((e) => [e.id, e]));
}

const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });

/**
 * Quotes grouped by speaker: `[{speaker, name, quotes: [{doc, docIndex,
 * quote, via}]}]` where `speaker` and `via` are entities (or null). Groups
 * with most quotes come first (then by name); "Unattributed" (speaker null,
 * or an id the report lacks) is always last. Quotes keep document order.
 */
export function quoteGroups(report) {
  const entities = byId(report);
  const groups = new Map();
  report?.documents.forEach((doc, docIndex) => {
    for (const quote of [...doc.quotes].sort((a, b) => a.start - b.start)) {
      const speaker = entities.get(quote.speaker) ?? null;
      const key = speaker ? speaker.id : '';
      if (!groups.has(key)) groups.set(key, { speaker, name: speaker ? speaker.name : 'Unattributed', quotes: [] });
      groups.get(key).quotes.push({ doc, docIndex, quote, via: entities.get(quote.via) ?? null });
    }
  });
  return [...groups.values()].sort((a, b) => {
    if (!a.speaker !== !b.speaker) return a.speaker ? -1 : 1;
    return b.quotes.length - a.quotes.length || byName(a.name, b.name);
  });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SEASONS = { SP: ['spring', 3], SU: ['summer', 6], FA: ['autumn', 9], WI: ['winter', 12] };

/** How wide a timeline point is, widest first (the order within one start date). */
export const GRANULARITIES = Object.freeze(['century', 'decade', 'year', 'half', 'season', 'quarter', 'month', 'week', 'day']);

const pad = (n, width = 2) => String(n).padStart(width, '0');
const iso = (date) => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/**
 * A TIMEX3-style value placed on the axis: `{start, granularity, label}`,
 * `start` being the ISO day the period starts on (`2024-09` -> `2024-09-01`,
 * `2024-W37` -> the Monday of that week). Null for what has no place on a
 * calendar: durations (`P8M`), unknown years (`XXXX-01-01`), `PRESENT_REF`
 * and the like, or anything malformed.
 */
export function parseDateValue(value) {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(v))) {
    const date = utc(+m[1], +m[2], +m[3]);
    if (!date) return null;
    return { start: iso(date), granularity: 'day', label: `${WEEKDAYS[date.getUTCDay()]} ${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}` };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) {
    const date = utc(+m[1], +m[2], 1);
    return date && { start: iso(date), granularity: 'month', label: `${MONTHS[+m[2] - 1]} ${m[1]}` };
  }
  if ((m = /^(\d{4})-W(\d{2})(?:-(\d))?$/.exec(v))) {
    const week = +m[2];
    if (week < 1 || week > 53) return null;
    // ISO weeks: week 1 holds 4 January; weeks start on Monday.
    const jan4 = utc(+m[1], 1, 4);
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (week - 1) * 7 * 86400000);
    if (m[3]) {
      const day = new Date(monday.getTime() + (Math.min(7, Math.max(1, +m[3])) - 1) * 86400000);
      return parseDateValue(iso(day));
    }
    return { start: iso(monday), granularity: 'week', label: `Week ${week} of ${m[1]}, from ${monday.getUTCDate()} ${MONTHS[monday.getUTCMonth()]}` };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) {
    return { start: `${m[1]}-${pad((+m[2] - 1) * 3 + 1)}-01`, granularity: 'quarter', label: `Q${m[2]} ${m[1]}` };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(v))) {
    return { start: `${m[1]}-${m[2] === '1' ? '01' : '07'}-01`, granularity: 'half', label: `${m[2] === '1' ? 'First' : 'Second'} half of ${m[1]}` };
  }
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(v))) {
    const [name, month] = SEASONS[m[2]];
    return { start: `${m[1]}-${pad(month)}-01`, granularity: 'season', label: `${name[0].toUpperCase()}${name.slice(1)} ${m[1]}` };
  }
  if ((m = /^(\d{4})$/.exec(v))) return { start: `${m[1]}-01-01`, granularity: 'year', label: m[1] };
  if ((m = /^(\d{3})$/.exec(v))) return { start: `${m[1]}0-01-01`, granularity: 'decade', label: `${m[1]}0s` };
  if ((m = /^(\d{2})$/.exec(v))) return { start: `${m[1]}00-01-01`, granularity: 'century', label: `${m[1]}00s` };
  return null;
}

function utc(year, month, day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 ? date : null;
}

/**
 * The timeline: `{groups, unplaced}`. `groups` are points on the axis in
 * order (`{key, start, granularity, label, items}`, by start day, then widest
 * first); each item is `{kind: 'published', doc, docIndex}` (a document's own
 * date, listed first) or `{kind: 'date', doc, docIndex, date}`. `unplaced`
 * lists the date phrases whose value is null or has no calendar place.
 * Made once per report (reports are never changed, only replaced): the tab
 * counts, the view and the HTML export all read it, and at tens of
 * thousands of documents it takes a second.
 */
export function timeline(report) {
  if (report === null || typeof report !== 'object') return buildTimeline(report);
  if (!timelines.has(report)) timelines.set(report, buildTimeline(report));
  return timelines.get(report);
}

/** Report -> its timeline. */
const timelines = new WeakMap();

function buildTimeline(report) {
  const groups = new Map();
  const unplaced = [];
  const add = (point, item) => {
    const key = `${point.start}/${point.granularity}`;
    if (!groups.has(key)) groups.set(key, { key, ...point, items: [] });
    groups.get(key).items.push(item);
  };
  report?.documents.forEach((doc, docIndex) => {
    const published = parseDateValue(doc.meta?.published);
    if (published) add(published, { kind: 'published', doc, docIndex });
    for (const date of [...doc.dates].sort((a, b) => a.start - b.start)) {
      const point = parseDateValue(date.value);
      if (point) add(point, { kind: 'date', doc, docIndex, date });
      else unplaced.push({ doc, docIndex, date });
    }
  });
  const rank = (g) => GRANULARITIES.indexOf(g.granularity);
  const kind = (item) => (item.kind === 'published' ? 0 : 1);
  const sorted = [...groups.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : rank(a) - rank(b)));
  for (const group of sorted) {
    group.items.sort((a, b) => kind(a) - kind(b) || a.docIndex - b.docIndex || (a.date?.start ?? 0) - (b.date?.start ?? 0));
  }
  return { groups: sorted, unplaced };
}

/**
 * Where entity `id` appears: `{documents: [{doc, docIndex, mentions}],
 * says, credits}`: its mentions by document (in text order), the quotes it
 * speaks and the quotes it is credited for (`via`), each `{doc, docIndex,
 * quote}`.
 */
export function entityAppearances(report, id) {
  const documents = [];
  const says = [];
  const credits = [];
  report?.documents.forEach((doc, docIndex) => {
    const mentions = doc.mentions.filter((m) => m.entity === id).sort((a, b) => a.start - b.start);
    if (mentions.length) documents.push({ doc, docIndex, mentions });
    for (const quote of doc.quotes) {
      if (quote.speaker === id) says.push({ doc, docIndex, quote });
      if (quote.via === id) credits.push({ doc, docIndex, quote });
    }
  });
  return { documents, says, credits };
}

const LIMIT = 90;

/**
 * For one document text, a function from a span (code points) to the
 * sentence around it as `{before, match, after}` strings, each side cut to
 * about 90 characters at a word break (marked with "…").
 */
export function contextOf(textValue) {
  const table = utf16Offsets(textValue);
  return (span) => {
    const { start, end } = toUtf16Span(table, span);
    let from = start;
    while (from > 0 && !boundaryBefore(textValue, from)) from--;
    let to = end;
    while (to < textValue.length && !boundaryAfter(textValue, to)) to++;
    let before = textValue.slice(from, start).replace(/^\s+/, '');
    let after = textValue.slice(end, to).replace(/\s+$/, '');
    if (before.length > LIMIT) before = `…${before.slice(before.indexOf(' ', before.length - LIMIT) + 1)}`;
    if (after.length > LIMIT) after = `${after.slice(0, Math.max(after.lastIndexOf(' ', LIMIT), 1))}…`;
    return { before: squash(before), match: squash(textValue.slice(start, end)), after: squash(after) };
  };
}

/** Whether a sentence starts at `i`: after a line break, or after . ! ? (and closing marks) and a space. */
function boundaryBefore(s, i) {
  if (s[i - 1] === '\n') return true;
  if (!/\s/.test(s[i - 1])) return false;
  let j = i - 2;
  while (j >= 0 && /["'”’»)\]]/.test(s[j])) j--;
  return j >= 0 && /[.!?…]/.test(s[j]) && !/\b[A-Z]$|\b(?:Mr|Ms|Mrs|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/.test(s.slice(Math.max(0, j - 5), j));
}

/** Whether a sentence ends just before `i`. */
function boundaryAfter(s, i) {
  return s[i] === '\n' || boundaryBefore(s, i + 1);
}

function squash(s) {
  return s.replace(/\s+/g, ' ');
}
