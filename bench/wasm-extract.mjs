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
// Chromium and the server: bench/browser.mjs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { inChromium } from './browser.mjs';

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

const result = await inChromium(dir, { '/pages.bin': blob }, 'extract bench', (page) =>
  page.evaluate(
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
  ),
);
console.log(JSON.stringify(result));
