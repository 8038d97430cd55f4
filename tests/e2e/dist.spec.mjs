// The single-file build, dist/dossier.html, opened straight from disk.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTICLE, LEGACY, PAGE } from './fixtures.mjs';
import { REPO, openPage, screenshot, waitForDocuments } from './util.mjs';

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
  await screenshot(page, 'dist');
});

test('must touch nothing but the file itself and its Blob-URL worker', async () => {
  const { requests, errors } = session;
  assert.deepEqual(errors, []);
  const other = requests.filter((url) => url !== pathToFileURL(DIST).href && !url.startsWith('blob:null/'));
  assert.deepEqual(other, []);
});
