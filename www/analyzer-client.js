// The page's handle on the analyzer: adds inputs one at a time, fetches the
// report, and survives traps. It remembers every input that went in (the
// File objects and pasted strings themselves, not copies); when the wasm
// traps on one input it stops that worker, starts a fresh one, replays the
// earlier inputs and records the failed input as a document that carries
// the error, so the batch goes on. `cancel()` stops a batch: inputs not yet
// sent are refused, and a file still being analyzed after a short grace is
// abandoned by stopping the worker (the kept inputs are replayed into a
// fresh one). With a pool (`{pool: n}`), files and pastes are analyzed by
// n pool workers at once (analysis-pool.js) and only added, in order, by
// the batch's worker; a replay after a trap analyzes in the batch's worker.
// It counts the characters of text the tab holds and refuses adds past
// `maxCharacters` (TabFull): past a few hundred million the tab runs out of
// memory and crashes, losing everything shown.

import { MessageType, RpcClient, WorkerTrap } from './protocol.js';
import { MAX_FILE_BYTES, ReadError, byteSize, readBytes, tooLargeMessage } from './read-bytes.js';
import { AnalysisPool } from './analysis-pool.js';

export { MAX_FILE_BYTES, tooLargeMessage };

/** The warning for a file the analyzer crashed on. */
export function failedMessage(error) {
  return `Dossier failed on this file: ${error.message}`;
}

/**
 * The most text one tab holds, in characters (about 45,000 articles of 5 KB).
 * Measured in headless Chromium with generated articles: 80,000 (412 MB)
 * took 6.2 GB of the renderer and 160,000 (820 MB) crashed the tab; a batch
 * stopped at this limit took 4.3 GB. The command line has no such limit.
 */
export const MAX_TAB_CHARACTERS = 200_000_000;

/**
 * The tab's limit for a machine with `deviceMemory` GB (what Chromium's
 * `navigator.deviceMemory` says, at most 8; other browsers say nothing, taken
 * as 8): 25 M characters a GB, which keeps the tab near half the memory.
 */
export function tabCharacterLimit(deviceMemory) {
  const gb = Number.isFinite(deviceMemory) && deviceMemory > 0 ? deviceMemory : 8;
  return Math.min(MAX_TAB_CHARACTERS, Math.round(gb * 25_000_000));
}

/** An input was not added because the tab already holds `limit` characters of text. */
export class TabFull extends Error {
  constructor(limit) {
    super(`this tab already holds ${limit.toLocaleString('en-US')} characters of text, as much as it analyzes`);
    this.name = 'TabFull';
    this.limit = limit;
  }
}

/** How long `cancel()` lets the file being analyzed finish before it stops the worker. */
export const CANCEL_GRACE_MS = 1000;

/** An input was not added because its batch was cancelled. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** An input kept for replay: a file-like (File/Blob with a name, or {name, bytes}), text, or a refusal. */
export const Input = Object.freeze({
  file: (name, source) => ({ kind: 'file', name, source }),
  text: (name, text) => ({ kind: 'text', name, text }),
  unreadable: (name, why) => ({ kind: 'unreadable', name, why }),
});

export class AnalyzerClient {
  #startTransport;
  #rpc = null;
  #inputs = [];
  #queue = Promise.resolve();
  /** Bumped by cancel(): adds asked for before it are refused. */
  #generation = 0;
  /** The add being analyzed now: {generation, done (a promise)}, or null. */
  #inflight = null;
  /** The analysis pool, or null: the batch's worker analyzes every input itself. */
  #pool = null;
  /** How many times a fresh worker was started after a trap (for tests and the status line). */
  restarts = 0;
  /** Characters of text in the documents added (replays are not counted again). */
  #characters = 0;
  #maxCharacters;

  /**
   * `startTransport()` returns a new transport (see protocol.js) each time
   * it is called; `pool` is how many analysis workers to run besides the
   * batch's (0: none); once the documents added hold `maxCharacters` of
   * text, later adds reject with TabFull.
   */
  constructor(startTransport, { pool = 0, maxCharacters = MAX_TAB_CHARACTERS } = {}) {
    this.#startTransport = startTransport;
    this.#maxCharacters = maxCharacters;
    if (pool > 0) this.#pool = new AnalysisPool(startTransport, pool);
  }

  /** Characters of text the documents added hold. */
  get characters() {
    return this.#characters;
  }

  /** Whether the tab holds as much text as it takes: adds now reject with TabFull. */
  get full() {
    return this.#characters >= this.#maxCharacters;
  }

  /** How many inputs are analyzed at once. */
  get parallelism() {
    return this.#pool ? this.#pool.size : 1;
  }

  /** Starts the pool's other workers ahead of a batch (see AnalysisPool `grow`). */
  warm() {
    this.#pool?.grow();
  }

  /** Starts the batch's worker and the pool's first and resolves with `{version}` once they are ready. */
  start() {
    const pool = this.#pool?.start();
    return this.#enqueue(async () => {
      const hello = await this.#connect();
      await pool;
      return hello;
    });
  }

  /**
   * Adds one input (see `Input`); resolves with the document summary. A file
   * over MAX_FILE_BYTES is recorded as unreadable without being read.
   */
  add(input) {
    const generation = this.#generation;
    // The pool starts on it now (a pool worker checks a file's size and
    // reads it, not this thread); the batch adds the result in input order.
    const pooled = this.#pool && input.kind !== 'unreadable';
    const analysis = pooled ? this.#pool.analyze(input) : null;
    analysis?.catch(() => {}); // answered in #addNow, maybe later than it settles
    return this.#enqueue(() => this.#add(pooled ? input : admit(input), generation, analysis));
  }

  /**
   * Refuses every add asked for so far (they reject with `Cancelled`). A
   * file still being analyzed after `grace` ms is abandoned: the worker is
   * stopped and the inputs already added are replayed into a fresh one.
   * Resolves once nothing of the cancelled adds is running.
   */
  async cancel(grace = CANCEL_GRACE_MS) {
    this.#generation += 1;
    // The pool first: the add waiting on it then ends at once, and the
    // batch's worker (holding every earlier document) is not stopped for it.
    await this.#pool?.cancel(grace);
    const running = this.#inflight;
    if (!running) return;
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve(true), grace);
    });
    const stuck = await Promise.race([running.done.then(() => false), late]);
    clearTimeout(timer);
    if (stuck && this.#inflight === running) this.#rpc?.terminate();
    await running.done;
  }

  /**
   * Resolves with the dossier/1 report (parsed) for everything added so
   * far. The pool's idle workers stop first (AnalysisPool `shrink`).
   */
  report() {
    return this.#enqueue(async () => {
      this.#pool?.shrink();
      const assembler = new ReportAssembler();
      await this.#call(MessageType.REPORT, null, [], assembler);
      return assembler.finish();
    });
  }

  /** Resolves with the embedded sample coverage, `[{name, bytes}]`. */
  sampleFiles() {
    return this.#enqueue(() => this.#call(MessageType.SAMPLE_FILES));
  }

  /**
   * Forgets every input. The batch's worker is replaced, not emptied: a
   * wasm memory only grows, so only a fresh one gives back what a large
   * batch took.
   */
  clear() {
    return this.#enqueue(async () => {
      this.#inputs = [];
      this.#characters = 0;
      await this.#connect();
    });
  }

  /** Number of inputs the analyzer holds. */
  get length() {
    return this.#inputs.length;
  }

  #enqueue(task) {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #connect() {
    this.#rpc?.terminate();
    this.#rpc = new RpcClient(this.#startTransport());
    return this.#rpc.call(MessageType.INIT);
  }

  /** `parts`, for a request answered in parts: `{add(part, more), reset()}` (a `ReportAssembler`). */
  async #call(type, payload, transfer, parts = null) {
    if (!this.#rpc) await this.#connect();
    const onPart = parts && ((part, more) => parts.add(part, more));
    try {
      return await this.#rpc.call(type, payload, transfer, onPart);
    } catch (error) {
      if (!(error instanceof WorkerTrap)) throw error;
      // Not an input's fault (e.g. the report itself): restart, replay, retry once.
      await this.#restart();
      // the failed try may have left half a part
      parts?.reset();
      return this.#rpc.call(type, payload, transfer, onPart);
    }
  }

  async #add(input, generation, analysis) {
    if (generation !== this.#generation) throw new Cancelled();
    // Checked in turn, after every earlier add: the pool may have analyzed it already, but it is not added.
    if (this.full) throw new TabFull(this.#maxCharacters);
    if (!this.#rpc) await this.#connect();
    let finish;
    this.#inflight = { generation, done: new Promise((resolve) => (finish = resolve)) };
    try {
      return await this.#addNow(input, generation, analysis);
    } finally {
      this.#inflight = null;
      finish();
    }
  }

  async #addNow(input, generation, analysis) {
    try {
      const summary = analysis ? await this.#addAnalyzed(await analysis) : await this.#send(input);
      this.#inputs.push(input);
      this.#characters += summary.characters ?? 0;
      return summary;
    } catch (error) {
      if (error instanceof WorkerTrap) await this.#restart();
      // Stopped by cancel(): the input is dropped, not recorded as a failure.
      if (generation !== this.#generation) throw new Cancelled();
      const why = error instanceof ReadError ? error.message : failedMessage(error);
      const failed = Input.unreadable(input.name, why);
      const summary = await this.#send(failed);
      this.#inputs.push(failed);
      this.#characters += summary.characters ?? 0;
      return summary;
    }
  }

  #addAnalyzed(bytes) {
    return this.#rpc.call(MessageType.ADD_ANALYZED, { bytes }, [bytes.buffer]);
  }

  /** A fresh worker holding every earlier input again. */
  async #restart() {
    this.restarts += 1;
    await this.#connect();
    for (const [i, input] of this.#inputs.entries()) {
      try {
        await this.#send(admit(input));
      } catch (error) {
        if (!(error instanceof ReadError)) throw error;
        // The file went away since it was first read: keep its place, say why.
        this.#inputs[i] = Input.unreadable(input.name, error.message);
        await this.#send(this.#inputs[i]);
      }
    }
  }

  async #send(input) {
    switch (input.kind) {
      case 'file': {
        const { bytes, transfer } = await readBytes(input.source);
        return this.#rpc.call(MessageType.ADD_FILE, { name: input.name, bytes }, transfer);
      }
      case 'text':
        return this.#rpc.call(MessageType.ADD_TEXT, { name: input.name, text: input.text });
      case 'unreadable':
        return this.#rpc.call(MessageType.ADD_UNREADABLE, { name: input.name, why: input.why });
      default:
        throw new TypeError(`unknown input kind: ${String(input.kind)}`);
    }
  }
}

/**
 * Joins the report from its parts (`Analyzer.reportParts`), UTF-8 JSON
 * texts: a head `{schema, fields}`, then `{field, items}`, each field's
 * items in order. Each part is parsed as it arrives and let go, so the
 * report's bytes and text are never held whole next to it. A part may
 * come in chunks, each but its last flagged `more` (a long document is
 * one part): their bytes are joined and decoded once. (Decoding each
 * chunk and joining the strings held the part's text twice, two bytes a
 * character: the page's heap peaked 110 MB higher for a 17.5 MB text.) A head
 * starts the report afresh (a report asked for again after a restart).
 */
export class ReportAssembler {
  #decoder = new TextDecoder();
  #report = null;
  /** The part's chunks so far, when it comes in several. */
  #pending = [];
  /** Each short string seen so far, to share one copy (see `shareStrings`). */
  #seen = new Map();

  /** Takes the next chunk of UTF-8 bytes; `more` when its part goes on in the next. */
  add(bytes, more = false) {
    this.#pending.push(bytes);
    if (more) return;
    const whole = joinBytes(this.#pending);
    this.#pending = [];
    // (a chunk may end inside a character: only the joined bytes are decoded)
    const part = JSON.parse(this.#decoder.decode(whole));
    shareStrings(part, this.#seen);
    if ('schema' in part) {
      this.#report = { schema: part.schema };
      for (const field of part.fields) this.#report[field] = [];
      return;
    }
    const into = this.#report?.[part.field];
    if (part.field === 'schema' || !Array.isArray(into)) throw new Error(`the report has a part for an unknown field: ${part.field}`);
    for (const item of part.items) into.push(item);
  }

  /** The report joined so far; throws when no head came, or a part was left unfinished. */
  finish() {
    if (!this.#report) throw new Error('the report came without its head');
    if (this.#pending.length) throw new Error('the report ended inside a part');
    return this.#report;
  }

  /** Drops a part left unfinished (its worker stopped); the next part must be a head. */
  reset() {
    this.#pending = [];
    this.#report = null;
  }
}

/** The chunks' bytes as one array (the chunk itself when there is one). */
function joinBytes(chunks) {
  if (chunks.length === 1) return chunks[0];
  const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.length;
  }
  return whole;
}

/** Strings up to this many UTF-16 units are shared by `shareStrings`. */
const SHARED_UP_TO = 40;

/**
 * Replaces, in place, every string of `value` (objects and arrays, all the
 * way down) up to SHARED_UP_TO long by the first equal one in `seen`.
 * JSON.parse makes a new string for every value: a report holds each
 * label ("ORG"), entity id, date and name once per mention. At 10,000
 * generated documents the page's heap after the report (garbage collected)
 * went from 272 MB to 200 MB, the renderer's peak from 1.14 to 1.02 GB;
 * the walk takes about 0.4 s of the 200 MB report's parse.
 */
export function shareStrings(value, seen) {
  const stack = [value];
  // shares `node[key]` when it is a short string, or walks it later when it holds more
  const visit = (node, key) => {
    const item = node[key];
    if (typeof item === 'string') {
      if (item.length > SHARED_UP_TO) return;
      const first = seen.get(item);
      if (first === undefined) seen.set(item, item);
      else node[key] = first;
    } else if (item !== null && typeof item === 'object') {
      stack.push(item);
    }
  };
  while (stack.length) {
    const node = stack.pop();
    // (an index loop for arrays: for-in would walk their indices as strings)
    if (Array.isArray(node)) for (let i = 0; i < node.length; i += 1) visit(node, i);
    else for (const key in node) visit(node, key);
  }
}

/** Turns a file over the size limit into a refusal, before anything reads it. */
function admit(input) {
  if (input.kind !== 'file') return input;
  const size = byteSize(input.source);
  return size > MAX_FILE_BYTES ? Input.unreadable(input.name, tooLargeMessage(size)) : input;
}

