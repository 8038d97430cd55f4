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
 * The table from code point offsets to UTF-16 offsets for `s`:
 * `table[cp]` is the UTF-16 index of code point `cp`, and
 * `table[codePointCount]` is `s.length`.
 */
export function utf16Offsets(s) {
  // typed from the start: a long document's plain array of numbers took
  // eight bytes a character, and a copy
  const table = new Uint32Array(s.length + 1);
  let n = 0;
  let i = 0;
  while (i < s.length) {
    table[n++] = i;
    const unit = s.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    i += high && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  table[n++] = s.length;
  return table.subarray(0, n);
}

/** The code point at UTF-16 offset `unit` of the text `table` was made for (the last one starting at or before it). */
export function codePointAt(table, unit) {
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (table[mid] <= unit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Converts a report span `{start, end}` (code points, end exclusive) to
 * UTF-16 offsets into the same string, clamped to the text.
 */
export function toUtf16Span(table, { start, end }) {
  const last = table.length - 1;
  const clamp = (n) => Math.max(0, Math.min(last, Number.isInteger(n) ? n : 0));
  return { start: table[clamp(start)], end: table[clamp(end)] };
}
