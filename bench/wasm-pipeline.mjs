// Times Dossier's whole pipeline compiled to wasm, in headless Chromium,
// through the page's own API: `Analyzer.addFile` for every file, then
// `reportParts()` (ingest, annotate, corpus, report JSON in parts), as the worker does.
//
//   node bench/wasm-pipeline.mjs PKG_DIR CORPUS_DIR [RUNS=3]
//   node bench/wasm-pipeline.mjs PKG_DIR CORPUS_DIR --once
//
// PKG_DIR holds the wasm-bindgen output (`dossier.js`, `dossier_bg.wasm`,
// `--target web`); CORPUS_DIR the files (walked recursively, sorted, as
// `dossier analyze` does). The files are served packed into chunks of a
// few MB.
//
// Default: every chunk is fetched first, then one untimed warm-up pass and
// RUNS timed passes, each a fresh Analyzer in a fresh wasm instance; the
// median is reported, like the native `throughput` bin. `--once`: the in-tab scaling figure: one
// Analyzer fed chunk by chunk as it is fetched (as a tab reading dropped
// files would), one pass, the report's parts parsed and joined as they
// come, as the page does. Also reported: the wasm linear memory at the end
// (it only ever grows, so this is its peak) and after the documents,
// before the report; the JS heap; and the renderer process's peak resident
// memory (VmHWM from /proc, Linux). Prints one JSON line.
//
// Chromium and the server: bench/browser.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { inChromium, rendererPeakRss, walk } from './browser.mjs';

const [pkgDir, corpusDir, third] = process.argv.slice(2);
if (!pkgDir || !corpusDir) {
  console.error('usage: node bench/wasm-pipeline.mjs PKG_DIR CORPUS_DIR [RUNS | --once]');
  process.exit(2);
}
const once = third === '--once';
const RUNS = once ? 1 : Number(third || 3);
const CHUNK = 4 << 20;

// Pack the files into chunks: `/chunk-K.bin`, and `/index.json` saying where each file lies.
const extra = {};
const index = { files: [], chunks: 0, bytes: 0 };
let parts = [];
let size = 0;
const flush = () => {
  if (!parts.length) return;
  extra[`/chunk-${index.chunks}.bin`] = Buffer.concat(parts);
  index.chunks += 1;
  parts = [];
  size = 0;
};
for (const file of walk(corpusDir)) {
  const bytes = fs.readFileSync(file);
  index.files.push({ name: path.basename(file), chunk: index.chunks, offset: size, length: bytes.length });
  parts.push(bytes);
  size += bytes.length;
  index.bytes += bytes.length;
  if (size >= CHUNK) flush();
}
flush();
extra['/index.json'] = Buffer.from(JSON.stringify(index));
// The page's own report assembly (analyzer-client.js and what it imports).
const www = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'www');
for (const name of ['analyzer-client.js', 'protocol.js', 'read-bytes.js', 'analysis-pool.js']) {
  extra[`/${name}`] = fs.readFileSync(path.join(www, name));
}

const result = await inChromium(pkgDir, extra, 'pipeline bench', async (page) => {
  const inPage = await page.evaluate(
    async ({ runs, once }) => {
      const index = await (await fetch('/index.json')).json();
      const load = async (k) => new Uint8Array(await (await fetch(`/chunk-${k}.bin`)).arrayBuffer());
      let t = performance.now();
      const mod = await import('/dossier.js');
      const { ReportAssembler } = await import('/analyzer-client.js');
      const wasm = await mod.default();
      const initMs = performance.now() - t;
      t = performance.now();
      mod.prepare();
      const prepareMs = performance.now() - t;
      const common = { docs: index.files.length, bytes: index.bytes, init_ms: initMs, prepare_ms: prepareMs };
      if (once) {
        const start = performance.now();
        let addMs = 0;
        const batch = new mod.Analyzer();
        for (let k = 0; k < index.chunks; k++) {
          const chunk = await load(k);
          const s = performance.now();
          for (const f of index.files) if (f.chunk === k) batch.addFile(f.name, chunk.subarray(f.offset, f.offset + f.length));
          addMs += performance.now() - s;
        }
        // wasm memory only grows: what the documents alone took, apart from the report's peak
        const afterAdd = wasm.memory.buffer.byteLength;
        let s = performance.now();
        // the parts parsed and joined as they come, as the page does
        const assembler = new ReportAssembler();
        let reportBytes = 0;
        let parseMs = 0;
        batch.reportParts((part, last) => {
          reportBytes += part.length;
          const p = performance.now();
          assembler.add(part, !last);
          parseMs += performance.now() - p;
        });
        const report = assembler.finish();
        const reportMs = performance.now() - s - parseMs;
        const totalMs = performance.now() - start;
        batch.free();
        return {
          ...common,
          total_s: totalMs / 1000,
          add_s: addMs / 1000,
          report_s: reportMs / 1000,
          parse_s: parseMs / 1000,
          report_bytes: reportBytes,
          entities: report.entities.length,
          stories: report.stories.length,
          wasm_memory_bytes: wasm.memory.buffer.byteLength,
          wasm_memory_after_add_bytes: afterAdd,
          js_heap_used_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
        };
      }
      const chunks = await Promise.all(Array.from({ length: index.chunks }, (_, k) => load(k)));
      const files = index.files.map((f) => ({ name: f.name, bytes: chunks[f.chunk].subarray(f.offset, f.offset + f.length) }));
      // each pass in a wasm instance of its own (the module imported again
      // under another URL), so that it starts with the tagger's word cache
      // empty, as the native `throughput` does on a thread of its own
      const fresh = async (k) => {
        const m = await import(`/dossier.js?pass=${k}`);
        await m.default();
        m.prepare();
        return m;
      };
      const pass = (mod) => {
        const t0 = performance.now();
        const batch = new mod.Analyzer();
        for (const f of files) batch.addFile(f.name, f.bytes);
        const t1 = performance.now();
        batch.reportParts(() => {});
        const t2 = performance.now();
        batch.free();
        return { total: (t2 - t0) / 1000, add: (t1 - t0) / 1000, report: (t2 - t1) / 1000 };
      };
      pass(mod);
      const passes = [];
      for (let i = 0; i < runs; i++) passes.push(pass(await fresh(i)));
      const median = [...passes].sort((a, b) => a.total - b.total)[Math.floor(passes.length / 2)];
      // untimed: the report as one JSON text, to compare with the native one
      const check = new mod.Analyzer();
      for (const f of files) check.addFile(f.name, f.bytes);
      const reportBytes = new TextEncoder().encode(check.reportJson()).length;
      check.free();
      return {
        ...common,
        runs_s: passes.map((p) => p.total),
        median_s: median.total,
        add_s: median.add,
        report_s: median.report,
        report_bytes: reportBytes,
        wasm_memory_bytes: wasm.memory.buffer.byteLength,
      };
    },
    { runs: RUNS, once },
  );
  return { ...inPage, renderer_peak_rss_bytes: rendererPeakRss(), user_agent: await page.evaluate(() => navigator.userAgent) };
});
const round = (x) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toFixed(4)) : x);
const out = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Array.isArray(v) ? v.map(round) : round(v)]));
const seconds = once ? result.total_s : result.median_s;
out.mb_per_s = Number((result.bytes / 1e6 / seconds).toFixed(2));
console.log(JSON.stringify(out));
