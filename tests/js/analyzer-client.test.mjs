// The analyzer client's recovery from traps, against a fake worker: the
// wasm cannot be made to panic on purpose, so the fake plays the worker's
// side of protocol.js and traps on a file named "poison.txt".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzerClient, Cancelled, Input, MAX_FILE_BYTES, MAX_TAB_CHARACTERS, ReportAssembler, TabFull, shareStrings, tabCharacterLimit } from '../../www/analyzer-client.js';
import { MessageType, RpcClient, checkType, requestsIn } from '../../www/protocol.js';
import { chunks, join, parts, replyWithReport } from './report-parts.mjs';

/** A fake worker: keeps documents like the wasm Analyzer; traps (or dies) on demand. */
function fakeWorkers({ trapOn = 'poison.txt', crashOn = null, hangOn = null, slowOn = null, reportChunk = Infinity, trapInReport = Infinity } = {}) {
  const started = [];
  const start = () => {
    const worker = { docs: [], received: [], messages: 0, terminated: false, broken: false };
    const reply = (message) => queueMicrotask(() => transport.onmessage?.(message));
    const summary = (name, warnings = []) => {
      worker.docs.push({ name, warnings });
      return { index: worker.docs.length - 1, name, format: 'text', encoding: 'utf-8', characters: 1, warnings };
    };
    // One request, as worker.js answers it.
    function handle({ id, type, payload }) {
      checkType(type);
      worker.received.push({ type, payload });
      if (worker.broken) return reply({ id, ok: false, error: { name: 'RuntimeError', message: 'unreachable' }, fatal: true });
      if (type === MessageType.ADD_FILE && payload.name === crashOn) {
        worker.broken = true;
        return queueMicrotask(() => transport.onerror?.(new Error('worker crashed')));
      }
      // Never answers (a file the analyzer is stuck on), or answers late.
      if (type === MessageType.ADD_FILE && payload.name === hangOn) return undefined;
      if (type === MessageType.ADD_FILE && payload.name === slowOn) {
        return setTimeout(() => transport.onmessage?.({ id, ok: true, value: summary(payload.name) }), 30);
      }
      if (type === MessageType.ADD_FILE && payload.name === trapOn) {
        worker.broken = true;
        return reply({ id, ok: false, error: { name: 'RuntimeError', message: 'unreachable' }, fatal: true });
      }
      if (type === MessageType.REPORT) {
        // the first worker traps after `trapInReport` chunks, inside a part
        const cutAfter = started[0] === worker ? trapInReport : Infinity;
        if (cutAfter < Infinity) worker.broken = true;
        return replyWithReport(reply, id, { schema: 'dossier/1', documents: worker.docs, entities: [], stories: [] }, { bytes: reportChunk, cutAfter });
      }
      const value = {
        [MessageType.INIT]: () => ({ version: '0.0.0-fake' }),
        [MessageType.ADD_FILE]: () => summary(payload.name),
        [MessageType.ADD_TEXT]: () => summary(payload.name),
        [MessageType.ADD_UNREADABLE]: () => summary(payload.name, [payload.why]),
        [MessageType.SAMPLE_FILES]: () => [],
      }[type]();
      reply({ id, ok: true, value });
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
  return { start, started };
}

/** A File-like that counts how often it was read. */
function fakeFile(name, text = 'some text', size = text.length) {
  return {
    name,
    size,
    reads: 0,
    async arrayBuffer() {
      this.reads += 1;
      return new TextEncoder().encode(text).buffer;
    },
  };
}

test('must record a trapping file as an error, restart the worker, replay earlier inputs and go on', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start);
  assert.deepEqual(await client.start(), { version: '0.0.0-fake' });
  const a = fakeFile('a.txt');
  const pasted = 'Pasted words about Velmora.';
  const poison = fakeFile('poison.txt');
  const c = fakeFile('c.txt');

  const summaries = [];
  summaries.push(await client.add(Input.file(a.name, a)));
  summaries.push(await client.add(Input.text('pasted-2.txt', pasted)));
  summaries.push(await client.add(Input.file(poison.name, poison)));
  summaries.push(await client.add(Input.file(c.name, c)));
  const report = await client.report();

  assert.deepEqual(summaries.map((s) => [s.index, s.name, s.warnings]), [
    [0, 'a.txt', []],
    [1, 'pasted-2.txt', []],
    [2, 'poison.txt', ['Dossier failed on this file: RuntimeError: unreachable']],
    [3, 'c.txt', []],
  ]);
  assert.deepEqual(report.documents.map((d) => d.name), ['a.txt', 'pasted-2.txt', 'poison.txt', 'c.txt']);
  assert.equal(client.restarts, 1);
  assert.equal(workers.started.length, 2);
  assert.equal(workers.started[0].terminated, true);
  assert.equal(workers.started[1].terminated, false);
  // The fresh worker got the earlier inputs again, from the kept objects, in order.
  assert.deepEqual(
    workers.started[1].received.map(({ type, payload }) => [type, payload?.name ?? null]),
    [
      ['init', null],
      ['addFile', 'a.txt'],
      ['addText', 'pasted-2.txt'],
      ['addUnreadable', 'poison.txt'],
      ['addFile', 'c.txt'],
      ['report', null],
    ],
  );
  assert.equal(workers.started[1].received[2].payload.text, pasted);
  assert.equal(a.reads, 2, 'the same File object is read again on replay');
  assert.equal(poison.reads, 1);
});

test('must recover the same way when the worker dies instead of answering', async () => {
  const workers = fakeWorkers({ trapOn: null, crashOn: 'crash.txt' });
  const client = new AnalyzerClient(workers.start);
  await client.start();
  await client.add(Input.file('a.txt', fakeFile('a.txt')));
  const failed = await client.add(Input.file('crash.txt', fakeFile('crash.txt')));
  const after = await client.add(Input.file('b.txt', fakeFile('b.txt')));
  assert.deepEqual(failed.warnings, ['Dossier failed on this file: the analyzer stopped: worker crashed']);
  assert.equal(after.index, 2);
  assert.equal(workers.started.length, 2);
  assert.deepEqual((await client.report()).documents.map((d) => d.name), ['a.txt', 'crash.txt', 'b.txt']);
});

test('must refuse a file over 32 MB without reading it', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start);
  await client.start();
  const huge = fakeFile('huge.mbox', '', 1024 * 1024 * 1024);
  const summary = await client.add(Input.file(huge.name, huge));
  assert.equal(huge.reads, 0);
  assert.equal(MAX_FILE_BYTES, 32 * 1024 * 1024);
  assert.deepEqual(summary.warnings, ['file too large (1024.0 MB; the limit is 32 MB); skipped without reading']);
});

test('must say why when a file cannot be read, and keep going', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start);
  await client.start();
  const gone = { name: 'gone.txt', size: 3, arrayBuffer: async () => { throw new Error('NotReadableError'); } };
  const summary = await client.add(Input.file(gone.name, gone));
  assert.deepEqual(summary.warnings, ['could not read this file (NotReadableError); skipped']);
  assert.equal(workers.started.length, 1, 'a read error does not restart the worker');
});

test('must clear every input in a fresh worker, so a later restart replays nothing', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start);
  await client.start();
  await client.add(Input.text('one.txt', 'one'));
  await client.clear();
  assert.equal(client.length, 0);
  // the worker that held the batch is stopped (its memory goes back), a fresh one waits
  assert.equal(workers.started.length, 2);
  assert.ok(workers.started[0].terminated);
  assert.deepEqual(workers.started[1].received.map((m) => m.type), ['init']);
  await client.add(Input.file('poison.txt', fakeFile('poison.txt')));
  assert.deepEqual((await client.report()).documents.map((d) => d.name), ['poison.txt']);
  assert.deepEqual(workers.started[2].received.map((m) => m.type), ['init', 'addUnreadable', 'report']);
});

test('must throw on an unknown message type, before anything is sent', async () => {
  const sent = [];
  const rpc = new RpcClient({ post: (m) => sent.push(m), terminate() {} });
  assert.throws(() => checkType('eval'), /unknown message type: eval/);
  assert.throws(() => rpc.call('eval'), /unknown message type: eval/);
  assert.deepEqual(sent, []);
});

test('must refuse the adds of a cancelled batch and keep what was added before', async () => {
  const workers = fakeWorkers();
  const client = new AnalyzerClient(workers.start);
  await client.start();
  await client.add(Input.file('a.txt', fakeFile('a.txt')));
  const b = fakeFile('b.txt');
  const pending = client.add(Input.file(b.name, b));
  await client.cancel();
  await assert.rejects(pending, Cancelled);
  assert.equal(b.reads, 0, 'a refused input is never read');
  // Adds asked for after the cancel go in.
  await client.add(Input.file('c.txt', fakeFile('c.txt')));
  assert.deepEqual((await client.report()).documents.map((d) => d.name), ['a.txt', 'c.txt']);
  assert.equal(workers.started.length, 1, 'nothing was running: the worker is kept');
});

test('must refuse adds once the tab holds its limit of text, without reading them, until cleared', async () => {
  const workers = fakeWorkers(); // each document it keeps holds 1 character
  const client = new AnalyzerClient(workers.start, { maxCharacters: 2 });
  await client.start();
  const files = ['a.txt', 'b.txt', 'c.txt', 'd.txt'].map((name) => fakeFile(name));
  const adds = files.map((f) => client.add(Input.file(f.name, f)));
  await Promise.all(adds.slice(0, 2));
  for (const add of adds.slice(2)) await assert.rejects(add, TabFull);
  assert.deepEqual(files.map((f) => f.reads), [1, 1, 0, 0], 'a refused input is never read');
  assert.deepEqual([client.characters, client.full], [2, true]);
  assert.deepEqual((await client.report()).documents.map((d) => d.name), ['a.txt', 'b.txt']);
  // A trap's replay does not count the kept documents again.
  await client.clear();
  assert.deepEqual([client.characters, client.full], [0, false]);
  await client.add(Input.file('e.txt', fakeFile('e.txt')));
  await client.add(Input.file('poison.txt', fakeFile('poison.txt')));
  assert.equal(client.restarts, 1);
  assert.equal(client.characters, 2, 'e.txt and the failed file\'s summary, each once');
  await assert.rejects(client.add(Input.text('f', 'pasted')), TabFull);
});

test('must size the tab\'s limit on text to the machine\'s memory', () => {
  assert.equal(tabCharacterLimit(8), MAX_TAB_CHARACTERS);
  assert.equal(tabCharacterLimit(4), 100_000_000);
  assert.equal(tabCharacterLimit(0.5), 12_500_000);
  // a browser that does not say is taken as 8 GB; nothing goes past the cap
  for (const unknown of [undefined, null, NaN, 0, -1, 'a lot']) assert.equal(tabCharacterLimit(unknown), MAX_TAB_CHARACTERS, String(unknown));
  assert.equal(tabCharacterLimit(64), MAX_TAB_CHARACTERS);
  assert.equal(new AnalyzerClient(() => null).full, false);
});

test('must let the file being analyzed finish within the grace, then stop', async () => {
  const workers = fakeWorkers({ slowOn: 'slow.txt' });
  const client = new AnalyzerClient(workers.start);
  await client.start();
  const slow = client.add(Input.file('slow.txt', fakeFile('slow.txt')));
  const next = client.add(Input.file('next.txt', fakeFile('next.txt')));
  await new Promise((resolve) => setTimeout(resolve, 5));
  await client.cancel(1000);
  assert.equal((await slow).name, 'slow.txt');
  await assert.rejects(next, Cancelled);
  assert.deepEqual((await client.report()).documents.map((d) => d.name), ['slow.txt']);
  assert.equal(workers.started.length, 1);
});

test('must stop a worker stuck on a file past the grace and replay the kept inputs', async () => {
  const workers = fakeWorkers({ hangOn: 'stuck.html' });
  const client = new AnalyzerClient(workers.start);
  await client.start();
  await client.add(Input.file('a.txt', fakeFile('a.txt')));
  await client.add(Input.text('pasted-2.txt', 'Pasted words.'));
  const stuck = client.add(Input.file('stuck.html', fakeFile('stuck.html')));
  await new Promise((resolve) => setTimeout(resolve, 5));
  await client.cancel(20);
  await assert.rejects(stuck, Cancelled);
  assert.equal(workers.started.length, 2);
  assert.equal(workers.started[0].terminated, true);
  assert.deepEqual(
    workers.started[1].received.map(({ type, payload }) => [type, payload?.name ?? null]),
    [['init', null], ['addFile', 'a.txt'], ['addText', 'pasted-2.txt']],
  );
  assert.deepEqual((await client.report()).documents.map((d) => d.name), ['a.txt', 'pasted-2.txt']);
  assert.equal(client.length, 2, 'the abandoned file is not kept for replay');
});

test('must send the requests of one task as one message, and fail only the one that cannot be sent', async () => {
  const posted = [];
  const transport = {
    onmessage: null,
    onerror: null,
    post(message, transfer) {
      // as postMessage does with a buffer already moved: nothing is sent
      if (requestsIn(message).some((r) => r.payload?.name === 'moved')) throw new DOMException('detached', 'DataCloneError');
      posted.push({ requests: requestsIn(message).map((r) => r.payload?.name), transfer: transfer.length });
      for (const r of requestsIn(message)) queueMicrotask(() => transport.onmessage({ id: r.id, ok: true, value: r.payload.name }));
    },
    terminate() {},
  };
  const rpc = new RpcClient(transport);
  const buffer = () => new ArrayBuffer(1);
  assert.deepEqual(await Promise.all(['a', 'b'].map((name) => rpc.call(MessageType.ADD_TEXT, { name }, [buffer()]))), ['a', 'b']);
  assert.deepEqual(posted, [{ requests: ['a', 'b'], transfer: 2 }], 'one message, both transfers');
  posted.length = 0;
  const calls = ['c', 'moved', 'd'].map((name) => rpc.call(MessageType.ADD_TEXT, { name }));
  const settled = await Promise.allSettled(calls);
  assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.equal(settled[1].reason.name, 'DataCloneError');
  assert.deepEqual(posted.map((p) => p.requests), [['c'], ['d']], 'sent one by one after the batch failed');
  assert.equal(await rpc.call(MessageType.ADD_TEXT, { name: 'e' }), 'e', 'the client goes on');
});

test('must join the report from its parts, in order, whatever their size', () => {
  const report = {
    schema: 'dossier/1',
    documents: [{ name: 'Zürich – 東京 😀.txt' }, { name: 'b.txt' }, { name: 'c.txt' }],
    entities: [],
    stories: [{ id: 's1' }],
  };
  for (const size of [1, 2, 100]) {
    const joined = join(parts(report, size));
    assert.deepEqual(joined, report, `${size} items a part`);
    assert.deepEqual(Object.keys(joined), Object.keys(report), 'the fields in the report\'s order');
  }
  const stray = parts(report);
  stray.push(new TextEncoder().encode(JSON.stringify({ field: 'schema', items: [1] })));
  assert.throws(() => join(stray), /unknown field: schema/);
  const cutShort = parts(report);
  cutShort[1] = cutShort[1].subarray(0, 5);
  assert.throws(() => join(cutShort), SyntaxError, 'a damaged part is an error');
});

test('must join parts sent in chunks of any size, cut even inside a character', () => {
  const report = {
    schema: 'dossier/1',
    documents: [{ name: 'Zürich – 東京 😀.txt', text: 'é'.repeat(40) }, { name: 'b.txt' }],
    entities: [],
  };
  const whole = parts(report, 1);
  for (const bytes of [1, 2, 3, 7, 1000]) {
    const cut = chunks(whole, bytes);
    if (bytes < 7) assert.ok(cut.some((c) => c.more), 'some part is cut');
    assert.deepEqual(join(cut), report, `chunks of ${bytes} bytes`);
  }
  const unfinished = chunks(whole, 5);
  while (!unfinished.at(-1).more) unfinished.pop();
  assert.throws(() => join(unfinished), /ended inside a part/, 'a report cut inside a part is an error');
});

test('must drop half a part on reset, and take the whole report again after it', () => {
  const report = { schema: 'dossier/1', documents: [{ name: 'a.txt', text: 'ü'.repeat(30) }] };
  const cut = chunks(parts(report), 4);
  const assembler = new ReportAssembler();
  for (const { part, more } of cut.slice(0, 4)) assembler.add(part, more);
  assembler.reset();
  assert.throws(() => assembler.finish(), /without its head/, 'a reset drops the head too');
  for (const { part, more } of cut) assembler.add(part, more);
  assert.deepEqual(assembler.finish(), report);
});

test('must restart and take the report again when the worker traps inside a part', async () => {
  const workers = fakeWorkers({ reportChunk: 3, trapInReport: 9 });
  const client = new AnalyzerClient(workers.start);
  for (const name of ['a.txt', 'b.txt']) await client.add(Input.file(name, fakeFile(name)));
  const report = await client.report();
  assert.equal(client.restarts, 1);
  assert.equal(workers.started.length, 2);
  assert.deepEqual(report.documents.map((d) => d.name), ['a.txt', 'b.txt']);
});

test('must keep every value when it shares the short strings of a report, all the way down', () => {
  const long = 'x'.repeat(41);
  const mention = (start, text, entity) => ({ start, end: start + text.length, text, label: 'ORG', entity });
  const doc = (name) => ({
    name,
    text: long,
    mentions: [mention(0, 'Zürich – 東京 😀', 'e1'), mention(20, 'Harbor Authority', 'e2')],
    dates: [{ text: 'Monday', value: '2025-01-06', nested: [['2025-01-06', null, 7, true, long]] }],
  });
  const report = { schema: 'dossier/1', documents: [doc('a.txt'), doc('b.txt')] };
  const copy = structuredClone(report);
  const seen = new Map();
  shareStrings(copy, seen);
  assert.deepEqual(copy, report);
  assert.deepEqual(
    [...seen.keys()].sort(),
    ['2025-01-06', 'Harbor Authority', 'Monday', 'ORG', 'Zürich – 東京 😀', 'a.txt', 'b.txt', 'dossier/1', 'e1', 'e2'].sort(),
    'each distinct string of up to 40 units once; the 41-unit text left alone',
  );
});

test('must start the report afresh at a head, and refuse one without its head', () => {
  const assembler = new ReportAssembler();
  const first = parts({ schema: 'dossier/1', documents: [{ name: 'half.txt' }, { name: 'lost.txt' }] }, 1);
  assembler.add(first[0]);
  assembler.add(first[1]); // then the worker trapped; the report is asked for again
  const again = { schema: 'dossier/1', documents: [{ name: 'a.txt' }] };
  for (const part of parts(again)) assembler.add(part);
  assert.deepEqual(assembler.finish(), again);
  assert.throws(() => new ReportAssembler().finish(), /without its head/);
  assert.throws(() => new ReportAssembler().add(parts(again)[1]), /unknown field: documents/);
});

test('must hand a request\'s parts on in order before its reply, and fail it when one cannot be taken', async () => {
  let onmessage = null;
  const transport = {
    set onmessage(fn) { onmessage = fn; },
    get onmessage() { return onmessage; },
    onerror: null,
    post(message) {
      for (const { id, payload } of requestsIn(message)) {
        queueMicrotask(() => {
          for (const part of payload.send) onmessage(part === 'b' ? { id, part, more: true } : { id, part });
          onmessage({ id, ok: true, value: payload.send.length });
        });
      }
    },
    terminate() {},
  };
  const rpc = new RpcClient(transport);
  const got = [];
  assert.equal(await rpc.call(MessageType.REPORT, { send: ['a', 'b', 'c'] }, [], (p, more) => got.push([p, more])), 3);
  assert.deepEqual(got, [['a', false], ['b', true], ['c', false]], 'each with whether its part goes on');
  const refused = rpc.call(MessageType.REPORT, { send: ['x', 'bad', 'y'] }, [], (p) => {
    if (p === 'bad') throw new Error('not a part');
  });
  await assert.rejects(refused, /not a part/);
  assert.equal(await rpc.call(MessageType.REPORT, { send: [] }), 0, 'the client goes on');
});
