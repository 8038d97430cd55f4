// The report as CSV tables for spreadsheets: one file per kind of row
// (documents, entities, mentions, quotes, dates, discrepancies, copies).
// No DOM: `csvTables(report)` returns the files' names and text; the page
// downloads one as parts (`csvTableParts`, a line each), so a table too
// large for one string still saves (file-parts.js). Offsets stay the
// report's own (code points).
//
// Files follow RFC 4180 (CRLF line ends; a field holding a comma, a quote
// or a line break is quoted, its quotes doubled) and start with a UTF-8
// byte-order mark, without which Excel reads UTF-8 as a legacy code page.
// Documents are hostile and these files are opened in spreadsheets, so a
// text cell that starts with = + - @ tab or CR gets a leading apostrophe
// (OWASP's advice against formula injection); numbers are ours and pass.

/** The byte-order mark every file starts with. */
export const CSV_BOM = '\uFEFF';

/** A text cell a spreadsheet could take for a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: empty for null, a number as written, text guarded against formulas and quoted when needed. */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole file: the BOM, the header, then one CRLF-terminated line per row. */
export function csvText(header, rows) {
  return [...csvParts(header, rows)].join('');
}

/** `csvText` as parts: the BOM and the header, then each row's line. */
export function* csvParts(header, rows) {
  const line = (cells) => `${cells.map(csvCell).join(',')}\r\n`;
  yield CSV_BOM + line(header);
  for (const row of rows) yield line(row);
}

/**
 * The tables, in menu order: `name` (file name without .csv), `title` (for
 * people), `header`, `rows(report, ctx)` (an iterable, each row made as it
 * is read), and `count(report)`, the number of rows without building them
 * (the menu shows it on every new report).
 */
export const CSV_TABLES = Object.freeze([
  {
    name: 'documents',
    title: 'Documents and their metadata',
    header: ['document_id', 'document_name', 'format', 'encoding', 'title', 'publisher', 'authors', 'published',
      'original_source', 'labels', 'urls', 'story_id', 'story_title', 'characters', 'mentions', 'quotes', 'dates', 'warnings'],
    rows: (report, ctx) => each(docs(report), (doc) => [
      doc.id, doc.name, doc.format, doc.encoding, doc.meta?.title, doc.meta?.publisher, list(doc.meta?.authors),
      doc.meta?.published, doc.meta?.original_source, list(doc.meta?.labels), list(doc.meta?.urls),
      doc.story, ctx.stories.get(doc.story)?.title, codePoints(doc.text),
      arr(doc.mentions).length, arr(doc.quotes).length, arr(doc.dates).length, list(doc.warnings),
    ]),
    count: (report) => docs(report).length,
  },
  {
    name: 'entities',
    title: 'Entities: canonical names, types, aliases',
    header: ['entity_id', 'name', 'label', 'aliases', 'documents', 'mentions'],
    rows: (report) => each(arr(report?.entities), (e) => [e.id, e.name, e.label, list(e.aliases), e.documents, e.mentions]),
    count: (report) => arr(report?.entities).length,
  },
  {
    name: 'mentions',
    title: 'Every name mentioned, where',
    header: ['document_id', 'document_name', 'story_id', 'start', 'end', 'text', 'label', 'entity_id', 'entity_name'],
    rows: (report, ctx) => each(spans(report, 'mentions'), ([doc, m]) => [
      doc.id, doc.name, doc.story, m.start, m.end, m.text, m.label, m.entity, ctx.name(m.entity),
    ]),
    count: (report) => total(report, 'mentions'),
  },
  {
    name: 'quotes',
    title: 'Quotations with speaker and outlet',
    header: ['document_id', 'document_name', 'story_id', 'start', 'end', 'text', 'speaker_id', 'speaker_name', 'via_id', 'via_name'],
    rows: (report, ctx) => each(spans(report, 'quotes'), ([doc, q]) => [
      doc.id, doc.name, doc.story, q.start, q.end, q.text, q.speaker, ctx.name(q.speaker), q.via, ctx.name(q.via),
    ]),
    count: (report) => total(report, 'quotes'),
  },
  {
    name: 'dates',
    title: 'Date phrases and their resolved values',
    header: ['document_id', 'document_name', 'story_id', 'start', 'end', 'text', 'value', 'document_published'],
    rows: (report) => each(spans(report, 'dates'), ([doc, d]) => [
      doc.id, doc.name, doc.story, d.start, d.end, d.text, d.value, doc.meta?.published,
    ]),
    count: (report) => total(report, 'dates'),
  },
  {
    name: 'discrepancies',
    title: 'One fact, different values (one row per value)',
    header: ['discrepancy', 'kind', 'subject_id', 'subject_name', 'document_id', 'document_name', 'start', 'end', 'text', 'value'],
    rows: (report, ctx) => eachOf(arr(report?.discrepancies), (d, i) => arr(d.values).map((v) => [
      i + 1, d.kind, d.subject, ctx.name(d.subject), v.document, ctx.documents.get(v.document)?.name, v.start, v.end, v.text, v.value,
    ])),
    count: (report) => arr(report?.discrepancies).reduce((n, d) => n + arr(d.values).length, 0),
  },
  {
    name: 'copies',
    title: 'Copied documents (one row per shared passage)',
    header: ['source_id', 'source_name', 'copy_id', 'copy_name', 'kind', 'similarity', 'origin', 'passage',
      'source_start', 'source_end', 'copy_start', 'copy_end', 'text'],
    rows: (report, ctx) => eachOf(arr(report?.copies), (c) => {
      const head = [c.source, ctx.documents.get(c.source)?.name, c.copy, ctx.documents.get(c.copy)?.name, c.kind, c.similarity, c.origin];
      const passages = arr(c.passages);
      if (!passages.length) return [[...head, null, null, null, null, null, null]];
      return passages.map((p, i) => [...head, i + 1, p.source?.start, p.source?.end, p.copy?.start, p.copy?.end, p.text]);
    }),
    count: (report) => arr(report?.copies).reduce((n, c) => n + Math.max(1, arr(c.passages).length), 0),
  },
]);

/**
 * Every table of `report` (a dossier/1 report, edited or not) as
 * `[{name: 'mentions.csv', title, rows (count), text}]`. Fields an older
 * report lacks (copies, discrepancies) give a header-only file.
 */
export function csvTables(report) {
  return CSV_TABLES.map((table) => csvTable(report, `${table.name}.csv`));
}

/** File name -> row count for every table, for the menu (no rows built). */
export function csvRowCounts(report) {
  return new Map(CSV_TABLES.map((t) => [`${t.name}.csv`, t.count(report)]));
}

/** One table by file name (`mentions.csv`), or null. */
export function csvTable(report, fileName) {
  const table = csvTableParts(report, fileName);
  if (!table) return null;
  const { parts, ...rest } = table;
  return { ...rest, text: [...parts].join('') };
}

/** One table by file name, its text as `parts` (`csvParts`), or null. */
export function csvTableParts(report, fileName) {
  const table = CSV_TABLES.find((t) => `${t.name}.csv` === fileName);
  if (!table) return null;
  const parts = csvParts(table.header, table.rows(report, context(report)));
  return { name: fileName, title: table.title, rows: table.count(report), parts };
}

function context(report) {
  const entities = new Map(arr(report?.entities).map((e) => [e.id, e]));
  return {
    documents: new Map(docs(report).map((d) => [d.id, d])),
    stories: new Map(arr(report?.stories).map((s) => [s.id, s])),
    name: (id) => entities.get(id)?.name ?? null,
  };
}

const arr = (value) => (Array.isArray(value) ? value : []);
const docs = (report) => arr(report?.documents);
/** Several values in one cell: "; " is rare inside names and reads well in a spreadsheet. */
const list = (values) => arr(values).join('; ');

const total = (report, key) => docs(report).reduce((n, doc) => n + arr(doc[key]).length, 0);

/** Length in code points (the report's unit) without building an array. */
const codePoints = (s) => {
  const textValue = String(s ?? '');
  return textValue.length - (textValue.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);
};

/** `[doc, span]` for every span of `key` in document order, then text order. */
function spans(report, key) {
  return eachOf(docs(report), (doc) => [...arr(doc[key])]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((span) => [doc, span]));
}

/** `f(item, i)` for each item, made as it is read. */
function* each(items, f) {
  let i = 0;
  for (const item of items) yield f(item, i++);
}

/** The items of `f(item, i)`'s array for each item, in turn, made as they are read. */
function* eachOf(items, f) {
  let i = 0;
  for (const item of items) yield* f(item, i++);
}
