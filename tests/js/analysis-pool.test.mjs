// The analysis pool and the client using it, against fake workers that
// play the worker's side of protocol.js: inputs are analyzed in parallel,
// added in input order, and a trap, a stuck file or a cancel costs only
// the input concerned.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzerClient, Cancelled, Input } from '../../www/analyzer-client.js';
import { AnalysisPool, DEPTH, GROW_BYTES, GROW_INPUTS, IDLE_MS, PoolStopped, REFILL, RETIRE_AFTER_BYTES, poolSize } from '../../www/analysis-pool.js';
import { AnalyzerError, MessageType, checkType, requestsIn } from '../../www/protocol.js';
import { MAX_FILE_BYTES, readOrRefuse } from '../../www/read-bytes.js';
import { replyWithReport } from './report-parts.mjs';

const encode = (s) => new TextEncoder().encode(s);
const decode = (b) => new TextDecoder().decode(b);

/**
 * Fake workers. A pool worker answers ANALYZE_* with the bytes "analyzed:NAME"
 * after `delay(name)` ms (never for `hangOn`), traps on `trapOn`; the batch
 * worker keeps documents and accepts only bytes a pool worker made. The
 * `n`th worker started (from 0) answers INIT after `initDelay(n)` ms.
 */
function fakeWorkers({ trapOn = 'poison.txt', hangOn = null, delay = () => 0, initDelay = () => 0 } = {}) {
  const started = [];
  let running = 0;
  let mostAtOnce = 0;
  const start = () => {
    const worker = { docs: [], received: [], messages: 0, terminated: false, broken: false, chain: Promise.resolve() };
    // One request, as worker.js answers it.
    function handle({ id, type, payload }) {
      checkType(type);
      worker.received.push({ type, name: payload?.name ?? null });
      const reply = (message, ms = 0) => setTimeout(() => !worker.terminated && transport.onmessage?.(message), ms);
      if (worker.broken) return reply({ id, ok: false, error: { name: 'RuntimeError', message: 'unreachable' }, fatal: true });
      if (type === MessageType.ANALYZE_FILE || type === MessageType.ANALYZE_TEXT) {
        // One input at a time, in the order posted, as worker.js answers.
        worker.chain = worker.chain.then(
          () =>
            new Promise((next) => {
              if (worker.broken) {
                reply({ id, ok: false, error: { name: 'RuntimeError', message: 'unreachable' }, fatal: true });
                return next();
              }
              if (payload.name === hangOn) return undefined;
              if (payload.name === trapOn) {
                worker.broken = true;
                reply({ id, ok: false, error: { name: 'RuntimeError', message: 'unreachable' }, fatal: true });
                return next();
              }
              running += 1;
              mostAtOnce = Math.max(mostAtOnce, running);
              // A File comes unread, as in worker.js: read (or refused) here.
              const read = payload.file ? readOrRefuse(payload.file) : Promise.resolve({});
              return read.then(({ why }) =>
                setTimeout(() => {
                  running -= 1;
                  const doc = { name: payload.name, warnings: why === undefined ? [] : [why] };
                  if (!worker.terminated) transport.onmessage?.({ id, ok: true, value: encode(`analyzed:${JSON.stringify(doc)}`) });
                  next();
                }, delay(payload.name)),
              );
            }),
        );
        return undefined;
      }
      const summary = (name, warnings = []) => {
        worker.docs.push({ name, warnings });
        return { index: worker.docs.length - 1, name, warnings };
      };
      if (type === MessageType.ADD_ANALYZED) {
        const text = decode(payload.bytes);
        if (!text.startsWith('analyzed:')) {
          return reply({ id, ok: false, error: { name: 'Error', message: 'not an analyzed document from this build' }, fatal: false });
        }
        const doc = JSON.parse(text.slice('analyzed:'.length));
        return reply({ id, ok: true, value: summary(doc.name, doc.warnings) });
      }
      if (type === MessageType.REPORT) return replyWithReport(reply, id, { schema: 'dossier/1', documents: worker.docs });
      const value = {
        [MessageType.INIT]: () => ({ version: '0.0.0-fake' }),
        [MessageType.ADD_FILE]: () => summary(payload.name),
        [MessageType.ADD_TEXT]: () => summary(payload.name),
        [MessageType.ADD_UNREADABLE]: () => summary(payload.name, [payload.why]),
      }[type]();
      return reply({ id, ok: true, value }, type === MessageType.INIT ? initDelay(started.indexOf(worker)) : 0);
    }
    const transport = {
      onmessage: null,
      onerror: null,
      post(message) {
        worker.messages += 1;
        for (const request of requestsIn(message)) handle(request);
      },
      terminate() {
        worker.terminated = true;
      },
    };
    started.push(worker);
    return transport;
  };
  return { start, started, mostAtOnce: () => mostAtOnce };
}

function fakeFile(name, text = 'some text') {
  return { name, size: text.length, reads: 0, async arrayBuffer() { this.reads += 1; return encode(text).buffer; } };
}

/** The batch's worker: the one documents are added to. */
const batchOf = (workers) => workers.started.filter((w) => w.received.some((m) => m.type === 'addAnalyzed'));

const names = async (client) => (await client.report()).documents.map((d) => d.name);

test('must size the pool by cores, between 1 and the maximum', () => {
  assert.equal(poolSize(4), 4);
  assert.equal(poolSize(64), 8);
  assert.equal(poolSize(0), 1);
  assert.equal(poolSize(undefined), 1);
  assert.equal(poolSize(3.5, 2), 2);
});

test('must analyze in parallel and add in input order, however the answers arrive', async () => {
  // Earlier files take longer, so answers come back in reverse.
  const workers = fakeWorkers({ delay: (name) => 40 - 4 * Number(name.match(/\d+/)?.[0] ?? 0) });
  const client = new AnalyzerClient(workers.start, { pool: 3 });
  await client.start();
  assert.equal(client.parallelism, 3);
  const adds = [];
  for (let i = 0; i < 8; i += 1) adds.push(client.add(Input.file(`f${i}.txt`, fakeFile(`f${i}.txt`))));
  adds.push(client.add(Input.text('pasted-9.txt', 'Pasted words.')));
  const summaries = await Promise.all(adds);
  assert.deepEqual(summaries.map((s) => s.index), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(await names(client), ['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt', 'f5.txt', 'f6.txt', 'f7.txt', 'pasted-9.txt']);
  assert.equal(workers.mostAtOnce(), 3, 'three files were analyzed at once');
  const [batch, ...others] = batchOf(workers);
  assert.equal(others.length, 0);
  assert.deepEqual(
    [...new Set(batch.received.map((m) => m.type))].sort(),
    ['addAnalyzed', 'init', 'report'],
    'the batch worker only adds what the pool analyzed',
  );
});

test('must hand each worker its next inputs before it answers the current one', async () => {
  const workers = fakeWorkers({ delay: () => 30 });
  const pool = new AnalysisPool(workers.start, 2);
  await pool.start();
  const names = Array.from({ length: 2 * DEPTH + 1 }, (_, i) => `f${i}.txt`);
  const jobs = names.map((n) => pool.analyze(Input.text(n, n)));
  const handed = () => workers.started.map((w) => w.received.filter((m) => m.type === 'analyzeText').length);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(handed(), [DEPTH, DEPTH], 'DEPTH each, spread over both workers; the last waits');
  assert.deepEqual(workers.started.map((w) => w.messages), [2, 2], 'each got its INIT, then its inputs in one message');
  assert.equal(workers.mostAtOnce(), 2, 'each worker still analyzes one at a time');
  const answers = (await Promise.all(jobs)).map(decode);
  assert.deepEqual(answers.map((a) => JSON.parse(a.slice('analyzed:'.length)).name), names);
  assert.equal(handed().reduce((a, b) => a + b), names.length, 'each input handed once');
});

test('must top a worker up only once it holds REFILL or fewer, in one message', async () => {
  const workers = fakeWorkers({ delay: () => 5 });
  const pool = new AnalysisPool(workers.start, 1);
  await pool.start();
  const count = 3 * DEPTH;
  const jobs = Array.from({ length: count }, (_, i) => pool.analyze(Input.text(`f${i}.txt`, 'x')));
  await Promise.all(jobs);
  const [worker] = workers.started;
  // INIT, the first DEPTH, then a message each time it fell to REFILL
  const topUps = Math.ceil((count - DEPTH) / (DEPTH - REFILL));
  assert.ok(REFILL < DEPTH - 1, 'a top-up carries several inputs');
  assert.equal(worker.messages, 2 + topUps);
  assert.equal(worker.received.filter((m) => m.type === 'analyzeText').length, count);
});

test('must record a file the pool traps on, replace that pool worker only, and go on', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start, { pool: 2 });
  await client.start();
  // c.txt is handed to the same worker behind poison.txt: it must be
  // analyzed again elsewhere, not blamed for the trap.
  const adds = ['a.txt', 'poison.txt', 'b.txt', 'c.txt'].map((n) => client.add(Input.file(n, fakeFile(n))));
  const summaries = await Promise.all(adds);
  assert.deepEqual(summaries.map((s) => [s.name, s.warnings]), [
    ['a.txt', []],
    ['poison.txt', ['Dossier failed on this file: RuntimeError: unreachable']],
    ['b.txt', []],
    ['c.txt', []],
  ]);
  assert.equal(client.restarts, 0, 'the batch worker and its documents are kept');
  assert.equal(batchOf(workers)[0].terminated, false);
  assert.equal(workers.started.filter((w) => w.terminated).length, 1, 'one pool worker replaced');
  assert.deepEqual(await names(client), ['a.txt', 'poison.txt', 'b.txt', 'c.txt']);
});

test('must cancel queued and stuck analyses without stopping the batch worker', async () => {
  const workers = fakeWorkers({ hangOn: 'stuck.html' });
  const client = new AnalyzerClient(workers.start, { pool: 1 });
  await client.start();
  await client.add(Input.file('a.txt', fakeFile('a.txt')));
  const stuck = client.add(Input.file('stuck.html', fakeFile('stuck.html')));
  // handed to the stuck worker behind it (it holds DEPTH), then one left queued
  const behind = Array.from({ length: DEPTH - 1 }, (_, i) => client.add(Input.file(`behind-${i}.txt`, fakeFile(`behind-${i}.txt`))));
  const later = fakeFile('later.txt');
  const queued = client.add(Input.file(later.name, later));
  await new Promise((resolve) => setTimeout(resolve, 5));
  await client.cancel(20);
  await assert.rejects(stuck, Cancelled);
  for (const add of behind) await assert.rejects(add, Cancelled);
  await assert.rejects(queued, Cancelled);
  assert.equal(later.reads, 0, 'a queued input is never read');
  assert.deepEqual(batchOf(workers).map((w) => w.terminated), [false], 'the batch worker keeps its documents');
  assert.equal(workers.started.filter((w) => w.terminated).length, 1, 'the stuck pool worker was stopped');
  assert.equal(client.restarts, 0);
  await client.add(Input.file('after.txt', fakeFile('after.txt')));
  assert.deepEqual(await names(client), ['a.txt', 'after.txt']);
});

test('must say why a file cannot be read when the pool reads it', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start, { pool: 2 });
  await client.start();
  const gone = { name: 'gone.txt', size: 3, arrayBuffer: async () => { throw new Error('NotReadableError'); } };
  const summary = await client.add(Input.file(gone.name, gone));
  assert.deepEqual(summary.warnings, ['could not read this file (NotReadableError); skipped']);
});

test('must reject a pool job with the analyzer error, and stop queued jobs on terminate', async () => {
  const workers = fakeWorkers({ delay: () => 10 });
  const pool = new AnalysisPool(workers.start, 1);
  await pool.start();
  await assert.rejects(pool.analyze(Input.file('poison.txt', fakeFile('poison.txt'))), AnalyzerError);
  assert.equal(pool.replaced, 1);
  assert.equal(decode(await pool.analyze(Input.text('t.txt', 'x'))), 'analyzed:{"name":"t.txt","warnings":[]}');
  const running = pool.analyze(Input.file('a.txt', fakeFile('a.txt')));
  const waiting = pool.analyze(Input.file('b.txt', fakeFile('b.txt')));
  pool.terminate();
  await assert.rejects(running, PoolStopped);
  await assert.rejects(waiting, PoolStopped);
});

test('must hand a File to the pool worker unread, which refuses one over the limit without reading it', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start, { pool: 2 });
  await client.start();
  const real = new File(['Ines Harlow spoke in Velmora.'], 'real.txt');
  const summary = await client.add(Input.file(real.name, real));
  assert.deepEqual([summary.name, summary.warnings], ['real.txt', []]);
  const sent = workers.started.flatMap((w) => w.received).find((m) => m.type === 'analyzeFile');
  assert.equal(sent.name, 'real.txt');
  // Too large: refused by size in the worker; never read.
  const huge = { name: 'huge.mbox', size: MAX_FILE_BYTES + 1, reads: 0, async arrayBuffer() { this.reads += 1; return new ArrayBuffer(0); } };
  assert.deepEqual(await readOrRefuse(huge), { why: 'file too large (32.0 MB; the limit is 32 MB); skipped without reading' });
  assert.equal(huge.reads, 0);
  const gone = { size: 3, arrayBuffer: async () => { throw new Error('NotReadableError'); } };
  assert.deepEqual(await readOrRefuse(gone), { why: 'could not read this file (NotReadableError); skipped' });
  assert.deepEqual(new TextDecoder().decode((await readOrRefuse(real)).bytes), 'Ines Harlow spoke in Velmora.');
});

test('must retire a worker after a large input, once its other inputs are answered', async () => {
  const workers = fakeWorkers({ delay: (name) => (name === 'big.txt' ? 20 : 5) });
  const pool = new AnalysisPool(workers.start, 1);
  await pool.start();
  const big = fakeFile('big.txt', 'x'.repeat(RETIRE_AFTER_BYTES + 1));
  const jobs = [
    pool.analyze(Input.file('small-1.txt', fakeFile('small-1.txt'))),
    pool.analyze(Input.file('big.txt', big)),
    pool.analyze(Input.file('small-2.txt', fakeFile('small-2.txt'))),
  ];
  const answers = (await Promise.all(jobs)).map((bytes) => JSON.parse(decode(bytes).slice('analyzed:'.length)).name);
  assert.deepEqual(answers, ['small-1.txt', 'big.txt', 'small-2.txt']);
  assert.equal(pool.retired, 1);
  assert.equal(pool.replaced, 0, 'retired, not replaced: nothing failed');
  const [first, second] = workers.started;
  assert.equal(workers.started.length, 2, 'one successor started');
  assert.ok(first.terminated, 'the worker that read the large input is stopped');
  assert.ok(!second.terminated);
  // all three were handed to the first worker at once; it answered them all before it stopped
  assert.deepEqual(first.received.filter((m) => m.type === 'analyzeFile').map((m) => m.name), ['small-1.txt', 'big.txt', 'small-2.txt']);
  // later inputs go to the successor; a small one retires nothing
  const later = await pool.analyze(Input.text('later.txt', 'More words.'));
  assert.match(decode(later), /later\.txt/);
  assert.equal(second.received.filter((m) => m.type === 'analyzeText').length, 1);
  assert.equal(pool.retired, 1);
  pool.terminate();
});

test('must start one worker, grow to its size when inputs queue up, and shrink to one once idle', async () => {
  assert.ok(IDLE_MS >= 5000, 'a pause between two drops does not restart the workers');
  const workers = fakeWorkers({ delay: () => 15 });
  const pool = new AnalysisPool(workers.start, 3, { idleMs: 30 });
  await pool.start();
  assert.equal(pool.running, 1, 'one worker at rest');
  const analyzed = (bytes) => JSON.parse(decode(bytes).slice('analyzed:'.length)).name;
  const first = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => pool.analyze(Input.text(`${n}.txt`, n))));
  assert.deepEqual(first.map(analyzed), ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt']);
  assert.equal(workers.started.length, 3, 'two more started for the queue');
  const shares = workers.started.map((w) => w.received.filter((m) => m.type === 'analyzeText').length);
  assert.deepEqual(shares, [2, 2, 2], 'a fair share each, not DEPTH for the first one started');
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(pool.running, 1, 'idle: all but one stopped');
  assert.equal(pool.stopped, 2);
  assert.deepEqual(workers.started.map((w) => w.terminated), [false, true, true], 'the first one is kept');
  // the next batch grows it again
  const second = await Promise.all(['g', 'h', 'i', 'j', 'k'].map((n) => pool.analyze(Input.text(`${n}.txt`, n))));
  assert.deepEqual(second.map(analyzed), ['g.txt', 'h.txt', 'i.txt', 'j.txt', 'k.txt']);
  assert.equal(workers.started.length, 5);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(pool.running, 1);
  // files on their way (a drag over the page): the rest start, and stop again unused
  pool.grow();
  assert.equal(pool.running, 3);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(pool.running, 1);
  assert.equal(workers.started.length, 7);
  pool.terminate();
});

test('must hand inputs only to started workers, so a short batch never waits on one still loading', async () => {
  // every worker after the first takes 200 ms to load
  const workers = fakeWorkers({ initDelay: (n) => (n === 0 ? 0 : 200) });
  const pool = new AnalysisPool(workers.start, 2, { idleMs: 10_000 });
  await pool.start();
  pool.grow(); // files on their way
  const answers = await Promise.all([pool.analyze(Input.text('one.txt', '1')), pool.analyze(Input.text('two.txt', '2'))]);
  assert.equal(answers.length, 2);
  const [loaded, loading] = workers.started;
  assert.deepEqual(loaded.received.filter((m) => m.type === 'analyzeText').map((m) => m.name), ['one.txt', 'two.txt']);
  assert.deepEqual(loading.received.map((m) => m.type), ['init'], 'the loading worker got nothing to sit on');
  pool.terminate();
});

test('must not start the other workers for a file or two, only for more inputs or bytes', async () => {
  const workers = fakeWorkers();
  const pool = new AnalysisPool(workers.start, 4, { idleMs: 10_000 });
  await pool.start();
  const small = (i) => Input.text(`s${i}.txt`, 'A short article.');
  await Promise.all(Array.from({ length: GROW_INPUTS }, (_, i) => pool.analyze(small(i))));
  assert.equal(pool.running, 1, `${GROW_INPUTS} short inputs: one worker does them`);
  await pool.analyze(Input.file('long.txt', fakeFile('long.txt', 'x'.repeat(GROW_BYTES + 1))));
  assert.equal(pool.running, 4, 'one input over GROW_BYTES starts the rest');
  pool.terminate();
  const again = fakeWorkers();
  const other = new AnalysisPool(again.start, 4, { idleMs: 10_000 });
  await other.start();
  await Promise.all(Array.from({ length: GROW_INPUTS + 1 }, (_, i) => other.analyze(small(i))));
  assert.equal(other.running, 4, `${GROW_INPUTS + 1} inputs start the rest`);
  other.terminate();
});

test('must stop all pool workers but one when the batch asks for its report, and none while inputs run', async () => {
  const workers = fakeWorkers({ delay: (name) => (name === 'slow.txt' ? 60 : 1) });
  const client = new AnalyzerClient(workers.start, { pool: 3 });
  await client.start();
  const pooled = () => workers.started.filter((w) => !batchOf(workers).includes(w) && w.received.some((m) => m.type === 'analyzeText'));
  const adds = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => client.add(Input.text(`${n}.txt`, n)));
  await Promise.all(adds);
  assert.equal(pooled().filter((w) => !w.terminated).length, 3, 'the queue started all three');
  // what the report holds is unchanged, and the idle workers are gone at once (IDLE_MS is 20 s)
  assert.deepEqual(await names(client), ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt']);
  assert.equal(pooled().filter((w) => !w.terminated).length, 1, 'one kept for the next input');
  // the next batch grows the pool again, and its report is right
  const more = ['g', 'h', 'i', 'j', 'k', 'l'].map((n) => client.add(Input.text(`${n}.txt`, n)));
  await Promise.all(more);
  assert.ok(pooled().filter((w) => !w.terminated).length > 1);
  assert.equal((await names(client)).length, 12);
  assert.equal(pooled().filter((w) => !w.terminated).length, 1);

  // a pool still analyzing keeps its workers
  const pool = new AnalysisPool(workers.start, 3, { idleMs: 10_000 });
  await pool.start();
  const batch = ['s1', 's2', 's3', 's4', 's5', 'slow'].map((n) => pool.analyze(Input.text(`${n}.txt`, n)));
  await new Promise((resolve) => setTimeout(resolve, 20));
  pool.shrink();
  assert.equal(pool.running, 3, 'busy: nothing stopped');
  await Promise.all(batch);
  pool.shrink();
  assert.equal(pool.running, 1);
  assert.equal(pool.stopped, 2);
  pool.terminate();
});
