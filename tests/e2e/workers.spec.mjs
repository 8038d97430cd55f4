// The analysis workers: the page compiles the wasm once and every worker
// instantiates that module; one pool worker runs at rest, the pool grows
// to one per core when a batch comes and shrinks back to one for its
// report (analysis-pool.js, wasm-module.js).

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

/** Waits until the page runs `n` workers (Playwright hears of a new one a moment after it starts). */
async function workersRunning(n) {
  for (let tries = 0; session.page.workers().length !== n; tries += 1) {
    assert.ok(tries < 100, `${session.page.workers().length} workers, not ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const wasmFetches = () => session.requests.filter((url) => new URL(url).pathname.endsWith('/dossier_bg.wasm')).length;

test('must run the batch worker and one pool worker at rest, from one fetch of the wasm', async () => {
  await workersRunning(2);
  assert.equal(wasmFetches(), 1);
});

test('must grow the pool to one worker per core when files are dragged in, still from one fetch, and shrink it for the report', async () => {
  const { page } = session;
  await page.evaluate(() => window.dispatchEvent(new DragEvent('dragenter', { bubbles: true })));
  await workersRunning(1 + CORES); // before anything was dropped
  const files = generatedArticles(12).map(({ name, text }) => ({ name, bytes: text }));
  await dropFiles(page, files);
  await waitForDocuments(page, files.length);
  // the report stopped the idle pool workers (analysis-pool.js `shrink`), long before IDLE_MS
  await workersRunning(2);
  assert.equal(wasmFetches(), 1, 'every worker instantiated the module the page compiled');
  assert.match(await page.textContent('#status'), /^12 documents · /);
  // the next drag starts them again, and the next batch adds to the first
  await page.evaluate(() => window.dispatchEvent(new DragEvent('dragenter', { bubbles: true })));
  await workersRunning(1 + CORES);
  const more = generatedArticles(24).slice(12).map(({ name, text }) => ({ name, bytes: text }));
  await dropFiles(page, more);
  await waitForDocuments(page, files.length + more.length);
  await workersRunning(2);
  assert.match(await page.textContent('#status'), /^24 documents · /);
  assert.equal(wasmFetches(), 1);
  assert.deepEqual(session.errors, []);
});

test('must say so, not hang, when the wasm cannot be loaded', async () => {
  const broken = await openPage({
    routes: (context) => context.route('**/dossier_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not here' })),
    waitReady: false,
  });
  try {
    const { page } = broken;
    await page.waitForFunction(() => /could not start/.test(document.getElementById('status').textContent));
    assert.match(await page.textContent('#status'), /^The analyzer could not start: could not load the analyzer \(.*dossier_bg\.wasm: HTTP 404\)$/);
    assert.deepEqual(broken.errors, []);
  } finally {
    await broken.close();
  }
});
