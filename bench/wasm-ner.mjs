// Times Dossier's entity tagger compiled to wasm, in headless Chromium.
//
//   node bench/wasm-ner.mjs DIR [RUNS=3]
//
// DIR holds the wasm-bindgen output (`dossier.js`, `dossier_bg.wasm`, built
// with `--target web`) and `test_text.json` (`shared/eval/ner/conll_text.py
// export`: the CoNLL-2003 test documents as text, the same text the native
// and spaCy runs see). DIR is served on 127.0.0.1 (a free port) to a blank
// page, which imports the module and calls its `tagText` on every document:
// one untimed warm-up pass, then RUNS timed passes; the median is reported,
// as gold tokens per second, like `ner bench` and the peers' harness. Also
// reported: instantiating the module, and the first `tagText` call (which
// decodes the embedded model). Prints one JSON line.
//
// Chromium and the server: bench/browser.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { inChromium } from './browser.mjs';

const [dir, runsArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/wasm-ner.mjs DIR [RUNS]');
  process.exit(2);
}
const RUNS = Number(runsArg || 3);
const result = await inChromium(dir, { '/test_text.json': fs.readFileSync(path.join(dir, 'test_text.json')) }, 'ner bench', (page) =>
  page.evaluate(async (runs) => {
    const data = await (await fetch('/test_text.json')).json();
    const texts = data.docs.map((d) => d.text);
    let t = performance.now();
    const mod = await import('/dossier.js');
    await mod.default();
    const initMs = performance.now() - t;
    t = performance.now();
    mod.tagText('');
    const firstCallMs = performance.now() - t;
    const pass = () => {
      let n = 0;
      for (const text of texts) n += mod.tagText(text);
      return n;
    };
    pass();
    const times = [];
    let mentions = 0;
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      mentions = pass();
      times.push((performance.now() - t) / 1000);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return {
      docs: texts.length,
      tokens: data.n_tokens,
      mentions,
      runs_s: times.map((x) => Number(x.toFixed(4))),
      median_s: Number(median.toFixed(4)),
      tokens_per_s: Math.round(data.n_tokens / median),
      init_ms: Number(initMs.toFixed(1)),
      first_call_ms: Number(firstCallMs.toFixed(1)),
      user_agent: navigator.userAgent,
    };
  }, RUNS),
);
console.log(JSON.stringify(result));
