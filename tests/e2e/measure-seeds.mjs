// Measures, in the served page, the time from dropping the five seed files
// (../shared/samples/seeds/*.txt) to the reader and entities table being
// rendered. Not a test: prints milliseconds.
//
//   node tests/e2e/measure-seeds.mjs [RUNS]

import fs from 'node:fs';
import path from 'node:path';
import { REPO, openPage } from './util.mjs';

const SEEDS = path.join(REPO, '..', 'shared', 'samples', 'seeds');
if (!fs.existsSync(SEEDS)) {
  console.error(`measure-seeds: ${SEEDS} is missing`);
  process.exit(1);
}
const files = fs.readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort()
  .map((name) => ({ name, bytes: [...fs.readFileSync(path.join(SEEDS, name))] }));
const runs = Number(process.argv[2] ?? 5);
const times = [];
for (let run = 0; run < runs; run++) {
  const session = await openPage();
  const ms = await session.page.evaluate(async (files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'text/plain' }));
    const zone = document.getElementById('drop-zone');
    const done = () =>
      document.querySelectorAll('#document-list > li').length === files.length &&
      document.getElementById('progress').hidden &&
      document.querySelector('#reader mark.m') &&
      document.querySelector('#entity-body tr:not(.empty-row)');
    const start = performance.now();
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    await new Promise((resolve) => {
      const check = () => (done() ? resolve() : requestAnimationFrame(check));
      check();
    });
    // One more frame: the rendered result has been painted.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - start;
  }, files);
  times.push(ms);
  await session.close();
}
times.sort((a, b) => a - b);
const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
console.log(`seeds: ${files.length} files, ${bytes} bytes`);
console.log(`drop -> rendered (ms): ${times.map((t) => t.toFixed(0)).join(', ')}; median ${times[Math.floor(times.length / 2)].toFixed(0)}`);
