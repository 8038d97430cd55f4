// The single-file build, dist/dossier.html, opened straight from disk.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTICLE, LEGACY, PAGE } from './fixtures.mjs';
import { REPO, entityPage, entityRows, openPage, screenshot, showView, waitForDocuments } from './util.mjs';

const DIST = path.join(REPO, 'dist', 'dossier.html');
let session;
let folder;
before(async () => {
  assert.ok(fs.existsSync(DIST), 'dist/dossier.html is missing: run `bash scripts/build.sh` first');
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-dist-'));
  for (const file of [ARTICLE, PAGE, LEGACY]) fs.writeFileSync(path.join(folder, file.name), file.bytes);
  session = await openPage({ fileUrl: pathToFileURL(DIST).href });
});
after(async () => {
  await session?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('must analyze files chosen with the file picker and mark names', async () => {
  const { page } = session;
  await page.setInputFiles('#file-input', [ARTICLE, PAGE, LEGACY].map((f) => path.join(folder, f.name)));
  await waitForDocuments(page, 3);
  const people = await page.$$eval('#reader mark.m-PER', (ms) => ms.map((m) => m.textContent));
  assert.ok(people.includes('Zoë Ångström-Lind'), people.join(', '));
  assert.match(await page.textContent('#status'), /^3 documents · /);
  assert.equal(await page.textContent('#reader-meta .doc-card .fact-file'), ARTICLE.name);
  await screenshot(page, 'dist');
});

test('must show the entity page, quotes and timeline, and keep a merge in localStorage, from file://', async () => {
  const { page } = session;
  await page.click('#reader mark.m-PER');
  assert.ok((await entityPage(page)).mentions.length >= 1);
  await showView(page, 'quotes');
  assert.ok((await page.locator('#quotes .quote-entry').count()) >= 1);
  await showView(page, 'timeline');
  // These files carry no dates of their own: their phrases are listed, unplaced or placed.
  assert.ok((await page.locator('#timeline .point, #timeline .unplaced li').count()) >= 1);
  await showView(page, 'entities');
  const before = (await entityRows(page)).length;
  await page.check('#entity-body tr:nth-child(1) .select-box');
  await page.check('#entity-body tr:nth-child(2) .select-box');
  await page.click('#merge-button');
  await page.waitForFunction((n) => document.querySelectorAll('#entity-body tr').length === n, before - 1);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('dossier.entity-edits.v1')));
  assert.equal(saved.edits.length, 1);
  await page.click('#edit-list .undo');
  await page.waitForFunction((n) => document.querySelectorAll('#entity-body tr').length === n, before);
  await showView(page, 'reader');
});

test('must touch nothing but the file itself and its Blob-URL worker', async () => {
  const { requests, errors } = session;
  assert.deepEqual(errors, []);
  const other = requests.filter((url) => url !== pathToFileURL(DIST).href && !url.startsWith('blob:null/'));
  assert.deepEqual(other, []);
});
