// The reader: the selected document's metadata card, then its text with
// mentions marked by type, quotes and dates marked, and boilerplate (text
// outside `content`) dimmed, or folded into placeholders while the toolbar's
// toggle is on. A feed capture shows each post as its own block.
// Spans arrive in code points and are converted once, by dom.js. A jump
// from another view (state.target) marks its span and scrolls it into view.

import { el, text, replaceChildren, cleanText, externalLink, utf16Offsets, toUtf16Span, codePointAt } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { copiesOf } from '../compare.js';
import { copyLinks } from './copies.js';
import { boilerplateRuns, readerLayout, runSummary } from '../reader-layout.js';
import { LABELS, LABEL_NAMES, plural, selectedDocument, entitiesById } from '../state.js';
import { limitFor, showMore } from '../windowing.js';

/** Renders the selected document into `els.reader`, its card into `els.readerMeta`, and the toolbar's toggle. */
export function renderReader(els, state, bus) {
  const doc = selectedDocument(state);
  const toggle = els.boilerplateToggle;
  toggle.setAttribute('aria-pressed', state.collapseBoilerplate ? 'true' : 'false');
  if (!doc) {
    toggle.disabled = true;
    replaceChildren(els.readerMeta, []);
    replaceChildren(els.reader, [
      el('p', {
        className: 'empty',
        text: state.batch
          ? 'Analyzing…'
          : 'Drop some coverage, or load the sample, to read it here with every name marked.',
      }),
    ]);
    return;
  }
  const entities = entitiesById(state.report);
  const story = state.report.stories.find((s) => s.id === doc.story);
  const { table, layout, runs, copies, pieces } = prepared(state.report, state.selected, doc);
  toggle.disabled = runs.length === 0;
  replaceChildren(els.readerMeta, [...metaCard(doc, story), copyLinks(copies, bus)]);
  if (!doc.text) {
    replaceChildren(els.reader, [el('p', { className: 'empty', text: 'This document has no text to show.' })]);
    return;
  }
  // Rebuilding must not drop keyboard focus from a run's button.
  const focusedRun = els.reader.contains(document.activeElement) ? document.activeElement.dataset?.run : undefined;
  const target = state.target && state.target.doc === state.selected && state.target.end > state.target.start ? state.target : null;
  const paint = (piece) => render(piece, doc.text, table, entities, state.focusEntity, target, bus);
  // A long document is drawn a window at a time (and always as far as a jump's target).
  const key = `doc:${state.selected}`;
  const end = windowEnd(doc.text, table, limitFor(els.reader, state.report, key, READER_CHARACTERS), target);
  let next = 0;
  const take = (until) => {
    const out = [];
    while (next < pieces.length && pieces[next].start < until) {
      const piece = pieces[next++];
      // the window ends inside this piece: cut it there, unless it is a name
      out.push(piece.end > end && !piece.mention ? { ...piece, end } : piece);
    }
    return out;
  };
  const feed = layout.some((section) => section.kind === 'post');
  const body = el('div', { className: `reader-text${feed ? ' feed' : ''}` });
  for (const section of layout) {
    if (section.start >= end) break;
    const nodes = [];
    section.parts.forEach((part, i) => {
      if (part.start >= end) return;
      const taken = take(Math.min(part.end, end));
      if (part.kind === 'boilerplate') {
        for (const node of runNodes(part, taken.map(paint), state, bus)) nodes.push(node);
        return;
      }
      // Between the posts of a feed, blank lines at the edges only pad the blocks.
      const edge = i === 0 || i === section.parts.length - 1;
      if (feed && edge && !/\S/u.test(slice(doc.text, table, part))) return;
      for (const piece of taken) nodes.push(paint(piece));
    });
    // appended one by one: a long document has more nodes than a call takes arguments
    if (!feed) for (const node of nodes) body.append(node);
    else if (section.kind === 'post') body.append(postBlock(section, nodes));
    else if (nodes.length) body.append(el('div', { className: 'between' }, nodes));
  }
  const length = table.count;
  const hidden = length - end;
  const more = hidden > 0
    ? showMore(els.reader, state.report, hidden, 'reader-more', () => renderReader(els, state, bus), key, {
        step: READER_CHARACTERS,
        words: (n, left) => `Show ${count(n)} more characters (${count(left)} of ${count(length)} not shown)`,
      })
    : null;
  replaceChildren(els.reader, [body, more]);
  if (focusedRun !== undefined) els.reader.querySelector(`[data-run="${Number(focusedRun)}"]`)?.focus();
  if (state.target) {
    const first = els.reader.querySelector('.target');
    if (first) first.scrollIntoView({ block: 'center' });
    else els.reader.scrollTop = 0;
  }
}

/**
 * Characters (code points) of a document the reader draws at first, and
 * adds with each "Show more": a 30 MB document drawn whole took 15 s and
 * gigabytes of the tab; 200,000 take a fraction of a second.
 */
export const READER_CHARACTERS = 200_000;

/** A line longer than this past the window is cut inside, not drawn to its end. */
const LINE_REACH = 10_000;

/**
 * Where the reader stops drawing, in code points: at `limit`, or further to
 * include `target` (a jump's span), then on to the end of that line when it
 * is near; the text's length when that is sooner. `table` is
 * `utf16Offsets(text)`.
 */
export function windowEnd(text, table, limit, target = null) {
  const length = table.count;
  const want = Math.max(limit, target ? target.end : 0);
  if (want >= length) return length;
  const from = table.unit(want);
  const newline = text.indexOf('\n', from);
  if (newline < 0) return from + LINE_REACH >= text.length ? length : want;
  if (newline - from > LINE_REACH) return want;
  return Math.min(length, codePointAt(table, newline) + 1);
}

const count = (n) => n.toLocaleString('en-US');

/** Per document object (reports are replaced, never changed): what drawing it needs that no click changes. */
const preparedDocs = new WeakMap();

function prepared(report, selected, doc) {
  let ready = preparedDocs.get(doc);
  if (!ready) {
    const table = utf16Offsets(doc.text ?? '');
    const layout = readerLayout(doc, table);
    const copies = copiesOf(report, selected);
    const cuts = layout.flatMap((section) => section.parts.flatMap((part) => [part.start, part.end]));
    ready = { table, layout, runs: boilerplateRuns(layout), copies, pieces: segments(doc, cuts, copies.shared, table.count) };
    preparedDocs.set(doc, ready);
  }
  return ready;
}

function slice(source, table, span) {
  const { start, end } = toUtf16Span(table, span);
  return source.slice(start, end);
}

/** A post of a feed: its own block, labelled "Post N of M". */
function postBlock(section, nodes) {
  const label = `Post ${section.number} of ${section.total}`;
  return el('article', { className: 'post', attrs: { 'aria-label': label } }, [
    el('p', { className: 'post-label', text: label }),
    el('div', { className: 'post-text' }, nodes),
  ]);
}

/**
 * A boilerplate run: its marked text, or while collapsed a placeholder that
 * opens it; a run opened on its own ends with a button that folds it again.
 */
function runNodes(run, nodes, state, bus) {
  if (!state.collapseBoilerplate) return nodes;
  const open = state.openRuns.includes(run.start);
  const button = el('button', {
    className: open ? 'run-hide' : 'run-placeholder',
    text: open ? 'hide' : runSummary(run),
    title: open ? undefined : 'Show this text from around the article',
    attrs: {
      type: 'button',
      'aria-expanded': open ? 'true' : 'false',
      'aria-label': open ? `Hide these ${plural(run.lines, 'line')} of page furniture` : null,
      'data-run': run.start,
    },
  });
  button.addEventListener('click', () => bus.emit(UiEvent.TOGGLE_RUN, run.start));
  if (!open) return [button];
  return [el('span', { className: 'run-open' }, nodes), ' ', button];
}

/** Links the card lists at most: a page of 200,000 links built as many list items. */
const CARD_LINKS = 500;

/** The document's card: headline, publisher, bylines, date, credits, labels, links, file facts, warnings. */
function metaCard(doc, story) {
  const m = doc.meta ?? {};
  const present = (value) => (typeof value === 'string' ? value.trim() !== '' : value !== null && value !== undefined);
  const authors = (m.authors ?? []).filter(present).map(cleanText);
  const title = el('h3', { className: 'doc-title', text: cleanText(present(m.title) ? m.title : doc.name) });
  const facts = [
    ['Publisher', present(m.publisher) ? cleanText(m.publisher) : null, 'publisher'],
    [authors.length > 1 ? 'Authors' : 'By', authors.join(', '), 'authors'],
    ['Published', present(m.published) ? publishedNode(m.published) : null, 'published'],
    ['Original source', present(m.original_source) ? cleanText(m.original_source) : null, 'original-source'],
    ['File', cleanText(doc.name), 'file'],
    ['Format', [doc.format, doc.encoding].filter(present).join(' · '), 'format'],
    ['Story', story ? `${cleanText(story.title)} (${plural(story.documents.length, 'document')})` : null, 'story'],
  ].filter(([, value]) => value);
  const list = el(
    'dl',
    { className: 'doc-facts' },
    facts.flatMap(([name, value, key]) => [
      el('dt', { text: name }),
      typeof value === 'string' ? el('dd', { className: `fact-${key}`, text: value }) : el('dd', { className: `fact-${key}` }, [value]),
    ]),
  );
  const labels = (m.labels ?? []).filter(present);
  const tags = labels.length
    ? el('ul', { className: 'doc-labels', attrs: { 'aria-label': 'Labels' } }, labels.map((label) => {
        const ai = isAiDisclosure(label);
        return el('li', {
          className: `label-tag${ai ? ' label-ai' : ''}`,
          title: ai ? 'Disclosure: this story says it was made with AI' : undefined,
          text: `${ai ? '⚠ ' : ''}${cleanText(label)}`,
        });
      }))
    : null;
  const urls = (m.urls ?? []).filter(present);
  const links = urls.length
    ? el('details', { className: 'doc-urls' }, [
        el('summary', { text: plural(urls.length, 'link') }),
        el('ul', {}, urls.slice(0, CARD_LINKS).map((u) => el('li', {}, [externalLink(u)]))),
        urls.length > CARD_LINKS ? el('p', { className: 'note', text: `… and ${count(urls.length - CARD_LINKS)} more (all of them are in the exports)` }) : null,
      ])
    : null;
  const warnings = doc.warnings.length
    ? el('ul', { className: 'warnings doc-warnings' }, doc.warnings.map((w) => el('li', { className: 'warning', text: cleanText(w) })))
    : null;
  const posts = (doc.posts ?? []).length;
  const counts = el('p', {
    className: 'doc-counts',
    text: [
      posts > 1 ? plural(posts, 'post') : null,
      plural(doc.mentions.length, 'mention'),
      plural(doc.quotes.length, 'quote'),
      plural(doc.dates.length, 'date'),
    ].filter(Boolean).join(' · '),
  });
  return [el('section', { className: 'doc-card', attrs: { 'aria-label': 'About this document' } }, [title, list, tags, links, warnings, counts])];
}

/** A `YYYY-MM-DD` date as words ("4 March 2025") in a <time>; anything else as given. */
function publishedNode(value) {
  const iso = String(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return text(cleanText(iso));
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const month = months[Number(match[2]) - 1];
  if (!month) return text(cleanText(iso));
  return el('time', { text: `${Number(match[3])} ${month} ${match[1]}`, attrs: { datetime: iso } });
}

/** Whether a label discloses that the story was made by or with AI. */
export function isAiDisclosure(label) {
  return /\b(ai|a\.i\.|artificial intelligence|generated|chatgpt|gpt-?\d*|llm|language model)\b/iu.test(String(label));
}

/**
 * Splits the document into pieces `{start, end, mention, content, quote,
 * date, shared}` (code points) where every piece has one set of marks, also
 * cut at `extraCuts` (the reader's layout). `shared` marks the pieces inside
 * `sharedSpans` (passages a copy link shares; sorted, not overlapping). A
 * mention is never split. `length` is the text's length in code points.
 */
export function segments(doc, extraCuts = [], sharedSpans = [], length = codePointCount(doc.text)) {
  const mentions = sorted(doc.mentions);
  const cuts = new Set([0, length]);
  for (const point of extraCuts) cuts.add(clamp(point, length));
  for (const list of [doc.content, doc.quotes, doc.dates, mentions, sharedSpans]) {
    for (const span of list) cuts.add(clamp(span.start, length)).add(clamp(span.end, length));
  }
  const inside = cover(mentions);
  const points = [...cuts].sort((a, b) => a - b).filter((p) => !inside(p, true));
  const find = { mention: cover(mentions), content: cover(sorted(doc.content)), quote: cover(sorted(doc.quotes)), date: cover(sorted(doc.dates)), shared: cover(sorted(sharedSpans)) };
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    pieces.push({
      start,
      end: points[i + 1],
      mention: find.mention(start),
      content: Boolean(find.content(start)),
      quote: find.quote(start),
      date: find.date(start),
      shared: Boolean(find.shared(start)),
    });
  }
  return pieces;
}

/**
 * For spans sorted by start, a lookup `(point, strictlyInside)` that returns
 * the span covering `point` (start <= point < end), or with
 * `strictlyInside` one with start < point < end. It keeps its place between
 * calls, so a left-to-right walk costs linear time.
 */
function cover(spans) {
  let from = 0;
  return (point, strictlyInside = false) => {
    while (from > 0 && spans[from - 1].end > point) from--;
    while (from < spans.length && spans[from].end <= point) from++;
    for (let i = from; i < spans.length && spans[i].start <= point; i++) {
      const s = spans[i];
      if (point < s.end && (strictlyInside ? s.start < point : s.start <= point)) return s;
    }
    return null;
  };
}

function sorted(spans) {
  return [...(spans ?? [])].sort((a, b) => a.start - b.start || b.end - a.end);
}

function codePointCount(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

function clamp(n, length) {
  return Math.max(0, Math.min(length, n | 0));
}

function render(piece, source, table, entities, focus, target, bus) {
  const { start, end } = toUtf16Span(table, piece);
  const words = source.slice(start, end);
  const classes = [];
  if (target && piece.start < target.end && piece.end > target.start) classes.push('target');
  if (!piece.content) classes.push('boilerplate');
  if (piece.quote) classes.push('quote');
  if (piece.date) classes.push('date');
  if (piece.shared) classes.push('shared');
  if (!piece.mention) {
    if (!classes.length) return text(words);
    return el('span', { className: classes.join(' '), title: piece.date ? dateTitle(piece.date) : undefined, text: words });
  }
  const m = piece.mention;
  const label = LABELS.includes(m.label) ? m.label : 'MISC';
  classes.unshift('m', `m-${label}`);
  if (focus && m.entity === focus) classes.push('focus');
  const entity = entities.get(m.entity);
  const mark = el('mark', { className: classes.join(' '), title: mentionTitle(label, entity), text: words });
  mark.addEventListener('click', () => bus.emit(UiEvent.FOCUS_ENTITY, m.entity));
  return mark;
}

function mentionTitle(label, entity) {
  const kind = `${label} (${LABEL_NAMES[label]})`;
  if (!entity) return kind;
  return `${kind}: ${entity.name}, ${entity.mentions} mentions in ${entity.documents} documents`;
}

function dateTitle(date) {
  return date.value ? `date: ${date.value}` : 'date (not resolved)';
}
