// The tab's memory at rest, by core count: a fresh headless Chromium opens
// the served page (www/, with the wasm in PKG_DIR) or, with DIST=FILE, the
// single-file page from disk, with `navigator.hardwareConcurrency` set to
// each count in CORES (default "1 2 4 8"); once the page is ready and has
// settled (SETTLE_MS, default 3000), the renderer's resident memory
// (workers included) and the number of workers running are read. The
// pool starts one worker and grows with a batch (analysis-pool.js), and
// every worker instantiates the module the page compiled once
// (wasm-module.js). Also prints a blank page's renderer for comparison.
// Prints one JSON line.
//
//   node bench/page-idle.mjs PKG_DIR
//   DIST=dist/dossier.html node bench/page-idle.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { pageWithPkg, rendererRss } from './browser.mjs';

const [pkgDir] = process.argv.slice(2);
const dist = process.env.DIST ? path.resolve(process.env.DIST) : null;
if (!pkgDir && !dist) {
  console.error('usage: node bench/page-idle.mjs PKG_DIR  |  DIST=dist/dossier.html node bench/page-idle.mjs');
  process.exit(2);
}
const counts = (process.env.CORES ?? '1 2 4 8').split(/\s+/).filter(Boolean).map(Number);
const settle = Number(process.env.SETTLE_MS ?? 3000);
const root = dist ? null : pageWithPkg(pkgDir);
const server = dist ? null : await startServer({ root });
const url = dist ? pathToFileURL(dist).href : server.url;

/** Opens `url` in a fresh browser (null: a blank page), returns {rss_mb, workers, ready_ms}. */
async function atRest(cores, target) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-idle-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript((n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }), cores);
    const t0 = Date.now();
    if (target) {
      await page.goto(target);
      await page.waitForSelector('#version:not(:empty)');
    } else {
      await page.setContent('<p>blank</p>');
    }
    const ready = Date.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, settle));
    return { rss_mb: Math.round(rendererRss() / 1e6), workers: page.workers().length, ready_ms: ready };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

try {
  const blank = await atRest(1, null);
  const byCores = {};
  for (const cores of counts) byCores[cores] = await atRest(cores, url);
  console.log(JSON.stringify({ page: dist ? 'dist' : 'served', blank_rss_mb: blank.rss_mb, at_rest: byCores }));
} finally {
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}
