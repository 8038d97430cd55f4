// Time to the first result in the real page: a fresh headless Chromium
// opens the served page (www/, with the wasm in PKG_DIR), the page gets
// ready (worker started, entity model loaded: the version appears in the
// footer), then one article is dropped and the clock runs until its
// reader (names highlighted) and entities table are rendered and painted.
//
//   node bench/first-result.mjs PKG_DIR FILE [RUNS=5] [SCREENSHOT.png]
//
// www/ is copied to a temporary folder with PKG_DIR as its pkg/, so the
// shared www/pkg is never touched. Every run is a new browser profile
// (nothing cached). Reports, each as the median over RUNS (and every run):
// `ready_ms` from navigation start to ready, `drop_ms` from the drop to
// the painted result on the loaded page, and `open_ms`, their sum, the
// time from opening the page to the first result. Prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { pageWithPkg } from './browser.mjs';

const [pkgDir, file, runsArg, shot] = process.argv.slice(2);
if (!pkgDir || !file) {
  console.error('usage: node bench/first-result.mjs PKG_DIR FILE [RUNS] [SCREENSHOT.png]');
  process.exit(2);
}
const RUNS = Number(runsArg || 5);
const article = { name: path.basename(file), bytes: [...fs.readFileSync(file)] };

const root = pageWithPkg(pkgDir);
const server = await startServer({ root });

// Runs before the page's own scripts: notes when the footer first shows the version.
const watchReady = () => {
  const note = () => {
    const v = document.getElementById('version');
    if (v && v.textContent.trim() && window.__readyAt === undefined) window.__readyAt = performance.now();
  };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
};

const runs = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.addInitScript(watchReady);
      await page.goto(server.url);
      await page.waitForSelector('#version:not(:empty)');
      const readyMs = await page.evaluate(() => window.__readyAt);
      const dropMs = await page.evaluate(async (f) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
        const zone = document.getElementById('drop-zone');
        const done = () =>
          document.querySelectorAll('#document-list > li').length === 1 &&
          document.getElementById('progress').hidden &&
          document.querySelector('#reader mark.m') &&
          document.querySelector('#entity-body tr:not(.empty-row)');
        const start = performance.now();
        zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        await new Promise((resolve) => {
          const check = () => (done() ? resolve() : requestAnimationFrame(check));
          check();
        });
        // one more frame: the result has been painted
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return performance.now() - start;
      }, article);
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      if (shot && run === RUNS - 1) await page.screenshot({ path: shot });
      runs.push({ ready: readyMs, drop: dropMs, open: readyMs + dropMs });
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
}
const median = (key) => {
  const xs = runs.map((r) => r[key]).sort((a, b) => a - b);
  return Number(xs[Math.floor(xs.length / 2)].toFixed(1));
};
console.log(
  JSON.stringify({
    file: article.name,
    bytes: article.bytes.length,
    runs: runs.map((r) => ({ ready: Math.round(r.ready), drop: Math.round(r.drop) })),
    ready_ms: median('ready'),
    drop_ms: median('drop'),
    open_ms: median('open'),
  }),
);
