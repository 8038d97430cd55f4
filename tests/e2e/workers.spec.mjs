// The analysis workers: the page compiles the wasm once and every worker
// instantiates that module (wasm-module.js).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedArticles } from './fixtures.mjs';
import { dropFiles, openPage, waitForDocuments } from './util.mjs';

const CORES = 4;
let session;
before(async () => {
  session = await openPage({
    init: { script: (cores) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => cores }), arg: CORES },
  });
});
after(() => session?.close());

const wasmFetches = () => session.requests.filter((url) => new URL(url).pathname.endsWith('/dossier_bg.wasm')).length;

test('must fetch the wasm once for all the workers of a batch', async () => {
  const { page } = session;
  const files = generatedArticles(12).map(({ name, text }) => ({ name, bytes: text }));
  await dropFiles(page, files);
  await waitForDocuments(page, files.length);
  assert.equal(page.workers().length, 1 + CORES);
  assert.equal(wasmFetches(), 1, 'every worker instantiated the module the page compiled');
  assert.match(await page.textContent('#status'), /^12 documents · /);
  assert.deepEqual(session.errors, []);
});
