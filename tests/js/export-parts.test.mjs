// Exports made in parts (file-parts.js, export-json.js, and the parts of
// the HTML and CSV exports): the parts join to exactly the one-string
// export, no part holds more than one item of a list, and the file made
// from them is that text, however it is cut into chunks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prettyJsonParts } from '../../www/export-json.js';
import { fileFromParts } from '../../www/file-parts.js';
import { reportHtml, reportHtmlParts } from '../../www/export-html.js';
import { csvTable, csvTableParts } from '../../www/export-csv.js';

/** A batch of `n` documents, each with a name, a date and a quote, some copied and disagreeing. */
function batch(n) {
  const documents = [];
  for (let i = 1; i <= n; i++) {
    const text = `Report ${i}: Ana Kovač said "we will rebuild" on May ${(i % 28) + 1}. `.repeat(20);
    documents.push({
      id: `d${i}`, name: `doc-${i}.txt`, format: 'text', encoding: 'utf-8', text,
      meta: { title: `Story ${i}`, publisher: 'Wire', authors: [], published: '2025-05-01', original_source: null, labels: [], urls: [] },
      content: [{ start: 0, end: [...text].length }], posts: [{ start: 0, end: [...text].length }],
      mentions: [{ start: 11, end: 20, text: 'Ana Kovač', label: 'PER', entity: 'e1' }],
      quotes: [{ start: 27, end: 41, text: 'we will rebuild', speaker: 'e1', via: null }],
      dates: [{ start: 46, end: 51, text: `May ${(i % 28) + 1}`, value: null }],
      story: 's1', warnings: [],
    });
  }
  return {
    schema: 'dossier/1',
    documents,
    entities: [{ id: 'e1', name: 'Ana Kovač', label: 'PER', aliases: [], documents: n, mentions: n }],
    stories: [{ id: 's1', title: 'Story', documents: documents.map((d) => d.id) }],
    copies: documents.slice(1).map((d) => ({ source: 'd1', copy: d.id, kind: 'near-duplicate', similarity: 0.9, origin: 'earlier date', passages: [] })),
    discrepancies: [],
    cooccurrences: [],
  };
}

test('must join the JSON parts to exactly JSON.stringify(value, null, 2)', () => {
  const cases = [
    batch(3), {}, { a: [] }, { a: undefined, b: () => 1 }, { a: [1, undefined, () => 1, { b: ['x\ny', null] }], s: 'q', o: { p: [1, 2] } },
    [1, [2]], 3, 'text', null, { toJSON: () => ({ a: [1] }) }, { nested: { list: [{ deep: [1, 2] }] } },
  ];
  for (const value of cases) assert.equal([...prettyJsonParts(value)].join(''), JSON.stringify(value, null, 2), JSON.stringify(value));
});

test('must give each item of the report\'s lists its own JSON part', () => {
  const report = batch(40);
  const parts = [...prettyJsonParts(report)];
  const largest = Math.max(...report.documents.map((d) => JSON.stringify(d, null, 2).length));
  assert.ok(parts.length > 40 + 39, `${parts.length} parts`);
  // a part is one item, re-indented: never two documents
  for (const part of parts) assert.ok(part.length < 1.2 * largest, `a part of ${part.length} characters`);
  assert.equal(parts.filter((p) => p.includes('"quotes"')).length, 40, 'a part a document');
});

test('must make a file of the parts, in order, whatever the chunk size', async () => {
  const parts = ['a', 'bc', '', 'ĉ😀', 'd'.repeat(10), 'e'];
  for (const chunk of [1, 2, 3, 7, 1 << 22]) {
    const file = await fileFromParts(parts, 'text/plain', { chunk });
    assert.equal(await file.text(), parts.join(''), `chunk ${chunk}`);
    assert.equal(file.type, 'text/plain');
    assert.equal(file.size, Buffer.byteLength(parts.join('')));
  }
  // a generator is read once, as it goes
  const file = await fileFromParts(prettyJsonParts(batch(5)), 'application/json', { chunk: 100 });
  assert.deepEqual(JSON.parse(await file.text()), batch(5));
  assert.equal((await (await fileFromParts([], 'text/csv')).text()), '');
});

test('must pause between slices of work, so the page\'s thread can draw', async () => {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 0);
  const slow = function* () {
    for (let i = 0; i < 40; i++) {
      const until = performance.now() + 2;
      while (performance.now() < until); // 2 ms of work a part: 80 ms in all
      yield 'x';
    }
  };
  const file = await fileFromParts(slow(), 'text/plain', { sliceMs: 10 });
  clearInterval(timer);
  assert.equal(await file.text(), 'x'.repeat(40));
  assert.ok(ticks >= 4, `a timer ran ${ticks} times while the file was made`);
  // made in one go, nothing else runs
  ticks = 0;
  const again = setInterval(() => (ticks += 1), 0);
  await fileFromParts(slow(), 'text/plain', { sliceMs: 1e9 });
  clearInterval(again);
  assert.equal(ticks, 0);
});

test('must cut the HTML export at each document, entity and copy', () => {
  const report = batch(30);
  const parts = [...reportHtmlParts(report, { generated: 'now', version: '1' })];
  assert.equal(parts.join(''), reportHtml(report, { generated: 'now', version: '1' }));
  const holding = (tag) => parts.map((p) => (p.match(new RegExp(tag, 'g')) ?? []).length);
  assert.equal(Math.max(...holding('<article class="document"')), 1, 'one document a part');
  assert.equal(holding('<article class="document"').reduce((a, b) => a + b), 30);
  assert.equal(Math.max(...holding('<article class="copy"')), 1, 'one copy a part');
  assert.equal(Math.max(...holding('<tr id="entity-')), 1, 'one entity row a part');
});

test('must cut a CSV table at each row, the header first', () => {
  const report = batch(12);
  const table = csvTableParts(report, 'mentions.csv');
  const parts = [...table.parts];
  assert.equal(table.rows, 12);
  assert.equal(parts.length, 1 + 12, 'the header, then a part a row');
  assert.ok(parts[0].startsWith('\uFEFFdocument_id,'));
  for (const part of parts) assert.ok(part.endsWith('\r\n'));
  assert.equal(parts.join(''), csvTable(report, 'mentions.csv').text);
  assert.equal(csvTableParts(report, 'nothing.csv'), null);
});
