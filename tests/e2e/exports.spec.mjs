// The Export menu: each CSV table and the HTML report page, downloaded
// from Blob URLs. CSV rows must parse and match the report's counts; the
// exported HTML page must show the stories and documents opened from disk,
// honour the user's entity edits, and, made from hostile documents, run
// nothing and request nothing.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HOSTILE } from './fixtures.mjs';
import { OUT, dropFiles, exportDownload, openPage, waitForDocuments } from './util.mjs';

const KEY = 'dossier.entity-edits.v1';
const TABLES = ['documents', 'entities', 'mentions', 'quotes', 'dates', 'discrepancies', 'copies'];

let session;
/** The sample's report as Export JSON wrote it, for the counts. */
let sample;

before(async () => {
  session = await openPage();
  await session.page.click('#sample-button');
  await waitForDocuments(session.page, 5);
});
after(() => session?.close());

/** RFC 4180 records (BOM checked and removed) as objects keyed by the header. */
function readCsv(file) {
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const s = bytes.toString('utf8').slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && s[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  const [header, ...body] = rows;
  for (const r of body) assert.equal(r.length, header.length, `a row of ${path.basename(file)} has every column`);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Writes a download under tests/e2e/out/ (so it can be opened as a file) and returns its path. */
async function keep(download, name) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await download.saveAs(file);
  return file;
}

/** Opens `file` in a new tab of the session: what it requested, its dialogs and errors, and the page. */
async function openExported(file) {
  const page = await session.context.newPage();
  const seen = session.requests.length;
  const dialogs = [];
  const errors = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = pathToFileURL(file).href;
  await page.goto(url);
  await page.waitForSelector('h1');
  return { page, url, requests: () => session.requests.slice(seen), dialogs, errors };
}

const total = (report, key) => report.documents.reduce((n, d) => n + d[key].length, 0);

test('must list the exports, each CSV table with its row count', async () => {
  const { page } = session;
  await page.click('#export-menu-button');
  await page.waitForSelector('#export-menu:not([hidden])');
  assert.equal(await page.getAttribute('#export-menu-button', 'aria-expanded'), 'true');
  const items = await page.$$eval('#export-csv-list button', (bs) => bs.map((b) => [b.dataset.file, b.querySelector('.count').textContent, b.disabled]));
  assert.deepEqual(items.map((i) => i[0]), TABLES.map((t) => `${t}.csv`));
  assert.ok(items.every(([, count, disabled]) => /^\d+ rows?$/.test(count) && !disabled), JSON.stringify(items));
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'exports-menu.png'), clip: { x: 700, y: 0, width: 740, height: 420 } });
  await page.keyboard.press('Escape');
  await page.waitForSelector('#export-menu', { state: 'hidden' });
});

test('must download every CSV table with rows matching the report', async () => {
  const { page } = session;
  sample = JSON.parse(fs.readFileSync(await (await exportDownload(page, '#export-button')).path(), 'utf8'));
  const expected = {
    documents: sample.documents.length,
    entities: sample.entities.length,
    mentions: total(sample, 'mentions'),
    quotes: total(sample, 'quotes'),
    dates: total(sample, 'dates'),
    discrepancies: (sample.discrepancies ?? []).reduce((n, d) => n + d.values.length, 0),
    copies: (sample.copies ?? []).reduce((n, c) => n + Math.max(1, c.passages.length), 0),
  };
  const tables = {};
  for (const table of TABLES) {
    const download = await exportDownload(page, `#export-csv-list button[data-file="${table}.csv"]`);
    assert.equal(download.suggestedFilename(), `dossier-${table}.csv`);
    tables[table] = readCsv(await keep(download, `sample-${table}.csv`));
    assert.equal(tables[table].length, expected[table], `${table}.csv rows`);
  }
  assert.ok(expected.mentions > 0 && expected.quotes > 0 && expected.dates > 0);
  const docs = new Map(sample.documents.map((d) => [d.id, d]));
  const names = new Map(sample.entities.map((e) => [e.id, e.name]));
  for (const m of tables.mentions) {
    assert.equal([...docs.get(m.document_id).text].slice(+m.start, +m.end).join(''), m.text, 'offsets are code points');
    assert.equal(m.entity_name, names.get(m.entity_id));
  }
  for (const q of tables.quotes) assert.equal(q.speaker_name, q.speaker_id ? names.get(q.speaker_id) : '');
  assert.deepEqual(tables.documents.map((d) => d.document_name), sample.documents.map((d) => d.name));
  assert.ok(session.requests.every((url) => new URL(url).origin === session.origin), 'no request left the page’s origin');
});

test('must download an HTML report that shows the stories and documents offline', async () => {
  const download = await exportDownload(session.page, '#export-html-button');
  assert.equal(download.suggestedFilename(), 'dossier-report.html');
  const file = await keep(download, 'sample-report.html');
  const { page, url, requests, dialogs, errors } = await openExported(file);
  assert.equal(await page.title(), `Dossier report: ${sample.stories[0].title}`);
  const shown = await page.evaluate(() => ({
    stories: [...document.querySelectorAll('#stories article.story h3')].map((n) => n.textContent),
    storyLinks: document.querySelectorAll('#stories article.story li a').length,
    documents: [...document.querySelectorAll('#documents article.document')].map((a) => a.querySelector('dl.meta dd').textContent),
    marks: document.querySelectorAll('#documents mark.m').length,
    entities: document.querySelectorAll('#entities tbody tr').length,
    quotes: document.querySelectorAll('#quotes q').length,
    timeline: document.querySelectorAll('#timeline time').length,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
    scripts: document.scripts.length,
  }));
  assert.deepEqual(shown.stories, sample.stories.map((s) => s.title));
  assert.equal(shown.storyLinks, sample.documents.length);
  assert.deepEqual(shown.documents, sample.documents.map((d) => d.name));
  assert.ok(shown.marks > 0 && shown.marks <= total(sample, 'mentions'), `${shown.marks} names marked`);
  assert.equal(shown.entities, sample.entities.length);
  assert.equal(shown.quotes, total(sample, 'quotes'));
  assert.ok(shown.timeline > 0);
  assert.match(shown.csp, /^default-src 'none'; style-src 'unsafe-inline'/);
  assert.equal(shown.scripts, 0);
  // A link to a document stays in the page.
  await page.click('#stories article.story li a');
  assert.match(page.url(), /#doc-d1$/);
  assert.deepEqual(requests(), [url], 'the exported page loads nothing but itself');
  assert.deepEqual([dialogs, errors], [[], []]);
  fs.mkdirSync(OUT, { recursive: true });
  await page.goto(url);
  await page.screenshot({ path: path.join(OUT, 'exports-html-report.png') });
  await page.evaluate(() => document.getElementById('documents').scrollIntoView());
  await page.screenshot({ path: path.join(OUT, 'exports-html-documents.png') });
  await page.close();
});

test('must apply the user’s entity edits to the CSV and HTML exports', async () => {
  const { page } = session;
  const merge = {
    kind: 'merge', name: 'Castellan News Agency', label: 'ORG',
    members: [{ name: 'Castellan', label: 'ORG' }, { name: 'Castellan News Agency', label: 'ORG' }],
  };
  const ids = ['Castellan', 'Castellan News Agency'].map((n) => sample.entities.find((e) => e.name === n && e.label === 'ORG')?.id);
  assert.ok(ids.every(Boolean), 'the sample names both');
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, JSON.stringify({ format: 'dossier.entity-edits/1', edits: [merge] })]);
  await page.reload();
  await page.waitForSelector('#version:not(:empty)');
  await page.click('#sample-button');
  await waitForDocuments(page, 5);

  const entities = readCsv(await keep(await exportDownload(page, '#export-csv-list button[data-file="entities.csv"]'), 'edited-entities.csv'));
  assert.equal(entities.length, sample.entities.length - 1);
  const merged = entities.filter((e) => e.name === 'Castellan News Agency');
  assert.equal(merged.length, 1);
  assert.ok(!entities.some((e) => e.name === 'Castellan' && e.label === 'ORG'));
  const mentions = readCsv(await keep(await exportDownload(page, '#export-csv-list button[data-file="mentions.csv"]'), 'edited-mentions.csv'));
  const before = sample.documents.flatMap((d) => d.mentions).filter((m) => ids.includes(m.entity)).length;
  assert.equal(mentions.filter((m) => m.entity_id === merged[0].entity_id).length, before);
  assert.equal(Number(merged[0].mentions), before);

  const { page: report } = await openExported(await keep(await exportDownload(page, '#export-html-button'), 'edited-report.html'));
  assert.equal(await report.textContent('#edits li'), 'Merged Castellan (ORG) into Castellan News Agency (ORG)');
  assert.equal(await report.locator('#entities tbody tr').count(), sample.entities.length - 1);
  await report.close();
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
});

test('must export hostile documents as text: nothing runs, nothing loads', async () => {
  const { page } = session;
  await page.click('#clear-button');
  await page.waitForFunction(() => document.querySelectorAll('#document-list > li').length === 0);
  const evil = '"><img src=x onerror="window.__pwned=\'name\'">';
  await dropFiles(page, [
    HOSTILE,
    {
      name: `${evil}.txt`,
      type: 'text/plain',
      bytes: `<script>window.__pwned='title'</script> Mayor resigns\n\nVelmora, March 7 - Mayor Ingrid Solberg of ${evil} said "<script>alert(1)</script> we are done," on Friday.\n`,
    },
    { name: '=HYPERLINK("example.invalid","click").txt', type: 'text/plain', bytes: '+cmd Ingrid Solberg met the Velmora council.\n' },
  ]);
  await waitForDocuments(page, 3);

  const documents = readCsv(await keep(await exportDownload(page, '#export-csv-list button[data-file="documents.csv"]'), 'hostile-documents.csv'));
  assert.deepEqual(documents.map((d) => d.document_name), ['hostile.html', `${evil}.txt`, `'=HYPERLINK("example.invalid","click").txt`]);

  const file = await keep(await exportDownload(page, '#export-html-button'), 'hostile-report.html');
  const html = fs.readFileSync(file, 'utf8');
  assert.ok(!/<(script|img|iframe|svg|link|base|form)\b/i.test(html), 'no active element in the file');
  const { page: report, url, requests, dialogs, errors } = await openExported(file);
  const state = await report.evaluate(() => ({
    pwned: window.__pwned ?? null,
    active: document.querySelectorAll('script, img, iframe, svg, link, object, embed, form, base').length,
    handlers: [...document.querySelectorAll('*')].filter((n) => [...n.attributes].some((a) => a.name.startsWith('on'))).length,
    names: [...document.querySelectorAll('#documents article.document')].map((a) => a.querySelector('dl.meta dd').textContent),
    text: document.body.textContent,
  }));
  assert.deepEqual([state.pwned, state.active, state.handlers], [null, 0, 0]);
  assert.deepEqual(state.names, documents.map((d) => d.document_name.replace(/^'/, '')));
  for (const shown of ["<script>window.__pwned='title'</script> Mayor resigns", '<script>alert(1)</script> we are done,']) {
    assert.ok(state.text.includes(shown), `markup is shown as text: ${shown}`);
  }
  assert.deepEqual(requests(), [url], 'no request but the file itself');
  assert.deepEqual([dialogs, errors], [[], []]);
  await report.screenshot({ path: path.join(OUT, 'exports-hostile.png'), fullPage: false });
  await report.close();
  assert.deepEqual(session.dialogs, []);
});
