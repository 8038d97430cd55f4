// Prints scripts/bench.sh's figures table from the JSON lines its steps
// wrote into DIR (native.json, wasm.json, first.json, size.json, the
// peers', the seeds' and the real pages' files when present), with issue
// 7's targets.
//
//   node bench/summary.mjs DIR
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = (name) => {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
};
const native = read('native.json');
const wasm = read('wasm.json');
const nativeSeeds = read('native-seeds.json');
const wasmSeeds = read('wasm-seeds.json');
const nativePages = read('native-pages.json');
const wasmPages = read('wasm-pages.json');
const nativeDumps = read('native-dumps.json');
const wasmDumps = read('wasm-dumps.json');
const first = read('first.json');
const size = read('size.json');
const env = read('env.json') ?? {};
const peers = [read('compromise.json'), read('spacy.json')].filter(Boolean);

const mb = (bytes) => (bytes / 1e6).toFixed(bytes < 1e5 ? 3 : 2);
const k = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${Math.round(x / 1e3)}k`);
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const rows = [];
const row = (measure, figure, target = '') => rows.push([measure, figure, target]);

// The speed targets are judged on every corpus but the five seeds (too
// small to time): MB/s depends on how much of the input is markup.
const pipeline = (label, n, w, judged = true) => {
  if (!n) return;
  const corpus = `${n.files} files, ${mb(n.bytes)} MB, ${n.tokens} tokens`;
  row(`${label}: corpus`, corpus);
  row(
    `${label}: native, 1 thread`,
    `${n.mb_per_s} MB/s, ${k(n.tokens_per_s)} tokens/s (${n.median_s} s; CPU ${n.cpu_s} s = ${n.cpu_s ? (n.bytes / 1e6 / n.cpu_s).toFixed(2) : '?'} MB/s; docs ${n.documents_s} s, corpus + report JSON ${n.batch_s} s)`,
    judged ? `>= 10 MB/s: ${verdict(n.mb_per_s >= 10)}` : '',
  );
  if (w) {
    row(
      `${label}: wasm, Chromium`,
      `${w.mb_per_s} MB/s, ${k(n.tokens / w.median_s)} tokens/s (${w.median_s.toFixed(3)} s; addFile ${w.add_s.toFixed(3)} s, reportParts ${w.report_s.toFixed(3)} s)`,
      judged ? `>= 5 MB/s: ${verdict(w.mb_per_s >= 5)}` : '',
    );
    // the worker promises the command line's bytes; a size mismatch means it does not keep that promise
    if (w.report_bytes !== n.report_bytes) row(`${label}: report JSON length differs`, `native ${n.report_bytes} B, wasm ${w.report_bytes} B`);
  }
};
pipeline('generated', native, wasm);
pipeline('seeds', nativeSeeds, wasmSeeds, false);
pipeline('real saved pages', nativePages, wasmPages);
pipeline('real text dumps', nativeDumps, wasmDumps);
if (wasm) row('wasm module start / prepare()', `${wasm.init_ms.toFixed(0)} ms / ${wasm.prepare_ms.toFixed(0)} ms`);
if (first) {
  row(`page ready (navigation -> model loaded)`, `${first.ready_ms} ms (median of ${first.runs.length})`);
  row(`first result, ${first.file} (${first.bytes} B): drop -> painted`, `${first.drop_ms} ms`, `<= 150 ms: ${verdict(first.drop_ms <= 150)}`);
  row('open page -> first result (ready + drop)', `${first.open_ms} ms`);
}
if (size) row('wasm size', `${mb(size.raw)} MB raw, ${mb(size.gzip)} MB gzipped`);

const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`== Dossier pipeline (load ${env.load ?? '?'}, ${env.date ?? ''}, commit ${env.commit ?? '?'}) ==`);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i])).join('  ').trimEnd());

if (native && peers.length) {
  console.log(`== peers on the same text (${native.files} documents' text, ${native.tokens} tokens; names only, Dossier the whole pipeline) ==`);
  const wasmTps = wasm ? native.tokens / wasm.median_s : null;
  for (const p of peers) {
    const label = p.version ? `${p.lib} ${p.version}` : p.lib;
    const ratios = [`native / it ${(native.tokens_per_s / p.tokens_per_s).toFixed(1)}x`];
    if (wasmTps) ratios.push(`wasm / it ${(wasmTps / p.tokens_per_s).toFixed(1)}x`);
    console.log(`${label}: ${k(p.tokens_per_s)} tokens/s (${p.median_s} s; CPU ${p.cpu_s} s); ${ratios.join(', ')}`);
  }
} else if (native) {
  console.log('== peers: none ran ==');
}
