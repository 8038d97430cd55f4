// The Compare view's logic, without the DOM: the documents of a batch side
// by side (columns, grouped by story), with one row per entity, per quote
// (the same quotation grouped across documents by word overlap) and per
// fact stated with different values (`discrepancies`); and the copy links
// between documents (`copies`). Reports from before those fields existed
// lack them: a missing field counts as an empty list.

const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
const list = (value) => (Array.isArray(value) ? value : []);

/**
 * The words of `text` for matching: lower case, diacritics dropped, runs of
 * letters and digits ("We're" -> ["we", "re"]).
 */
export function normalizeWords(text) {
  return String(text ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Shared distinct words over the distinct words of the shorter side (0 when either is empty). */
export function wordOverlap(a, b) {
  const [small, large] = [new Set(a), new Set(b)].sort((x, y) => x.size - y.size);
  if (!small.size) return 0;
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return shared / small.size;
}

/** How much of the shorter quote's wording must recur in the other for both to count as one quotation. */
export const SAME_QUOTE_OVERLAP = 0.6;

/**
 * Whether two quotations (as word lists) are one quote reworded, trimmed or
 * re-punctuated: most of the shorter one's words recur in the other, at
 * least three of them. A quote of one or two distinct words only matches
 * the same words, so that "Yes" does not match every quote with a "yes".
 */
export function sameQuote(a, b) {
  return sameWords(new Set(a), new Set(b));
}

/** sameQuote on word sets. */
function sameWords(a, b) {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (!small.size) return false;
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  if (small.size < 3) return shared === small.size && small.size === large.size;
  return shared / small.size >= SAME_QUOTE_OVERLAP && shared >= 3;
}

/**
 * The report's stories for the filter, in report order: `[{id, title, when,
 * count}]` (`when` is the event's date or null).
 */
export function storyOptions(report) {
  return list(report?.stories).map((s) => ({ id: s.id, title: s.title ?? s.id, when: s.when ?? null, count: list(s.documents).length }));
}

/** `story` if the report has it, else '' (every story). */
export function knownStory(report, story) {
  return story && list(report?.stories).some((s) => s.id === story) ? story : '';
}

/**
 * Document id -> the id of the document it descends from through the
 * report's copy links (itself when none): documents that copy one another
 * count as one source.
 */
export function originOf(report) {
  const parent = new Map(list(report?.documents).map((d) => [d.id, d.id]));
  const find = (id) => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root);
    parent.set(id, root);
    return root;
  };
  for (const link of list(report?.copies)) {
    if (!parent.has(link.source) || !parent.has(link.copy)) continue;
    const a = find(link.source);
    const b = find(link.copy);
    if (a !== b) parent.set(b, a);
  }
  return new Map([...parent.keys()].map((id) => [id, find(id)]));
}

/**
 * Documents side by side at most. A wider table compares nothing a reader
 * can take in, and one column per document of a batch of thousands (a row
 * of cells for each of its thousands of entities) took seconds at 1,000
 * documents and crashed the tab at 10,000.
 */
export const MAX_COLUMNS = 50;

/**
 * The columns: the documents (of `story`, or all when '') in story order,
 * each story's documents by publication date (undated last), then input
 * order, the first `max` of them. Returns `{groups: [{story, columns}],
 * columns, total}` where `story` is `{id, title, when}` or null for
 * documents of no listed story, each column is `{doc, docIndex, id,
 * headline, outlet, date, story}`, and `total` counts the documents before
 * the cut.
 */
export function compareColumns(report, story = '', max = MAX_COLUMNS) {
  const stories = list(report?.stories);
  const wanted = knownStory(report, story);
  const groups = new Map(stories.filter((s) => !wanted || s.id === wanted).map((s) => [s.id, { story: { id: s.id, title: s.title ?? s.id, when: s.when ?? null }, columns: [] }]));
  const loose = { story: null, columns: [] };
  list(report?.documents).forEach((doc, docIndex) => {
    const group = groups.get(doc.story) ?? (wanted || stories.some((s) => s.id === doc.story) ? null : loose);
    if (!group) return;
    const meta = doc.meta ?? {};
    group.columns.push({
      doc,
      docIndex,
      id: doc.id,
      headline: meta.title || doc.name,
      outlet: meta.publisher || null,
      date: meta.published || null,
      story: doc.story ?? null,
    });
  });
  const ordered = [...groups.values(), loose].filter((g) => g.columns.length);
  let total = 0;
  let room = max;
  const shown = [];
  for (const group of ordered) {
    total += group.columns.length;
    if (room <= 0) continue;
    group.columns.sort((a, b) => (a.date && b.date ? byName(a.date, b.date) : a.date ? -1 : b.date ? 1 : 0) || a.docIndex - b.docIndex);
    group.columns = group.columns.slice(0, room);
    room -= group.columns.length;
    shown.push(group);
  }
  return { groups: shown, columns: shown.flatMap((g) => g.columns), total };
}

/**
 * How many independent sources the columns in `present` amount to, given
 * `origins` (originOf): copies of one another count once.
 */
function sourceCount(columns, present, origins) {
  return new Set(columns.filter((_, i) => present[i]).map((c) => origins.get(c.id) ?? c.id)).size;
}

/**
 * The whole comparison for `story` ('' for every document), of its first
 * MAX_COLUMNS documents: `{groups, columns, total, entities, quotes,
 * facts}` (`total`: the documents before that cut).
 *
 * - `entities`: `{entity, counts, documents, sources, alone}` for every
 *   entity named in a column; `counts[i]` is its mentions in column i,
 *   `documents` how many columns name it, `sources` how many independent
 *   sources (copies of one document count once); most documents first.
 * - `quotes`: `{text, speaker, cells, documents, sources, alone}`: one
 *   quotation (sameQuote) with `cells[i]` the quotes of column i carrying
 *   it; `text` is its longest wording, `speaker` the entity most of its
 *   quotes name (or null).
 * - `facts`: from `discrepancies`: `{kind, subject, cells, majority,
 *   sources}`; `cells[i]` holds column i's values `{value, text, start,
 *   end, differs, alone}`; `majority` is the value most documents state
 *   (null on a tie); a value `differs` unless it is the majority, and is
 *   `alone` when only one source states it.
 *
 * `alone` marks what a single source carries while the view holds more than
 * one source.
 */
export function compareTable(report, story = '') {
  const { groups, columns, total: documents } = compareColumns(report, story);
  const origins = originOf(report);
  const entities = new Map(list(report?.entities).map((e) => [e.id, e]));
  const totalSources = new Set(columns.map((c) => origins.get(c.id) ?? c.id)).size;
  const alone = (sources) => sources === 1 && totalSources > 1;

  const counts = new Map();
  columns.forEach((column, i) => {
    for (const mention of list(column.doc.mentions)) {
      if (!entities.has(mention.entity)) continue;
      if (!counts.has(mention.entity)) counts.set(mention.entity, columns.map(() => 0));
      counts.get(mention.entity)[i]++;
    }
  });
  const entityRows = [...counts].map(([id, perColumn]) => {
    const present = perColumn.map((n) => n > 0);
    const sources = sourceCount(columns, present, origins);
    return { entity: entities.get(id), counts: perColumn, documents: present.filter(Boolean).length, sources, alone: alone(sources) };
  });
  const total = (row) => row.counts.reduce((a, b) => a + b, 0);
  entityRows.sort((a, b) => b.documents - a.documents || total(b) - total(a) || byName(a.entity.name, b.entity.name));

  // Each quote joins the first group holding a quote it matches. Only groups
  // sharing a word with it are tried (an index from word to groups), which
  // keeps a batch of thousands of quotes to a fraction of a second.
  const quoteGroups = [];
  const groupsWith = new Map();
  columns.forEach((column, i) => {
    for (const quote of [...list(column.doc.quotes)].sort((a, b) => a.start - b.start)) {
      const words = new Set(normalizeWords(quote.text));
      if (!words.size) continue;
      const candidates = new Set();
      for (const word of words) for (const g of groupsWith.get(word) ?? []) candidates.add(g);
      const key = [...words].sort().join(' ');
      const first = [...candidates].sort((a, b) => a - b).find((g) => quoteGroups[g].wordings.has(key) || [...quoteGroups[g].wordings.values()].some((w) => sameWords(w, words)));
      const at = first ?? quoteGroups.push({ members: [], wordings: new Map() }) - 1;
      quoteGroups[at].members.push({ quote, column: i });
      // A wording already in the group need not be tried twice.
      quoteGroups[at].wordings.set(key, words);
      for (const word of words) {
        if (!groupsWith.has(word)) groupsWith.set(word, new Set());
        groupsWith.get(word).add(at);
      }
    }
  });
  const quoteRows = quoteGroups.map(({ members }, order) => {
    const cells = columns.map((_, i) => members.filter((m) => m.column === i).map((m) => m.quote));
    const present = cells.map((c) => c.length > 0);
    const sources = sourceCount(columns, present, origins);
    const speakers = new Map();
    for (const { quote } of members) if (entities.has(quote.speaker)) speakers.set(quote.speaker, (speakers.get(quote.speaker) ?? 0) + 1);
    const top = [...speakers].sort((a, b) => b[1] - a[1])[0];
    const text = members.map((m) => m.quote.text.trim()).sort((a, b) => b.length - a.length)[0];
    return { text, speaker: top ? entities.get(top[0]) : null, cells, documents: present.filter(Boolean).length, sources, alone: alone(sources), order };
  });
  quoteRows.sort((a, b) => b.documents - a.documents || a.order - b.order);

  const where = new Map(columns.map((c, i) => [c.id, i]));
  const factRows = [];
  for (const fact of list(report?.discrepancies)) {
    // most facts of a large batch are about documents not shown
    if (!list(fact.values).some((value) => where.has(value.document))) continue;
    const cells = columns.map(() => []);
    for (const value of list(fact.values)) {
      const i = where.get(value.document);
      if (i !== undefined) cells[i].push({ value: String(value.value ?? ''), text: String(value.text ?? ''), start: value.start, end: value.end });
    }
    // Each value counted once per document, and its sources.
    const stating = new Map();
    cells.forEach((cell, i) => {
      for (const key of new Set(cell.map((v) => valueKey(v.value)))) {
        if (!stating.has(key)) stating.set(key, new Set());
        stating.get(key).add(i);
      }
    });
    const ranked = [...stating].map(([key, at]) => [key, at.size]).sort((a, b) => b[1] - a[1]);
    const majority = ranked.length && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : null;
    const sourcesOf = (key) => sourceCount(columns, columns.map((_, i) => stating.get(key).has(i)), origins);
    for (const cell of cells) {
      for (const v of cell) {
        const key = valueKey(v.value);
        v.differs = majority === null || key !== majority;
        v.alone = alone(sourcesOf(key));
      }
    }
    const present = cells.map((c) => c.length > 0);
    factRows.push({
      kind: String(fact.kind ?? 'fact'),
      subject: entities.get(fact.subject) ?? null,
      cells,
      majority: majority === null ? null : cells.flat().find((v) => valueKey(v.value) === majority).value,
      sources: sourceCount(columns, present, origins),
    });
  }
  return { groups, columns, total: documents, entities: entityRows, quotes: quoteRows, facts: factRows };
}

/** The form two stated values are compared in. */
function valueKey(value) {
  return String(value).trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The report's copy pairs with their documents resolved: `[{kind,
 * similarity, origin, passages, source, copy}]`, `source` and `copy` being
 * `{id, doc, docIndex}`; pairs naming an unknown document are left out.
 * Most similar first.
 */
export function copyPairs(report) {
  const docs = new Map(list(report?.documents).map((doc, docIndex) => [doc.id, { id: doc.id, doc, docIndex }]));
  return list(report?.copies)
    .filter((c) => docs.has(c.source) && docs.has(c.copy) && c.source !== c.copy)
    .map((c) => ({
      kind: String(c.kind ?? 'shared-passages'),
      similarity: Number.isFinite(c.similarity) ? c.similarity : 0,
      origin: c.origin ? String(c.origin) : null,
      passages: list(c.passages),
      source: docs.get(c.source),
      copy: docs.get(c.copy),
    }))
    .sort((a, b) => b.similarity - a.similarity || a.copy.docIndex - b.copy.docIndex || a.source.docIndex - b.source.docIndex);
}

/**
 * The copy links of the document at `docIndex`: `{links, shared}`. Each
 * link is `{role, other, kind, similarity, origin, passages}`: `role` is
 * 'copies' (this document copies `other`) or 'copied-by'; `passages` are
 * `{here, there, text}` with spans in this document and the other.
 * `shared` is every passage span in this document, sorted and merged.
 */
export function copiesOf(report, docIndex) {
  const links = [];
  for (const pair of copyPairs(report)) {
    const role = pair.copy.docIndex === docIndex ? 'copies' : pair.source.docIndex === docIndex ? 'copied-by' : null;
    if (!role) continue;
    const [mine, theirs] = role === 'copies' ? ['copy', 'source'] : ['source', 'copy'];
    links.push({
      role,
      other: role === 'copies' ? pair.source : pair.copy,
      kind: pair.kind,
      similarity: pair.similarity,
      origin: pair.origin,
      passages: pair.passages
        .filter((p) => p?.[mine] && p?.[theirs])
        .map((p) => ({ here: { start: p[mine].start, end: p[mine].end }, there: { start: p[theirs].start, end: p[theirs].end }, text: String(p.text ?? '') })),
    });
  }
  return { links, shared: mergeSpans(links.flatMap((l) => l.passages.map((p) => p.here))) };
}

/** Spans sorted by start with overlapping or touching ones joined; empty or malformed ones dropped. */
export function mergeSpans(spans) {
  const sorted = spans
    .filter((s) => Number.isInteger(s?.start) && Number.isInteger(s?.end) && s.end > s.start)
    .map((s) => ({ start: s.start, end: s.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push(span);
  }
  return out;
}

/** "87%" for a similarity in 0..1. */
export function percent(similarity) {
  return `${Math.round(Math.max(0, Math.min(1, Number(similarity) || 0)) * 100)}%`;
}
