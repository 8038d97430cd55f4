// The reader: the selected document's text with mentions marked by type,
// quotes and dates marked, and boilerplate (text outside `content`) dimmed.
// Spans arrive in code points and are converted once, by dom.js. A jump
// from another view (state.target) marks its span and scrolls it into view.

import { el, text, replaceChildren, cleanText, externalLink, utf16Offsets, toUtf16Span } from '../dom.js';
import { UiEvent } from '../event-bus.js';
import { LABELS, LABEL_NAMES, plural, selectedDocument, entitiesById } from '../state.js';

/** Renders the selected document into `els.reader` and its details into `els.readerMeta`. */
export function renderReader(els, state, bus) {
  const doc = selectedDocument(state);
  if (!doc) {
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
  replaceChildren(els.readerMeta, metaNodes(doc, story));
  if (!doc.text) {
    replaceChildren(els.reader, [el('p', { className: 'empty', text: 'This document has no text to show.' })]);
    return;
  }
  const table = utf16Offsets(doc.text);
  const target = state.target && state.target.doc === state.selected && state.target.end > state.target.start ? state.target : null;
  const body = el('div', { className: 'reader-text' });
  for (const piece of segments(doc)) body.append(render(piece, doc.text, table, entities, state.focusEntity, target, bus));
  replaceChildren(els.reader, [body]);
  if (state.target) {
    const first = els.reader.querySelector('.target');
    if (first) first.scrollIntoView({ block: 'center' });
    else els.reader.scrollTop = 0;
  }
}

function metaNodes(doc, story) {
  const m = doc.meta ?? {};
  const title = el('h3', { className: 'doc-title', text: cleanText(m.title || doc.name) });
  const facts = [
    ['File', doc.name],
    ['Publisher', m.publisher],
    ['By', (m.authors ?? []).join(', ')],
    ['Published', m.published],
    ['Original source', m.original_source],
    ['Labels', (m.labels ?? []).join(', ')],
    ['Story', story ? `${story.title} (${plural(story.documents.length, 'document')})` : null],
  ].filter(([, value]) => value);
  const list = el(
    'dl',
    { className: 'doc-facts' },
    facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: cleanText(value) })]),
  );
  const urls = (m.urls ?? []).length
    ? el('ul', { className: 'doc-urls' }, m.urls.map((u) => el('li', {}, [externalLink(u)])))
    : null;
  const counts = el('p', {
    className: 'doc-counts',
    text: [
      plural(doc.mentions.length, 'mention'),
      plural(doc.quotes.length, 'quote'),
      plural(doc.dates.length, 'date'),
      ...doc.warnings.map((w) => `⚠ ${cleanText(w)}`),
    ].join(' · '),
  });
  return [title, list, urls, counts];
}

/**
 * Splits the document into pieces `{start, end, mention, content, quote,
 * date}` (code points) where every piece has one set of marks. A mention
 * is never split.
 */
export function segments(doc) {
  const length = [...doc.text].length;
  const mentions = sorted(doc.mentions);
  const cuts = new Set([0, length]);
  for (const list of [doc.content, doc.quotes, doc.dates, mentions]) {
    for (const span of list) cuts.add(clamp(span.start, length)).add(clamp(span.end, length));
  }
  const inside = cover(mentions);
  const points = [...cuts].sort((a, b) => a - b).filter((p) => !inside(p, true));
  const find = { mention: cover(mentions), content: cover(sorted(doc.content)), quote: cover(sorted(doc.quotes)), date: cover(sorted(doc.dates)) };
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
