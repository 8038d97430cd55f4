// Broken and oversized input in the real browser: a 1 GB file refused by
// its size before anything reads it, zip and gzip bombs refused as
// archives, HTML that expands (a million nested elements, entity floods),
// invalid UTF-8, NUL bytes, a 1 MB line, empty and binary files. Each batch
// mixes them with good files: every good file is analyzed, every bad one
// carries a warning, and what an earlier batch showed is still there.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTICLE, IMAGE, PAGE } from './fixtures.mjs';
import { dropMany, startProbe, stopProbe, waitForCount } from './page-probe.mjs';
import { entityRows, openPage, screenshot, selectDocument, showView, showWholeDocument } from './util.mjs';

const MB = 1024 * 1024;
let session;
let dir;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-hostile-'));
  session = await openPage();
});
after(async () => {
  await session?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The warnings shown on each listed document, by name. */
function warningsByName(page) {
  return page.$$eval('#document-list > li.document', (items) =>
    Object.fromEntries(items.map((li) => [
      li.querySelector('.document-name').textContent,
      [...li.querySelectorAll('.warning')].map((w) => w.textContent),
    ])),
  );
}

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const GOOD_LATE = { name: 'good-late.txt', type: 'text/plain', text: 'Harbor pilot Amira Haddad said the Norrhamn channel reopened on Tuesday.\n' };

test('must analyze the good files of a broken batch and keep the earlier batch', async () => {
  const { page, errors } = session;
  await dropMany(page, [ARTICLE, PAGE].map((f) => ({ ...f, text: f.bytes })));
  await waitForCount(page, 2);
  await selectDocument(page, ARTICLE.name);
  const firstText = await page.textContent('#reader .reader-text');
  const firstEntities = (await entityRows(page)).map((r) => r[0]);
  assert.ok(firstEntities.some((n) => n.includes('Dahlgren')), firstEntities.join(', '));

  const nested = `<html><body>${'<div>'.repeat(100_000)}<p>Mayor Ingrid Solberg resigned in Velmora.</p>${'</div>'.repeat(100_000)}</body></html>`;
  const invalidUtf8 = Buffer.concat([
    Buffer.from('Port director Oluwaseun Okafor said in Gda'),
    Buffer.from([0xc5, 0xff, 0xfe, 0x80, 0xc3]),
    Buffer.from(' that the strike was over.\n'),
  ]);
  const withNul = Buffer.concat([Buffer.from('Union leader Marta Kowalski said the Port Authority '), Buffer.from([0]), Buffer.from('agreed on Friday.\n')]);
  const longLine = ('Henrik Dahlgren of Northwind Lines said the Velmora ferry would run again on Monday. '.repeat(13_000)).slice(0, MB);
  await startProbe(page);
  await dropMany(page, [
    { name: 'nested-100k.html', type: 'text/html', text: nested },
    { name: 'invalid-utf8.txt', type: 'text/plain', base64: b64(invalidUtf8) },
    { name: 'nul.txt', type: 'text/plain', base64: b64(withNul) },
    { name: 'one-line-1mb.txt', type: 'text/plain', text: longLine },
    { name: 'empty.txt', type: 'text/plain', text: '' },
    { name: IMAGE.name, type: IMAGE.type, base64: b64(IMAGE.bytes) },
    GOOD_LATE,
  ]);
  await waitForCount(page, 9);
  const probe = await stopProbe(page);
  console.log(`[hostile] broken batch: longest frame gap ${probe.maxGap} ms, longest long task ${probe.maxLongTask} ms`);

  const warnings = await warningsByName(page);
  assert.deepEqual(warnings[ARTICLE.name], []);
  assert.deepEqual(warnings[PAGE.name], []);
  assert.deepEqual(warnings['nested-100k.html'], []);
  assert.deepEqual(warnings['nul.txt'], ['1 NUL byte(s) in the text were removed (the rest of the file is text)']);
  assert.deepEqual(warnings['one-line-1mb.txt'], []);
  assert.deepEqual(warnings['empty.txt'], ['file is empty; nothing to analyze']);
  assert.deepEqual(warnings[IMAGE.name], [IMAGE.warning]);
  assert.deepEqual(warnings[GOOD_LATE.name], []);
  assert.ok('invalid-utf8.txt' in warnings);

  // The good and the repaired files were analyzed: their names are marked.
  for (const [name, who] of [
    ['nested-100k.html', 'Ingrid Solberg'],
    ['invalid-utf8.txt', 'Oluwaseun Okafor'],
    ['nul.txt', 'Marta Kowalski'],
    ['one-line-1mb.txt', 'Henrik Dahlgren'],
    [GOOD_LATE.name, 'Amira Haddad'],
  ]) {
    await selectDocument(page, name);
    await showWholeDocument(page);
    const people = await page.$$eval('#reader mark.m-PER', (marks) => marks.slice(0, 50).map((m) => m.textContent));
    assert.ok(people.includes(who), `${name}: ${people.slice(0, 5).join(', ')}`);
  }
  assert.equal(await page.$$eval('#reader .reader-text', (n) => n[0].textContent.includes('\u0000')), false);
  // Nothing the first batch showed was lost.
  await selectDocument(page, ARTICLE.name);
  assert.equal(await page.textContent('#reader .reader-text'), firstText);
  const entities = (await entityRows(page)).map((r) => r[0]);
  for (const name of firstEntities) assert.ok(entities.includes(name), `lost ${name}`);
  await screenshot(page, 'hostile-broken-batch');
  assert.deepEqual(errors, []);
});

test('must refuse a 1 GB file by its size, before reading it, and analyze the rest', async () => {
  const { page, errors } = session;
  const big = path.join(dir, 'coverage-dump.txt');
  // Sparse: 1 GiB long, no blocks written. Playwright hands local paths to
  // Chromium as paths (DOM.setFileInputFiles), so neither it nor the page
  // holds the bytes unless something reads them.
  fs.closeSync(fs.openSync(big, 'w'));
  fs.truncateSync(big, 1024 * MB);
  const good = path.join(dir, 'good-beside-big.txt');
  fs.writeFileSync(good, 'Customs chief Kenji Tanaka said the Velmora terminal reopened on Monday.\n');
  await startProbe(page);
  await page.setInputFiles('#file-input', [big, good]);
  await waitForCount(page, 11);
  const probe = await stopProbe(page);
  console.log(`[hostile] 1 GB file: longest frame gap ${probe.maxGap} ms`);
  const warnings = await warningsByName(page);
  assert.deepEqual(warnings['coverage-dump.txt'], ['file too large (1024.0 MB; the limit is 32 MB); skipped without reading']);
  assert.deepEqual(warnings['good-beside-big.txt'], []);
  await selectDocument(page, 'good-beside-big.txt');
  assert.ok((await page.$$eval('#reader mark.m-PER', (m) => m.map((x) => x.textContent))).includes('Kenji Tanaka'));
  assert.deepEqual(errors, []);
});

test('must refuse zip and gzip bombs as archives without unpacking them', async () => {
  const { page, errors } = session;
  // 256 MiB of zeros, compressed about a thousand to one, by the real tools.
  const zip = path.join(dir, 'coverage.zip');
  const gz = path.join(dir, 'coverage.txt.gz');
  execFileSync('bash', ['-c', `head -c ${256 * MB} /dev/zero | zip -q "${zip}" - && head -c ${256 * MB} /dev/zero | gzip -9 > "${gz}"`]);
  // The same zip renamed to .txt: the bytes decide, not the name.
  const disguised = path.join(dir, 'not-really.txt');
  fs.copyFileSync(zip, disguised);
  console.log(`[hostile] zip bomb ${fs.statSync(zip).size} bytes, gzip bomb ${fs.statSync(gz).size} bytes, each 256 MiB unpacked`);
  await page.setInputFiles('#file-input', [zip, gz, disguised]);
  await waitForCount(page, 14);
  const warnings = await warningsByName(page);
  const archive = (what) => `not a text file (${what}; archives are not unpacked: extract the files and drop those); skipped`;
  assert.deepEqual(warnings['coverage.zip'], [archive('a ZIP archive (or an Office document)')]);
  assert.deepEqual(warnings['coverage.txt.gz'], [archive('a gzip archive')]);
  assert.deepEqual(warnings['not-really.txt'], [archive('a ZIP archive (or an Office document)')]);
  assert.deepEqual(errors, []);
});

test('must finish HTML that expands (a million nested elements, entity floods) without freezing the page', async () => {
  const { page, errors } = session;
  const million = `<html><body>${'<div>'.repeat(1_000_000)}<p>Harbor master Samuel Osei closed the Velmora locks.</p></body></html>`;
  const entities = `<html><body><p>${'&amp;&lt;&#x26;'.repeat(100_000)}</p><p>Ferry captain Elena Petrova sailed from Oslo.</p></body></html>`;
  await startProbe(page);
  const t0 = Date.now();
  await dropMany(page, [
    { name: 'nested-1m.html', type: 'text/html', text: million },
    { name: 'entity-flood.html', type: 'text/html', text: entities },
  ]);
  await waitForCount(page, 16, 600_000);
  const probe = await stopProbe(page);
  console.log(`[hostile] 1M nested + 300k entity refs: ${((Date.now() - t0) / 1000).toFixed(1)} s; longest frame gap ${probe.maxGap} ms, longest long task ${probe.maxLongTask} ms (${probe.frames} frames)`);
  for (const [name, who] of [['nested-1m.html', 'Samuel Osei'], ['entity-flood.html', 'Elena Petrova']]) {
    await selectDocument(page, name);
    await showWholeDocument(page);
    const people = await page.$$eval('#reader mark.m-PER', (m) => m.map((x) => x.textContent));
    assert.ok(people.includes(who), `${name}: ${people.join(', ')}`);
  }
  assert.deepEqual(errors, []);
});

test('must abandon a file the analyzer is stuck on when Cancel is pressed, keeping the rest', async () => {
  const { page, errors } = session;
  const before = Number((await page.textContent('#document-count')).slice(1, -1));
  // A million entity references in one paragraph: many seconds of analysis.
  const flood = `<html><body><p>${'&amp;'.repeat(1_000_000)}</p></body></html>`;
  await startProbe(page);
  await dropMany(page, [
    { name: 'first.txt', type: 'text/plain', text: 'Fisheries officer Priya Raman inspected the Norrhamn quay on Friday.\n' },
    { name: 'flood-1m.html', type: 'text/html', text: flood },
    { name: 'never.txt', type: 'text/plain', text: 'This file is never analyzed.\n' },
  ]);
  await page.waitForFunction(() => document.getElementById('progress-bar').value === 1 && !document.getElementById('progress').hidden);
  // The page answers while the worker is busy: switching tabs works.
  await showView(page, 'entities');
  await showView(page, 'reader');
  const t0 = Date.now();
  await page.click('#cancel-button');
  assert.match(await page.textContent('#progress-label'), /^Cancelling after 1 \/ 3 files…$/);
  assert.equal(await page.isDisabled('#cancel-button'), true);
  await waitForCount(page, before + 1, 120_000);
  const probe = await stopProbe(page);
  console.log(`[hostile] stuck file cancelled: idle ${Date.now() - t0} ms after Cancel; longest frame gap ${probe.maxGap} ms`);
  assert.equal(await page.textContent('#status'), 'Cancelled: 1 of 3 files analyzed and kept; the other 2 were not added.');
  const names = await page.$$eval('#document-list .document-name', (n) => n.map((x) => x.textContent));
  assert.ok(names.includes('first.txt') && !names.includes('flood-1m.html') && !names.includes('never.txt'), names.join(', '));
  // Earlier batches survived the worker's restart.
  await selectDocument(page, ARTICLE.name);
  assert.ok((await page.$$eval('#reader mark.m-PER', (m) => m.map((x) => x.textContent))).includes('Zoë Ångström-Lind'));
  await screenshot(page, 'hostile-cancelled');
  assert.deepEqual(errors, []);
});
