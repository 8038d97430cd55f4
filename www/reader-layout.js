// The reader's layout, without the DOM: a document's text cut into
// sections (each post of a feed capture, and the text around the posts)
// and, inside each section, the runs of boilerplate (text outside
// `content`) that the reader can collapse into a placeholder. Offsets are
// the report's own: code points, end exclusive. See `readerLayout`.

import { partitionPoint, utf16Offsets } from './dom.js';

/**
 * The sections of `doc`, in order, covering its whole text without gaps.
 * A document with two or more `posts` (a feed capture) gets
 * `{kind: 'post', start, end, number, total}` for each post and
 * `{kind: 'between', start, end}` for the text before, between and after
 * them; any other document is one `{kind: 'text', start, end}`.
 *
 * Each section has `parts`, in order and covering it: `{kind: 'text',
 * start, end}`, or `{kind: 'boilerplate', start, end, lines, mentions}`
 * for a run of boilerplate that can be collapsed: whole lines outside
 * `content`, trimmed of surrounding whitespace, holding `lines` non-blank
 * lines and `mentions` marked names. Boilerplate on a line shared with
 * content, or that a mention straddles, stays a `text` part (dimmed only).
 */
export function readerLayout(doc, table = utf16Offsets(doc.text ?? '')) {
  const chars = codePoints(doc.text ?? '', table);
  const length = chars.length;
  const posts = ordered(doc.posts, length);
  const sections = [];
  if (posts.length < 2) {
    sections.push({ kind: 'text', start: 0, end: length });
  } else {
    let at = 0;
    posts.forEach((post, i) => {
      if (post.start > at) sections.push({ kind: 'between', start: at, end: post.start });
      sections.push({ kind: 'post', start: post.start, end: post.end, number: i + 1, total: posts.length });
      at = post.end;
    });
    if (at < length) sections.push({ kind: 'between', start: at, end: length });
  }
  const content = ordered(doc.content, length);
  const mentions = [...(doc.mentions ?? [])].sort((a, b) => a.start - b.start || a.end - b.end);
  return sections.map((section) => ({ ...section, parts: partsOf(chars, section, content, mentions) }));
}

/** Every collapsible boilerplate run of a layout, in order. */
export function boilerplateRuns(layout) {
  return layout.flatMap((section) => section.parts.filter((part) => part.kind === 'boilerplate'));
}

/** The starts of the boilerplate runs of `doc` that overlap `span` ({start, end}, code points). */
export function runsOverlapping(doc, span) {
  return boilerplateRuns(readerLayout(doc))
    .filter((run) => run.start < span.end && span.start < run.end)
    .map((run) => run.start);
}

/** The placeholder's words for a collapsed run. */
export function runSummary(run) {
  const lines = `${run.lines} ${run.lines === 1 ? 'line' : 'lines'}`;
  const names = run.mentions ? ` (${run.mentions} ${run.mentions === 1 ? 'name' : 'names'})` : '';
  return `… ${lines} of page furniture${names}`;
}

/** Spans clamped to the text, sorted, without overlaps or empty ones. */
function ordered(spans, length) {
  const clamp = (n) => Math.max(0, Math.min(length, Number.isInteger(n) ? n : 0));
  const sorted = (spans ?? [])
    .map((s) => ({ start: clamp(s.start), end: clamp(s.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out = [];
  for (const span of sorted) {
    const start = Math.max(span.start, out.length ? out[out.length - 1].end : 0);
    if (span.end > start) out.push({ start, end: span.end });
  }
  return out;
}

/**
 * The text by code point without an array of its characters (one string
 * per character took hundreds of megabytes for a long document): `at(q)`
 * is the first UTF-16 unit of code point `q` (enough to tell a space or a
 * line break), `slice(a, b)` the text of code points [a, b).
 */
function codePoints(text, table) {
  return {
    length: table.count,
    at: (q) => text[table.unit(q)],
    slice: (a, b) => text.slice(table.unit(a), table.unit(b)),
  };
}

const isSpace = (c) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v' || c === '\u00a0';

function partsOf(chars, section, content, mentions) {
  // The stretches of the section outside every content span.
  const gaps = [];
  let at = section.start;
  for (const span of content) {
    if (span.end <= section.start || span.start >= section.end) continue;
    if (span.start > at) gaps.push([at, span.start]);
    at = Math.max(at, span.end);
  }
  if (at < section.end) gaps.push([at, section.end]);

  const parts = [];
  const push = (kind, start, end, extra = {}) => {
    if (end <= start) return;
    const last = parts[parts.length - 1];
    if (kind === 'text' && last?.kind === 'text' && last.end === start) last.end = end;
    else parts.push({ kind, start, end, ...extra });
  };
  let done = section.start;
  for (const [a, b] of gaps) {
    const run = collapsible(chars, a, b, mentions);
    if (!run) continue;
    push('text', done, run.start);
    push('boilerplate', run.start, run.end, { lines: run.lines, mentions: run.mentions });
    done = run.end;
  }
  push('text', done, section.end);
  return parts;
}

/**
 * The whole lines of the gap [a, b), trimmed (a partial line shared with
 * content is left out), when they hold some text and no mention straddles
 * them; else null.
 */
function collapsible(chars, a, b, mentions) {
  const lineStartsAt = (p) => {
    let q = p - 1;
    while (q >= 0 && chars.at(q) !== '\n' && isSpace(chars.at(q))) q--;
    return q < 0 || chars.at(q) === '\n';
  };
  const lineEndsAt = (p) => {
    let q = p;
    while (q < chars.length && chars.at(q) !== '\n' && isSpace(chars.at(q))) q++;
    return q >= chars.length || chars.at(q) === '\n';
  };
  let start = a;
  let end = b;
  if (!lineStartsAt(start)) {
    while (start < end && chars.at(start) !== '\n') start++;
  }
  if (!lineEndsAt(end)) {
    while (end > start && chars.at(end - 1) !== '\n') end--;
  }
  while (start < end && isSpace(chars.at(start))) start++;
  while (end > start && isSpace(chars.at(end - 1))) end--;
  if (start === end) return null;
  // Mentions are sorted by start and do not overlap one another.
  const lo = partitionPoint(mentions.length, (i) => mentions[i].start < start);
  if (lo > 0 && mentions[lo - 1].end > start) return null;
  let inside = 0;
  for (let i = lo; i < mentions.length && mentions[i].start < end; i++) {
    if (mentions[i].end > end) return null;
    inside++;
  }
  const lines = chars.slice(start, end).split('\n').filter((line) => line.trim()).length;
  return { start, end, lines, mentions: inside };
}
