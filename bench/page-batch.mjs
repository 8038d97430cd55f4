// The in-tab figure for issue 7: a whole folder chosen with the real
// page's file picker, served as `scripts/start.sh` serves it, analyzed by
// its analysis pool (one worker per core) and the batch's worker, until the
// page shows the finished report. Prints one JSON line: documents, MB,
// seconds (choice of files to the report rendered), MB/s, when the last
// document was added (the rest is the corpus step and the report), cores,
// the renderer's peak resident memory (workers included) and its ratio to
// the input, its resident memory a second after the batch and again after
// a garbage collection of the page's heap (what the tab holds, apart from
// garbage V8 had not collected yet), and each worker's wasm memory (a wasm
// memory never shrinks, so this is its peak; the batch's worker holds the
// most).
//
//   node bench/page-batch.mjs PKG_DIR CORPUS_DIR
//
// The files are chosen as a user chooses them: the label opens the file
// picker (which starts the pool's other workers, main.js), and the clock
// starts when the files are set, PICK_MS (default 0) later: 0 is the
// worst case, where those workers still load as the batch starts.
//
// A batch over the tab's limit on text (analyzer-client.js
// MAX_TAB_CHARACTERS) stops there: `kept` is the documents analyzed.
// With VIEWS=1, each view's tab is then clicked and the time from the
// click to the next painted frame is printed (the page's thread is busy
// drawing the view until then), and the same for the page of the most
// mentioned entity. With EXPORT=1, Export JSON and Export HTML
// are clicked and each download's size and time (click to saved file)
// are printed too.
//
// With CORES=N, the page is told it has N cores, so its pool starts up to
// N workers: the memory of an N-core tab can be measured on a smaller
// machine (not its time: the workers share this machine's cores).
//
// With PROFILE=N, the page's own thread is sampled (Chrome's profiler)
// and the N functions with the most self time are printed to stderr: the
// page thread should stay a small share of a batch.
//
// PKG_DIR is the wasm-bindgen build to serve (www/ is copied with it as
// its pkg/; www/vendor must be built).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { pageWithPkg, rendererPeakRss, rendererRss, walk } from './browser.mjs';

const [pkgDir, corpusDir] = process.argv.slice(2);
if (!pkgDir || !corpusDir) {
  console.error('usage: node bench/page-batch.mjs PKG_DIR CORPUS_DIR');
  process.exit(2);
}

const files = walk(path.resolve(corpusDir));
const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
const root = pageWithPkg(pkgDir);
const server = await startServer({ root });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-page-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  // CORES=N: the page sees N cores (its pool's size), whatever this machine has
  if (process.env.CORES) {
    await page.addInitScript((n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }), Number(process.env.CORES));
  }
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url);
  await page.waitForSelector('#version:not(:empty)');
  // When the last document is added (the bar is full): the rest is the
  // corpus step, the report's transfer and parse, and drawing it.
  await page.evaluate((n) => {
    const bar = document.getElementById('progress-bar');
    window.__added = null;
    const poll = () => {
      if (bar.value >= n && window.__added === null) window.__added = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, files.length);
  const top = Number(process.env.PROFILE ?? 0);
  const cdp = top > 0 ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  // as a user does: the picker opens (the pool's workers start loading,
  // main.js), the files are chosen, and the clock starts
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('label[for=file-input]')]);
  await new Promise((r) => setTimeout(r, Number(process.env.PICK_MS ?? 0)));
  await page.evaluate(() => { window.__chosen = performance.now(); });
  const started = Date.now();
  await chooser.setFiles(files);
  await page.waitForFunction(
    (n) => document.getElementById('progress').hidden
      && (document.getElementById('document-count').textContent === `(${n})` || /^Stopped/.test(document.getElementById('status').textContent)),
    files.length,
    { timeout: 1_800_000, polling: 200 },
  );
  const seconds = (Date.now() - started) / 1000;
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile, top);
  const inPage = await page.evaluate(() => ({
    added_s: window.__added === null ? null : (window.__added - window.__chosen) / 1000,
    cores: navigator.hardwareConcurrency,
    status: document.getElementById('status').textContent,
    kept: Number(document.getElementById('document-count').textContent.replace(/\D/g, '')),
    js_heap_bytes: performance.memory?.usedJSHeapSize ?? null,
  }));
  const peak = rendererPeakRss();
  // what the tab keeps once the batch is over (a second later: a retired worker's memory goes back)
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = rendererRss();
  const wasmMemory = await workersWasmMemory(page);
  const gc = await page.context().newCDPSession(page);
  await gc.send('HeapProfiler.collectGarbage');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const afterGc = rendererRss();
  await gc.detach();
  // after the batch's peak is read: a view's or an export's own memory is not the batch's
  const views = {};
  if (process.env.VIEWS === '1') {
    for (const view of ['entities', 'quotes', 'timeline', 'compare', 'graph', 'reader']) {
      console.error('[page-batch] view', view);
      views[view] = await page.evaluate((id) => new Promise((resolve) => {
        const t0 = performance.now();
        document.getElementById(id).click();
        requestAnimationFrame(() => setTimeout(() => resolve(Number(((performance.now() - t0) / 1000).toFixed(2))), 0));
      }), `tab-${view}`);
    }
    // the most mentioned entity's page (the entities table is sorted by mentions)
    views.top_entity_page = await page.evaluate(() => new Promise((resolve) => {
      document.getElementById('tab-entities').click();
      const t0 = performance.now();
      const top = document.querySelector('#entity-body .entity-name');
      if (!top) return resolve(null); // no names in the batch
      top.click();
      requestAnimationFrame(() => setTimeout(() => resolve(Number(((performance.now() - t0) / 1000).toFixed(2))), 0));
    }));
  }
  const exports = {};
  if (process.env.EXPORT === '1') {
    for (const [kind, selector] of [['json', '#export-button'], ['html', '#export-html-button']]) {
      await page.click('#export-menu-button');
      await page.waitForSelector('#export-menu:not([hidden])');
      const t0 = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.click(selector)]);
      const saved = await download.path();
      exports[kind] = { bytes: fs.statSync(saved).size, seconds: Number(((Date.now() - t0) / 1000).toFixed(2)) };
      await download.delete();
    }
  }
  console.log(
    JSON.stringify({
      documents: files.length,
      kept: inPage.kept,
      mb: Number((bytes / 1e6).toFixed(2)),
      // the files analyzed, when the batch stopped at the tab's limit (they go in in order)
      ...(inPage.kept < files.length ? { kept_mb: Number((files.slice(0, inPage.kept).reduce((n, f) => n + fs.statSync(f).size, 0) / 1e6).toFixed(2)) } : {}),
      seconds: Number(seconds.toFixed(2)),
      mb_per_s: Number((bytes / 1e6 / seconds).toFixed(2)),
      all_added_s: inPage.added_s === null ? null : Number(inPage.added_s.toFixed(2)),
      cores: inPage.cores,
      status: inPage.status,
      main_js_heap_bytes: inPage.js_heap_bytes,
      renderer_peak_rss_bytes: peak,
      renderer_peak_over_input: peak ? Number((peak / bytes).toFixed(1)) : null,
      renderer_rss_after_bytes: after,
      renderer_rss_after_gc_bytes: afterGc,
      workers_wasm_memory_bytes: wasmMemory,
      ...(process.env.VIEWS === '1' ? { views_s: views } : {}),
      ...(process.env.EXPORT === '1' ? { exports } : {}),
      page_errors: errors,
    }),
  );
} finally {
  await context.close();
  await server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });
}

/**
 * Each running worker's wasm memory in bytes, largest first. The
 * wasm-bindgen module's init returns the instance a worker already has
 * (every worker has loaded its wasm once a batch is over).
 */
async function workersWasmMemory(page) {
  const sizes = [];
  for (const worker of page.workers()) {
    try {
      sizes.push(await worker.evaluate(async () => (await (await import('./pkg/dossier.js')).default()).memory.buffer.byteLength));
    } catch {
      // the worker stopped meanwhile
    }
  }
  return sizes.sort((a, b) => b - a);
}

/** Self time by function of a CPU profile, the `top` largest, to stderr. */
function printProfile(profile, top) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const gaps = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (gaps[i + 1] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).reduce((a, [, v]) => a + v, 0);
  console.error(`page thread: ${(busy / 1000).toFixed(2)} s busy of ${(total / 1000).toFixed(2)} s sampled`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.error(`${ms.toFixed(0).padStart(8)} ms  ${key}`);
  }
}
