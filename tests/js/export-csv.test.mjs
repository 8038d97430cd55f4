// CSV exports (www/export-csv.js): RFC 4180 quoting, the formula-injection
// guard, the BOM, every table's rows, reports without the newer fields,
// astral characters, and entity edits carried into the tables.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSV_BOM, csvCell, csvRowCounts, csvTable, csvTables, csvText } from '../../www/export-csv.js';
import { Edit, applyEdits } from '../../www/entity-edits.js';

/** An RFC 4180 reader written for the tests: rows of fields, with the BOM removed. */
function parseCsv(textValue) {
  assert.ok(textValue.startsWith(CSV_BOM), 'a file starts with the BOM');
  const s = textValue.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i += 1; continue; }
      field += c; i += 1; continue;
    }
    if (c === '"') {
      assert.equal(field, '', 'a quote opens a field only at its start');
      quoted = true; i += 1; continue;
    }
    if (c === ',') { row.push(field); field = ''; i += 1; continue; }
    if (c === '\r') {
      assert.equal(s[i + 1], '\n', 'records end with CRLF');
      row.push(field); rows.push(row); row = []; field = ''; i += 2; continue;
    }
    assert.notEqual(c, '\n', 'a bare line feed only appears inside a quoted field');
    field += c; i += 1;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  assert.equal(row.length, 0, 'the file ends with CRLF');
  return rows;
}

/** Rows as objects keyed by the header. */
function records(textValue) {
  const [header, ...rows] = parseCsv(textValue);
  for (const row of rows) assert.equal(row.length, header.length, `row ${row} has as many fields as the header`);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

const cp = (s, word, from = 0) => {
  const at = [...s.slice(0, s.indexOf(word, from))].length;
  return { start: at, end: at + [...word].length, text: word };
};

/** Two documents with astral characters before the names, one quote with commas and quotes in it. */
function report() {
  const t1 = '😀🎉 Zoë Ångström-Lind said "We won, and "we" stay," at the 𝒹ock.\nPort of Velmora, March 4.';
  const t2 = '=cmd|calc Velmora reopens. Zoë Ångström-Lind agreed.';
  return {
    schema: 'dossier/1',
    documents: [
      {
        id: 'd1', name: 'wire, "final".txt', format: 'text', encoding: 'utf-8', text: t1,
        meta: { title: 'Docks, reopened', publisher: null, authors: ['A. Writer', 'B. Writer'], published: '2025-03-04', original_source: null, labels: [], urls: [] },
        content: [{ start: 0, end: [...t1].length }], posts: [],
        mentions: [
          { ...cp(t1, 'Zoë Ångström-Lind'), label: 'PER', entity: 'e1' },
          { ...cp(t1, 'Velmora'), label: 'LOC', entity: 'e2' },
        ],
        quotes: [{ ...cp(t1, 'We won, and "we" stay,'), speaker: 'e1', via: null }],
        dates: [{ ...cp(t1, 'March 4'), value: '2025-03-04' }],
        story: 's1', warnings: [],
      },
      {
        id: 'd2', name: '@evil.txt', format: 'text', encoding: 'utf-8', text: t2,
        meta: { title: null, publisher: null, authors: [], published: null, original_source: null, labels: [], urls: [] },
        content: [], posts: [],
        mentions: [
          { ...cp(t2, 'Zoë Ångström-Lind'), label: 'PER', entity: 'e3' },
          { ...cp(t2, 'Velmora'), label: 'LOC', entity: 'e2' },
        ],
        quotes: [], dates: [], story: 's1', warnings: ['-1 bytes'],
      },
    ],
    entities: [
      { id: 'e1', name: 'Zoë Ångström-Lind', label: 'PER', aliases: ['Zoë Ångström-Lind'], documents: 1, mentions: 1 },
      { id: 'e2', name: 'Velmora', label: 'LOC', aliases: ['Velmora'], documents: 2, mentions: 2 },
      { id: 'e3', name: 'Zoe Angstrom', label: 'PER', aliases: ['Zoë Ångström-Lind'], documents: 1, mentions: 1 },
    ],
    stories: [{ id: 's1', title: '+ Docks reopen', documents: ['d1', 'd2'] }],
  };
}

test('must quote fields with commas, quotes and line breaks, doubling quotes', () => {
  const cases = [
    ['plain', 'Velmora', 'Velmora'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['line feed', 'one\ntwo', '"one\ntwo"'],
    ['carriage return', 'one\r\ntwo', '"one\r\ntwo"'],
    ['only a quote', '"', '""""'],
    ['empty string', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['number', 42, '42'],
    ['zero', 0, '0'],
    ['fraction', 0.875, '0.875'],
    ['boolean', true, 'true'],
  ];
  for (const [name, value, expected] of cases) assert.equal(csvCell(value), expected, name);
  const values = ['a,b', 'say "hi"', 'one\ntwo', 'x\r\ny', '', 'plain', 'ünï 😀'];
  assert.deepEqual(parseCsv(csvText(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], [values])), [['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], values]);
});

test('must defuse cells a spreadsheet would read as formulas', () => {
  const cases = [
    ['equals', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['plus', '+1+1', "'+1+1"],
    ['minus', '-2+3', "'-2+3"],
    ['at', '@SUM(A1)', "'@SUM(A1)"],
    ['tab', '\t=1', "'\t=1"],
    ['carriage return', '\r=1', `"'\r=1"`],
    ['DDE with a comma', '=cmd|\' /C calc\'!A0,x', `"'=cmd|' /C calc'!A0,x"`],
  ];
  for (const [name, value, expected] of cases) assert.equal(csvCell(value), expected, name);
  for (const safe of ['a=b', 'Velmora', ' =1', '1-2', 'e@mail']) assert.equal(csvCell(safe), safe, safe);
  // Our own numbers are not text; a negative one would stay a number.
  assert.equal(csvCell(-1), '-1');
});

test('must write every table of a report with its rows and names resolved', () => {
  const r = report();
  const tables = csvTables(r);
  assert.deepEqual(tables.map((t) => t.name), ['documents.csv', 'entities.csv', 'mentions.csv', 'quotes.csv', 'dates.csv', 'discrepancies.csv', 'copies.csv']);
  const by = Object.fromEntries(tables.map((t) => [t.name, t]));
  // the count the menu shows (csvRowCounts) is the rows the file holds
  const counts = csvRowCounts(r);
  for (const t of tables) assert.equal(records(t.text).length, counts.get(t.name), t.name);

  const docs = records(by['documents.csv'].text);
  assert.deepEqual(docs.map((d) => d.document_name), ['wire, "final".txt', "'@evil.txt"]);
  assert.equal(docs[0].authors, 'A. Writer; B. Writer');
  assert.equal(docs[0].story_title, "'+ Docks reopen");
  assert.equal(docs[1].warnings, "'-1 bytes");
  assert.equal(docs[0].characters, String([...r.documents[0].text].length));

  const mentions = records(by['mentions.csv'].text);
  assert.equal(mentions.length, 4);
  assert.deepEqual(mentions[0], {
    document_id: 'd1', document_name: 'wire, "final".txt', story_id: 's1', start: '3', end: '20',
    text: 'Zoë Ångström-Lind', label: 'PER', entity_id: 'e1', entity_name: 'Zoë Ångström-Lind',
  });
  // Offsets are code points: slicing the code points of the text gives the mention back.
  for (const m of mentions) {
    const doc = r.documents.find((d) => d.id === m.document_id);
    assert.equal([...doc.text].slice(+m.start, +m.end).join(''), m.text);
  }

  const [quote] = records(by['quotes.csv'].text);
  assert.equal(quote.text, 'We won, and "we" stay,');
  assert.equal(quote.speaker_name, 'Zoë Ångström-Lind');
  assert.equal(quote.via_id, '');
  const [date] = records(by['dates.csv'].text);
  assert.deepEqual([date.text, date.value, date.document_published], ['March 4', '2025-03-04', '2025-03-04']);
  assert.deepEqual(records(by['entities.csv'].text).map((e) => e.entity_id), ['e1', 'e2', 'e3']);
});

test('must write header-only files for an empty report and for fields an older report lacks', () => {
  for (const empty of [{ schema: 'dossier/1', documents: [], entities: [], stories: [] }, {}, null]) {
    for (const t of csvTables(empty)) {
      assert.equal(t.rows, 0, t.name);
      const rows = parseCsv(t.text);
      assert.equal(rows.length, 1, `${t.name}: the header only`);
      assert.ok(rows[0].length > 3, `${t.name}: has columns`);
    }
  }
  // An older report (no discrepancies, copies) still gives the other tables.
  const counts = csvRowCounts(report());
  assert.equal(counts.get('discrepancies.csv'), 0);
  assert.equal(counts.get('copies.csv'), 0);
  assert.equal(counts.get('mentions.csv'), 4);
});

test('must write discrepancies and copies one row per value and per passage', () => {
  const r = {
    ...report(),
    discrepancies: [{
      kind: 'count', subject: 'e2',
      values: [
        { document: 'd1', start: 1, end: 2, text: 'nine', value: '9' },
        { document: 'd2', start: 3, end: 4, text: '-10', value: '-10' },
      ],
    }],
    copies: [
      { source: 'd1', copy: 'd2', kind: 'shared-passages', similarity: 0.42, origin: 'earlier date', passages: [
        { source: { start: 0, end: 5 }, copy: { start: 10, end: 15 }, text: 'Zoë, "A"' },
        { source: { start: 20, end: 25 }, copy: { start: 30, end: 35 }, text: 'line\nbreak' },
      ] },
      { source: 'd2', copy: 'd1', kind: 'near-duplicate', similarity: 0.97, origin: 'batch order', passages: [] },
    ],
  };
  const discrepancies = records(csvTable(r, 'discrepancies.csv').text);
  assert.deepEqual(discrepancies.map((d) => [d.discrepancy, d.kind, d.subject_name, d.document_name, d.text, d.value]), [
    ['1', 'count', 'Velmora', 'wire, "final".txt', 'nine', '9'],
    ['1', 'count', 'Velmora', "'@evil.txt", "'-10", "'-10"],
  ]);
  const copies = records(csvTable(r, 'copies.csv').text);
  assert.equal(copies.length, 3);
  assert.deepEqual([copies[0].similarity, copies[0].origin, copies[0].passage, copies[0].copy_start, copies[0].text], ['0.42', 'earlier date', '1', '10', 'Zoë, "A"']);
  assert.equal(copies[1].text, 'line\nbreak');
  assert.deepEqual([copies[2].kind, copies[2].passage, copies[2].text], ['near-duplicate', '', '']);
  assert.deepEqual([...csvRowCounts(r).values()].slice(-2), [2, 3], 'the menu counts what the files hold');
  assert.equal(csvTable(r, 'nothing.csv'), null);
});

test('must keep astral characters whole through UTF-8 bytes', () => {
  const t = csvTable(report(), 'documents.csv');
  const bytes = Buffer.from(t.text, 'utf8');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const back = bytes.toString('utf8');
  assert.equal(back, t.text);
  const mentions = records(csvTable(report(), 'mentions.csv').text);
  assert.ok(!mentions.some((m) => /[\ud800-\udfff]/.test(m.text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))), 'no lone surrogates');
  // Two astral characters and a space before the name: code point 3 (UTF-16 would say 5).
  assert.equal(mentions[0].start, '3');
});

test('must show the user’s entity edits in the tables', () => {
  const { report: edited } = applyEdits(report(), [
    Edit.merge([{ name: 'Zoë Ångström-Lind', label: 'PER' }, { name: 'Zoe Angstrom', label: 'PER' }], 'Zoë Ångström-Lind', 'PER'),
  ]);
  const entities = records(csvTable(edited, 'entities.csv').text);
  assert.deepEqual(entities.map((e) => [e.entity_id, e.name, e.documents, e.mentions]), [['e1', 'Zoë Ångström-Lind', '2', '2'], ['e2', 'Velmora', '2', '2']]);
  const mentions = records(csvTable(edited, 'mentions.csv').text).filter((m) => m.label === 'PER');
  assert.deepEqual(mentions.map((m) => [m.document_id, m.entity_id, m.entity_name]), [['d1', 'e1', 'Zoë Ångström-Lind'], ['d2', 'e1', 'Zoë Ångström-Lind']]);
});
