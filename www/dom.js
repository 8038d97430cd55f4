// Text-only DOM helpers, and the one place where report offsets (Unicode
// code points) become JavaScript string offsets (UTF-16 code units).
//
// Nothing here parses markup: elements are made with createElement, text
// goes in through textContent / text nodes, attribute names are fixed by
// the caller's code, and a document URL becomes an href only through
// `safeHref` (http and https only).

/**
 * Makes an element. `props` may hold `className`, `text` (set as
 * textContent), `title`, `attrs` (fixed attribute names from our code) and
 * `dataset`; `children` are nodes or strings (strings become text nodes).
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = String(props.text);
  if (props.title !== undefined) node.title = cleanText(props.title);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** A text node. */
export function text(value) {
  return document.createTextNode(String(value));
}

/** Replaces a container's children with `nodes`, built off-document in a fragment. */
export function replaceChildren(container, nodes) {
  const fragment = document.createDocumentFragment();
  for (const node of nodes) if (node) fragment.append(node);
  container.replaceChildren(fragment);
}

/** Strips control characters (except tab and newline) from text shown in titles and lists. */
export function cleanText(value) {
  // eslint-disable-next-line no-control-regex
  return String(value).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** The URL as a string if its scheme is http or https; otherwise null. */
export function safeHref(url) {
  let parsed;
  try {
    parsed = new URL(String(url));
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** A link for a document URL (opened without referrer or opener), or plain text when its scheme is not http(s). */
export function externalLink(url, label = url) {
  const href = safeHref(url);
  if (!href) return el('span', { className: 'url-unsafe', text: cleanText(label), title: 'not an http(s) link' });
  return el('a', {
    text: cleanText(label),
    attrs: { href, rel: 'noopener noreferrer', target: '_blank', referrerpolicy: 'no-referrer' },
  });
}

/**
 * Code point offsets to UTF-16 offsets and back, for one text. Only the
 * code points written as two UTF-16 units (a surrogate pair: emoji, rare
 * scripts) are kept, by their code point offset, so most texts keep
 * nothing. (A table of every offset took four bytes a character: the
 * reader kept 70 MB for a 17.5 MB text.)
 */
export class Utf16Offsets {
  /** `units` is the text's length in UTF-16 units; `pairs` the code point offsets of its surrogate pairs, ascending. */
  constructor(units, pairs) {
    this.pairs = pairs;
    /** The text's length in code points. */
    this.count = units - pairs.length;
  }

  /** The UTF-16 offset of code point `cp` (0 to `count`, where it is the text's length). */
  unit(cp) {
    // each pair before `cp` takes one unit more
    return cp + partitionPoint(this.pairs.length, (i) => this.pairs[i] < cp);
  }

  /** The code point at UTF-16 offset `unit`: the last one starting at or before it, within 0 to `count`. */
  codePoint(unit) {
    // pair i starts at unit pairs[i] + i; count those that end at or before `unit`
    const before = partitionPoint(this.pairs.length, (i) => this.pairs[i] + i + 1 <= unit);
    return Math.max(0, Math.min(this.count, unit - before));
  }
}

/** The first index in 0..n where `holds(i)` is false, for a `holds` true up to some index and false after it. */
export function partitionPoint(n, holds) {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/** The `Utf16Offsets` of `s`. */
export function utf16Offsets(s) {
  const pairs = [];
  SURROGATE_PAIR.lastIndex = 0;
  for (let m = SURROGATE_PAIR.exec(s); m; m = SURROGATE_PAIR.exec(s)) pairs.push(m.index - pairs.length);
  return new Utf16Offsets(s.length, Uint32Array.from(pairs));
}

/** The code point at UTF-16 offset `unit` of the text `table` was made for (the last one starting at or before it). */
export function codePointAt(table, unit) {
  return table.codePoint(unit);
}

/**
 * Converts a report span `{start, end}` (code points, end exclusive) to
 * UTF-16 offsets into the same string, clamped to the text.
 */
export function toUtf16Span(table, { start, end }) {
  const clamp = (n) => Math.max(0, Math.min(table.count, Number.isInteger(n) ? n : 0));
  return { start: table.unit(clamp(start)), end: table.unit(clamp(end)) };
}
