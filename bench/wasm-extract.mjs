// Times Dossier's HTML ingest (article extraction and metadata) compiled to
// wasm, in headless Chromium.
//
//   node bench/wasm-extract.mjs DIR DATA [RUNS=5]
//
// DIR holds the wasm-bindgen output (`dossier.js`, `dossier_bg.wasm`, built
// with `--target web`). DATA is the article-extraction data set
// (../shared/data/article-extraction: `ground-truth.json` and
// `html/ID.html.gz`): the same 181 pages `extract eval-html` times natively,
// gunzipped here and handed to the page as bytes. DIR is served on 127.0.0.1
// (a free port) to a blank page, which imports the module and calls its
// `ingestHtml` on every page: one untimed warm-up pass, then RUNS timed
// passes; each page's time is its fastest pass, and the median (and mean)
// over pages is reported in ms/page, like `extract eval-html`. Prints one
// JSON line.
//
// Chromium is Debian's /usr/bin/chromium, launched as shared/TOOLCHAIN.md says.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const [dir, data, runsArg] = process.argv.slice(2);
if (!dir || !data) {
  console.error('usage: node bench/wasm-extract.mjs DIR DATA [RUNS]');
  process.exit(2);
}
const RUNS = Number(runsArg || 5);

// The pages, in ground-truth order, as one buffer plus their lengths.
const truth = JSON.parse(fs.readFileSync(path.join(data, 'ground-truth.json'), 'utf8'));
const ids = Object.keys(truth).sort();
const pages = ids.map((id) => zlib.gunzipSync(fs.readFileSync(path.join(data, 'html', `${id}.html.gz`))));
const lengths = pages.map((p) => p.length);
const blob = Buffer.concat(pages);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};
const FILES = new Set(['/index.html', '/dossier.js', '/dossier_bg.wasm', '/pages.bin']);

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const name = url.pathname === '/' ? '/index.html' : url.pathname;
  if (!FILES.has(name)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body =
      name === '/index.html'
        ? '<!doctype html><meta charset="utf-8"><title>extract bench</title>'
        : name === '/pages.bin'
          ? blob
          : await fsp.readFile(path.join(dir, name.slice(1)));
    res.writeHead(200, { 'content-type': TYPES[path.extname(name)] }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-bench-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(`${base}/`);
  const result = await page.evaluate(
    async ({ runs, lengths }) => {
      const blob = new Uint8Array(await (await fetch('/pages.bin')).arrayBuffer());
      const pages = [];
      let at = 0;
      for (const n of lengths) {
        pages.push(blob.subarray(at, at + n));
        at += n;
      }
      let t = performance.now();
      const mod = await import('/dossier.js');
      await mod.default();
      const initMs = performance.now() - t;
      let content = 0;
      for (const p of pages) content += mod.ingestHtml(p);
      const best = pages.map(() => Infinity);
      for (let r = 0; r < runs; r++) {
        pages.forEach((p, i) => {
          const t0 = performance.now();
          mod.ingestHtml(p);
          best[i] = Math.min(best[i], performance.now() - t0);
        });
      }
      const sorted = [...best].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      const mean = best.reduce((a, b) => a + b, 0) / best.length;
      return {
        pages: pages.length,
        bytes: blob.length,
        content_bytes: content,
        runs,
        median_ms_per_page: Number(median.toFixed(2)),
        mean_ms_per_page: Number(mean.toFixed(2)),
        init_ms: Number(initMs.toFixed(1)),
        user_agent: navigator.userAgent,
      };
    },
    { runs: RUNS, lengths },
  );
  console.log(JSON.stringify(result));
} finally {
  if (context) await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
