// The report as one self-contained HTML page to keep, send or print: the
// batch summary, stories, discrepancies, copies, entities, quotes by
// speaker, the timeline, and every document's metadata and article text
// with names, quotes and dates marked. No DOM: `reportHtmlParts` yields
// the page as strings, a part per item (a document, an entity's row), so
// a batch too large for one string still saves (file-parts.js); every
// report value goes through `escapeHtml`, the one escape (documents are
// hostile: a name or a headline may hold markup).
//
// The page needs nothing to be read: no script, no image, no font, no
// link that loads anything, and a Content-Security-Policy that forbids all
// of them anyway, so a slip in the escaping still could not run or fetch.
// Web addresses are shown as text, never as links: a click in a file that
// is passed around should not leave the reader's machine.

import { utf16Offsets, toUtf16Span } from './dom.js';
import { quoteGroups, timeline } from './coverage.js';
import { describeEdit } from './entity-edits.js';

/** The policy the exported page carries: nothing loads, nothing runs; only its own <style>. */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const LABELS = ['PER', 'ORG', 'LOC', 'MISC'];
const LABEL_NAMES = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other name' };
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text (or a number) made safe for HTML text and for quoted attribute
 * values: & < > " ' escaped, control characters other than tab and line
 * breaks dropped; null and undefined become ''.
 */
export function escapeHtml(value) {
  if (value === null || value === undefined) return '';
  const s = String(value);
  // Most strings need nothing; checking first keeps a large export quick.
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The whole page as one string (`reportHtmlParts` joined). */
export function reportHtml(report, options = {}) {
  return [...reportHtmlParts(report, options)].join('');
}

/**
 * The whole page for a dossier/1 `report` (with the user's entity edits
 * applied and listed in `entity_edits`, as Export JSON writes it), in
 * order, as parts. `options.generated` (a time stamp) and
 * `options.version` are printed in the header when given; the builder
 * reads no clock itself.
 */
export function* reportHtmlParts(report, { generated = null, version = null } = {}) {
  const ctx = context(report);
  const sections = [
    editsSection(report),
    storiesSection(report, ctx),
    discrepanciesSection(report, ctx),
    copiesSection(report, ctx),
    entitiesSection(report),
    quotesSection(report, ctx),
    timelineSection(report),
    documentsSection(report, ctx),
  ].filter(Boolean);
  const toc = sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  const stamp = [generated && `generated ${escapeHtml(generated)}`, version && `by Dossier ${escapeHtml(version)}`].filter(Boolean).join(' ');
  const firstTitle = arr(report?.stories).find((s) => s.title)?.title;
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Dossier">
<title>Dossier report${firstTitle ? `: ${escapeHtml(firstTitle)}` : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Dossier report</h1>
<p class="summary">${escapeHtml(summaryLine(report))}</p>
${stamp ? `<p class="note">Report ${stamp}. ` : '<p class="note">'}Offsets are Unicode code points into each document’s text. This file loads nothing and runs nothing.</p>
<nav aria-label="Contents"><ol class="toc">${toc}</ol></nav>
</header>
<main>
`;
  for (const [i, s] of sections.entries()) {
    yield `${i ? '\n' : ''}<section id="${s.id}" aria-labelledby="${s.id}-h"><h2 id="${s.id}-h">${escapeHtml(s.title)}</h2>\n`;
    yield* s.body;
    yield '\n</section>';
  }
  yield `
</main>
</body>
</html>
`;
}

/** Each piece in turn: a string, or the parts of an iterable of them. */
function* concat(...pieces) {
  for (const piece of pieces) {
    if (typeof piece === 'string') yield piece;
    else yield* piece;
  }
}

/** `render(item)` for each item, `separator` between: a section's body as parts. */
function* joined(items, render, separator = '\n') {
  let first = true;
  for (const item of items) {
    yield first ? render(item) : separator + render(item);
    first = false;
  }
}

const arr = (value) => (Array.isArray(value) ? value : []);
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const labelOf = (label) => (LABELS.includes(label) ? label : 'MISC');
const docAnchor = (id) => `doc-${escapeHtml(id)}`;
const entityAnchor = (id) => `entity-${escapeHtml(id)}`;

function context(report) {
  const entities = new Map(arr(report?.entities).map((e) => [e.id, e]));
  const documents = new Map(arr(report?.documents).map((d) => [d.id, d]));
  return {
    entities,
    documents,
    /** A link to a document's section: its headline (or file name), then the file name. */
    docLink(id) {
      const doc = documents.get(id);
      if (!doc) return `<span class="missing">${escapeHtml(id)}</span>`;
      return `<a href="#${docAnchor(doc.id)}">${escapeHtml(doc.meta?.title || doc.name)}</a>${doc.meta?.title ? ` <span class="note">${escapeHtml(doc.name)}</span>` : ''}`;
    },
    /** A link to an entity's row, or null when the id is unknown. */
    entityLink(id) {
      const entity = entities.get(id);
      return entity ? `<a href="#${entityAnchor(entity.id)}">${escapeHtml(entity.name)}</a>` : null;
    },
  };
}

function summaryLine(report) {
  const documents = arr(report?.documents);
  const count = (key) => documents.reduce((n, d) => n + arr(d[key]).length, 0);
  const parts = [
    plural(documents.length, 'document'),
    plural(arr(report?.stories).length, 'story', 'stories'),
    plural(arr(report?.entities).length, 'entity', 'entities'),
    plural(count('mentions'), 'mention'),
    plural(count('quotes'), 'quote'),
    plural(count('dates'), 'date phrase'),
  ];
  if (Array.isArray(report?.discrepancies)) parts.push(plural(report.discrepancies.length, 'discrepancy', 'discrepancies'));
  if (Array.isArray(report?.copies)) parts.push(plural(report.copies.length, 'copy', 'copies'));
  return parts.join(' · ');
}

function editsSection(report) {
  const edits = arr(report?.entity_edits);
  if (!edits.length) return null;
  return {
    id: 'edits',
    title: 'Your entity edits',
    body: [`<p class="note">Applied to this report: entities, mentions and quotes below reflect them.</p>
<ul>${edits.map((e) => `<li>${escapeHtml(describeEdit(e))}</li>`).join('')}</ul>`],
  };
}

function storiesSection(report, ctx) {
  const stories = arr(report?.stories);
  const body = stories.length
    ? joined(stories, (story) => `<article class="story" id="story-${escapeHtml(story.id)}">
<h3>${escapeHtml(story.title || 'Untitled story')}</h3>
<p class="note">${escapeHtml(story.id)}${story.when ? ` · event date ${escapeHtml(story.when)}` : ''} · ${plural(arr(story.documents).length, 'document')}</p>
<ol>${arr(story.documents).map((id) => `<li>${ctx.docLink(id)}${docLine(ctx.documents.get(id))}</li>`).join('')}</ol>
</article>`)
    : ['<p class="empty">No stories.</p>'];
  return { id: 'stories', title: 'Stories', body };
}

/** " · outlet · date" for a document in a list. */
function docLine(doc) {
  if (!doc) return '';
  const bits = [doc.meta?.publisher, doc.meta?.published].filter(Boolean);
  return bits.length ? ` <span class="note">· ${bits.map(escapeHtml).join(' · ')}</span>` : '';
}

function discrepanciesSection(report, ctx) {
  if (!Array.isArray(report?.discrepancies)) return null;
  const items = report.discrepancies;
  const body = items.length
    ? concat(
      '<p class="note">The same fact stated with different values in different documents.</p>\n',
      joined(items, (d) => `<article class="discrepancy">
<h3>${escapeHtml(d.kind || 'fact')}${d.subject ? `: ${ctx.entityLink(d.subject) ?? escapeHtml(d.subject)}` : ''}</h3>
<table><thead><tr><th>Value</th><th>As written</th><th>Document</th></tr></thead><tbody>
${arr(d.values).map((v) => `<tr><td>${escapeHtml(v.value)}</td><td>“${escapeHtml(v.text)}”</td><td>${ctx.docLink(v.document)}</td></tr>`).join('\n')}
</tbody></table>
</article>`),
    )
    : ['<p class="empty">No discrepancies found.</p>'];
  return { id: 'discrepancies', title: 'Discrepancies', body };
}

function copiesSection(report, ctx) {
  if (!Array.isArray(report?.copies)) return null;
  const copies = report.copies;
  const percent = (x) => (typeof x === 'number' && Number.isFinite(x) ? `${Math.round(x * 100)}%` : '');
  const body = copies.length
    ? joined(copies, (c) => `<article class="copy">
<h3>${ctx.docLink(c.copy)} copies ${ctx.docLink(c.source)}</h3>
<p class="note">${escapeHtml(c.kind)}${percent(c.similarity) ? ` · ${percent(c.similarity)} similar` : ''}${c.origin ? ` · origin by ${escapeHtml(c.origin)}` : ''} · ${plural(arr(c.passages).length, 'shared passage')}</p>
${arr(c.passages).map((p) => `<blockquote>${escapeHtml(p.text)}</blockquote>`).join('\n')}
</article>`)
    : ['<p class="empty">No copied documents found.</p>'];
  return { id: 'copies', title: 'Copies', body };
}

function entitiesSection(report) {
  const entities = [...arr(report?.entities)].sort((a, b) => (b.mentions ?? 0) - (a.mentions ?? 0) || String(a.name).localeCompare(String(b.name)));
  const body = entities.length
    ? concat(
      '<table class="entities"><thead><tr><th>Name</th><th>Type</th><th>Aliases</th><th>Docs</th><th>Mentions</th></tr></thead><tbody>\n',
      joined(entities, (e) => `<tr id="${entityAnchor(e.id)}"><td>${escapeHtml(e.name)}</td><td><span class="tag m-${labelOf(e.label)}">${escapeHtml(e.label)}</span></td><td>${arr(e.aliases).map(escapeHtml).join('; ')}</td><td class="num">${escapeHtml(e.documents)}</td><td class="num">${escapeHtml(e.mentions)}</td></tr>`),
      '\n</tbody></table>',
    )
    : ['<p class="empty">No names found.</p>'];
  return { id: 'entities', title: 'Entities', body };
}

function quotesSection(report, ctx) {
  const groups = quoteGroups(report);
  const body = groups.length
    ? joined(groups, (g) => `<article class="speaker">
<h3>${g.speaker ? ctx.entityLink(g.speaker.id) : escapeHtml(g.name)} <span class="note">${plural(g.quotes.length, 'quote')}</span></h3>
<ol>${g.quotes.map(({ doc, quote, via }) => `<li><q>${escapeHtml(String(quote.text).trim())}</q> <span class="note">${via ? `via ${escapeHtml(via.name)} · ` : ''}<a href="#${docAnchor(doc.id)}">${escapeHtml(doc.name)}</a></span></li>`).join('')}</ol>
</article>`)
    : ['<p class="empty">No quotations.</p>'];
  return { id: 'quotes', title: 'Quotes by speaker', body };
}

function timelineSection(report) {
  const { groups, unplaced } = timeline(report);
  const item = (it) => (it.kind === 'published'
    ? `<li class="published"><span class="badge">Published</span> <a href="#${docAnchor(it.doc.id)}">${escapeHtml(it.doc.meta?.title || it.doc.name)}</a></li>`
    : `<li>“${escapeHtml(it.date.text)}” <span class="note">= ${escapeHtml(it.date.value)} · <a href="#${docAnchor(it.doc.id)}">${escapeHtml(it.doc.name)}</a></span></li>`);
  const group = (g) => `<li><h3><time datetime="${escapeHtml(g.start)}">${escapeHtml(g.label)}</time>${g.granularity === 'day' ? '' : ` <span class="note">${escapeHtml(g.granularity)}</span>`}</h3><ul>${g.items.map(item).join('')}</ul></li>`;
  const loose = ({ doc, date }) => `<li>“${escapeHtml(date.text)}” <span class="note">${date.value ? escapeHtml(date.value) : 'no date known'} · <a href="#${docAnchor(doc.id)}">${escapeHtml(doc.name)}</a></span></li>`;
  const body = concat(
    groups.length ? concat('<ol class="timeline">', joined(groups, group), '</ol>') : '<p class="empty">No dates placed on a calendar.</p>',
    unplaced.length ? concat('<h3>Not placed on the timeline</h3><ul>', joined(unplaced, loose, ''), '</ul>') : '',
  );
  return { id: 'timeline', title: 'Timeline', body };
}

function documentsSection(report, ctx) {
  const documents = arr(report?.documents);
  const body = documents.length ? joined(documents, (doc) => documentArticle(doc, ctx)) : ['<p class="empty">No documents.</p>'];
  return { id: 'documents', title: 'Documents', body };
}

function documentArticle(doc, ctx) {
  const meta = doc.meta ?? {};
  const rows = [
    ['File', doc.name],
    ['Outlet', meta.publisher],
    ['Bylines', arr(meta.authors).join('; ')],
    ['Published', meta.published],
    ['Original source', meta.original_source],
    ['Labels', arr(meta.labels).join('; ')],
    ['Format', [doc.format, doc.encoding].filter(Boolean).join(', ')],
  ].filter(([, v]) => v);
  const story = doc.story ? `<dt>Story</dt><dd><a href="#story-${escapeHtml(doc.story)}">${escapeHtml(doc.story)}</a></dd>` : '';
  const urls = arr(meta.urls).length
    ? `<dt>Addresses</dt><dd><ul class="urls">${meta.urls.map((u) => `<li>${escapeHtml(u)}</li>`).join('')}</ul></dd>`
    : '';
  const warnings = arr(doc.warnings).length
    ? `<ul class="warnings">${doc.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '';
  return `<article class="document" id="${docAnchor(doc.id)}">
<h3>${escapeHtml(meta.title || doc.name)} <span class="note">${escapeHtml(doc.id)}</span></h3>
<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}${story}${urls}</dl>
${warnings}${articleText(doc, ctx)}
</article>`;
}

/**
 * The document's article: each post of a feed capture, or the content
 * ranges, with names, quotes and dates marked; text outside them (page
 * furniture) is left out and counted.
 */
function articleText(doc, ctx) {
  const textValue = String(doc.text ?? '');
  if (!textValue) return '<p class="empty">No text.</p>';
  const table = utf16Offsets(textValue);
  const length = table.count;
  const ranges = (spans) => arr(spans)
    .filter((s) => Number.isInteger(s?.start) && Number.isInteger(s?.end))
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start);
  const posts = ranges(doc.posts);
  let blocks;
  let note = '';
  if (posts.length > 1) {
    const repeats = new Map(arr(doc.duplicate_posts).map((d) => [d.post, d.of]));
    blocks = posts.map((p, i) => ({
      ...p,
      heading: `Post ${i + 1} of ${posts.length}${repeats.has(i) ? ` · repeats post ${Number(repeats.get(i)) + 1}` : ''}`,
    }));
  } else {
    blocks = ranges(doc.content);
    if (!blocks.length) {
      blocks = [{ start: 0, end: length }];
      note = 'No article body was found; this is the whole text.';
    }
  }
  const kept = blocks.reduce((n, b) => n + (b.end - b.start), 0);
  if (!note && kept < length) note = `${plural(length - kept, 'character')} of page furniture outside the article left out.`;
  const within = marksWithin(spanMarks(doc, ctx));
  const html = blocks.map((b) => `${b.heading ? `<h4>${escapeHtml(b.heading)}</h4>` : ''}<div class="text">${markedText(textValue, table, b, within(b))}</div>`).join('\n');
  return `${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}\n${html}`;
}

/** Every marked span of `doc`: `{start, end, open, close}` with the tags that wrap its text. */
function spanMarks(doc, ctx) {
  const marks = [];
  const valid = (s) => Number.isInteger(s?.start) && Number.isInteger(s?.end) && s.start < s.end;
  // Outermost first, so a name inside a quote nests inside it.
  for (const q of arr(doc.quotes).filter(valid)) {
    const who = ctx.entities.get(q.speaker)?.name;
    marks.push({ ...q, rank: 0, open: `<span class="quote"${who ? ` title="quote: ${escapeHtml(who)}"` : ''}>`, close: '</span>' });
  }
  for (const d of arr(doc.dates).filter(valid)) {
    marks.push({ ...d, rank: 1, open: `<span class="date" title="${d.value ? escapeHtml(d.value) : 'date not resolved'}">`, close: '</span>' });
  }
  for (const m of arr(doc.mentions).filter(valid)) {
    const entity = ctx.entities.get(m.entity);
    const label = labelOf(m.label);
    const title = entity ? `${entity.name} (${LABEL_NAMES[labelOf(entity.label)]})` : LABEL_NAMES[label];
    marks.push({ ...m, rank: 2, open: `<mark class="m m-${label}" title="${escapeHtml(title)}">`, close: '</mark>' });
  }
  marks.forEach((m, i) => {
    m.order = i;
  });
  return marks.sort((a, b) => a.start - b.start);
}

/**
 * `within(range)`: the marks overlapping `range`, for ranges asked in order
 * of their starts, each mark looked at about once however many ranges (a
 * feed's posts) there are.
 */
function marksWithin(marks) {
  let next = 0;
  let open = [];
  return (range) => {
    open = open.filter((m) => m.end > range.start);
    for (; next < marks.length && marks[next].start < range.end; next++) {
      if (marks[next].end > range.start) open.push(marks[next]);
    }
    return open.filter((m) => m.start < range.end);
  };
}

/**
 * The text of `range` (code points) escaped, cut at every end of the marks
 * `inside` it; each piece is wrapped in the tags of the marks covering it,
 * so marks that overlap in any way still give well-nested HTML. One sweep
 * over the cuts, keeping the marks open at each: a long document's
 * thousands of names take a moment, where testing every mark at every cut
 * took minutes and froze the page.
 */
function markedText(textValue, table, range, inside) {
  const cuts = new Set([range.start, range.end]);
  for (const m of inside) {
    cuts.add(Math.max(range.start, m.start));
    cuts.add(Math.min(range.end, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const slice = (start, end) => {
    const span = toUtf16Span(table, { start, end });
    return escapeHtml(textValue.slice(span.start, span.end));
  };
  const starts = [...inside].sort((a, b) => a.start - b.start);
  let covering = [];
  let next = 0;
  let out = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    // a mark covers the piece from its first cut to its last: no cut falls inside a piece
    let changed = covering.some((m) => m.end <= start);
    if (changed) covering = covering.filter((m) => m.end > start);
    for (; next < starts.length && starts[next].start <= start; next++) {
      covering.push(starts[next]);
      changed = true;
    }
    // outermost first: quotes, dates, names, then as listed
    if (changed) covering.sort((a, b) => a.rank - b.rank || a.order - b.order);
    out += covering.map((m) => m.open).join('') + slice(start, end) + covering.map((m) => m.close).reverse().join('');
  }
  return out;
}

/** The page's look: readable on screen and on paper, mention colours as in the app. */
const STYLE = `
:root { color: #1c2330; background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { margin: 0.2rem 0; font-size: 1.6rem; }
h2 { margin-top: 2.2rem; padding-bottom: 0.2rem; border-bottom: 2px solid #d9dde4; font-size: 1.25rem; }
h3 { margin: 1.2rem 0 0.3rem; font-size: 1.05rem; }
h4 { margin: 0.8rem 0 0.2rem; font-size: 0.9rem; color: #5b6474; }
a { color: #1f5fbf; }
.summary { font-weight: 600; margin: 0.2rem 0; }
.note, .empty { color: #5b6474; font-size: 0.9em; font-weight: normal; }
.toc { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; padding: 0; list-style: none; margin: 0.6rem 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; border-bottom: 1px solid #e3e6eb; padding: 0.25rem 0.5rem; vertical-align: top; }
th { background: #f3f5f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.tag { font-size: 0.78rem; font-weight: 600; padding: 0 0.3rem; border-radius: 3px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0.4rem 0; font-size: 0.92rem; }
dl.meta dt { color: #5b6474; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
ul.urls { margin: 0; padding-left: 1.1rem; }
.warnings { color: #6b4a00; background: #fff4d6; padding: 0.4rem 1.6rem; border-radius: 4px; }
.document { border-top: 1px solid #d9dde4; margin-top: 1.4rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6; margin: 0.3rem 0 0.8rem; }
.m { color: inherit; border-bottom: 2px solid; padding: 0 1px; }
.m-PER { background: #dbe9ff; border-color: #2f6fd6; }
.m-ORG { background: #ffe3c7; border-color: #c8610e; }
.m-LOC { background: #d8f3dc; border-color: #2d8a47; }
.m-MISC { background: #eedcff; border-color: #7d3ccf; }
.quote { font-style: italic; background: #f4f1e8; }
.date { text-decoration: underline dotted #1f5fbf 2px; text-underline-offset: 3px; }
blockquote { margin: 0.4rem 0; padding: 0.3rem 0.8rem; border-left: 3px solid #b8bfcb; background: #f6f7f9; white-space: pre-wrap; }
.timeline { list-style: none; padding-left: 0.8rem; border-left: 3px solid #d9dde4; }
.timeline h3 { font-size: 0.95rem; margin: 0.8rem 0 0.2rem; }
.badge { font-size: 0.75rem; background: #18202e; color: #fff; padding: 0 0.35rem; border-radius: 3px; }
.missing { color: #a4161a; }
@media print { a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } .document { break-before: page; } }
`;
