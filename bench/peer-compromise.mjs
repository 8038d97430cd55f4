// Times compromise (npm) finding people, places and organizations on the
// same text Dossier analyzed, for the ratios `scripts/bench.sh` prints.
//
//   node bench/peer-compromise.mjs TEXTS.json [RUNS=3]
//
// TEXTS.json is `{"docs": [{"text"}], "n_tokens"}` as written by
// `throughput --texts` (Dossier's tokens of each document's text). Each
// document goes through `nlp(text)` and `.people()`, `.places()`,
// `.organizations()` with offsets, exactly as ../shared/eval/ner/run_js.mjs
// runs it for the NER peers table. One untimed warm-up pass, then RUNS
// timed passes in this one (single-threaded) process; prints one JSON line
// with the median and tokens per second (Dossier's token count, so the
// ratio to Dossier is a ratio of times on the same text).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const nlp = require('compromise');
const [textsPath, runsArg] = process.argv.slice(2);
if (!textsPath) {
  console.error('usage: node bench/peer-compromise.mjs TEXTS.json [RUNS]');
  process.exit(2);
}
const RUNS = Number(runsArg || 3);
const data = JSON.parse(fs.readFileSync(textsPath, 'utf8'));
const texts = data.docs.map((d) => d.text);

/** One pass; returns how many names compromise found. */
function pass() {
  let found = 0;
  for (const text of texts) {
    const doc = nlp(text);
    for (const kind of ['people', 'places', 'organizations']) {
      found += doc[kind]().json({ offset: true, terms: { offset: true } }).length;
    }
  }
  return found;
}

pass();
const times = [];
const cpu = [];
let names = 0;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  names = pass();
  const used = process.cpuUsage(c);
  times.push((performance.now() - t) / 1000);
  cpu.push((used.user + used.system) / 1e6);
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const cpuMedian = [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)];
console.log(
  JSON.stringify({
    lib: 'compromise',
    version: nlp.version,
    docs: texts.length,
    tokens: data.n_tokens,
    names,
    runs_s: times.map((x) => Number(x.toFixed(4))),
    median_s: Number(median.toFixed(4)),
    cpu_s: Number(cpuMedian.toFixed(3)),
    tokens_per_s: Math.round(data.n_tokens / median),
  }),
);
