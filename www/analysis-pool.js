// Workers that analyze inputs in parallel, one input each at a time, and
// hand back each document's analysis as bytes (the wasm `analyzeFile`);
// the batch's own worker (analyzer-client.js) adds those bytes in input
// order and runs the corpus step. Ingest and annotation are nearly all the
// work and need no other document, so they spread over the machine's
// cores. A pool worker keeps nothing between inputs: one that traps, dies
// or is stopped is replaced and no earlier input is lost.
//
// Each worker holds up to DEPTH inputs: it answers them in order, so the
// next one is already there when it finishes one, instead of idling while
// its answer travels to the page and the page's thread (busy drawing)
// sends the next. It is topped up only once it holds REFILL or fewer, so
// its inputs travel several to a message (protocol.js): in Chromium each
// message carrying a File took 0.15-0.65 ms of the page's thread, 6.4 s of
// a 10,000-file batch, and the same Files a dozen to a message cost almost
// nothing more than one.
//
// The pool starts with one worker, enough for a file or two; the others
// start when more than GROW_INPUTS inputs or GROW_BYTES bytes queue up,
// and once the pool has been idle for IDLE_MS it stops all but one; at
// once when the batch asks for its report (`shrink`), the tab's peak. Each
// worker holds its own wasm memory (the entity model, 29 MB, and its
// largest input's peak): at rest, the page with
// every worker started took 524 MB of an eight-core machine's tab, against
// 278 MB with one (bench/page-idle.mjs). Loading a worker overlaps the
// user's choosing: a drag over the page or the file picker starts them
// (`grow`, main.js).

import { AnalyzerError, MessageType, RpcClient, WorkerTrap } from './protocol.js';
import { byteSize, isBlob, readBytes } from './read-bytes.js';

/** How many pool workers a machine gets: one per core, at most `max`. */
export function poolSize(cores = globalThis.navigator?.hardwareConcurrency, max = 8) {
  const n = Number.isFinite(cores) ? Math.floor(cores) : 1;
  return Math.max(1, Math.min(max, n));
}

/** Inputs handed to one worker at most (its own queue is answered in order). */
export const DEPTH = 12;

/** A worker holding this many inputs or fewer is topped up to DEPTH, in one message. */
export const REFILL = 4;

/**
 * A worker that analyzed an input of more than this many bytes is retired
 * once its other inputs are answered, and a fresh one takes its place: a
 * wasm memory only grows, and one 30 MB file left its worker holding
 * hundreds of megabytes for the rest of the session.
 */
export const RETIRE_AFTER_BYTES = 4 * 1024 * 1024;

/**
 * The pool starts its other workers once its queue holds more inputs or
 * bytes than these. A worker takes about half a second and a core to
 * start: for one article, starting the others slowed its first result
 * from about 50 to 100 ms on two cores, for nothing.
 */
export const GROW_INPUTS = REFILL;
export const GROW_BYTES = 1024 * 1024;

/** How long the pool waits with nothing to do before it stops all its workers but one. */
export const IDLE_MS = 20_000;

/** An input's size in bytes (a text's in UTF-16 units, near enough). */
function inputSize(input) {
  return input.kind === 'text' ? String(input.text ?? '').length : byteSize(input.source);
}

/** A job was dropped by `cancel()` (queued, or stopped past the grace). */
export class PoolStopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'PoolStopped';
  }
}

export class AnalysisPool {
  #startTransport;
  #size;
  /** Started workers: {rpc, ready (promise), started (its INIT answered), jobs (handed to it, oldest first), retiring}. */
  #workers = [];
  /** Jobs not yet given to a worker: {input, resolve, reject}. */
  #queue = [];
  /** Whether a #pump() is already due in a microtask. */
  #pumpQueued = false;
  #idleMs;
  /** The timer that shrinks an idle pool, or null. */
  #idleTimer = null;
  /** How many workers were replaced after a trap or a stop (for tests). */
  replaced = 0;
  /** How many workers were retired after a large input (for tests). */
  retired = 0;
  /** How many workers were stopped because the pool was idle (for tests). */
  stopped = 0;

  /**
   * `startTransport()` returns a new transport (see protocol.js) each call;
   * `size` workers at most; an idle pool shrinks to one after `idleMs`.
   */
  constructor(startTransport, size, { idleMs = IDLE_MS } = {}) {
    this.#startTransport = startTransport;
    this.#size = Math.max(1, size | 0);
    this.#idleMs = idleMs;
  }

  get size() {
    return this.#size;
  }

  /** Starts `count` workers (each loads the model; the rest start when inputs queue up) and waits for them. */
  async start(count = 1) {
    while (this.#workers.length < Math.min(count, this.#size)) this.#spawn();
    await Promise.all(this.#workers.map((w) => w.ready));
  }

  /**
   * Starts the rest of the workers ahead of a batch the user is about to
   * give (a drag over the page, the file picker opened), so that loading
   * them overlaps the user's choosing; unused, they stop again once idle.
   */
  grow() {
    while (this.#workers.filter((worker) => !worker.retiring).length < this.#size) this.#spawn();
    this.#shrinkWhenIdle();
  }

  /** How many workers are running (retiring ones included). */
  get running() {
    return this.#workers.length;
  }

  /**
   * Analyzes one 'file' or 'text' input (see analyzer-client.js `Input`);
   * resolves with its analysis bytes (a File too large or unreadable
   * becomes a document that says so). Rejects with `ReadError` when kept
   * bytes cannot be read, `AnalyzerError` when the analyzer failed on it
   * (its worker is replaced), `PoolStopped` when cancelled.
   */
  analyze(input) {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      // Handed out once this task's inputs are all queued, so a worker
      // takes several of them in one message.
      if (!this.#pumpQueued) {
        this.#pumpQueued = true;
        queueMicrotask(() => {
          this.#pumpQueued = false;
          this.#pump();
        });
      }
    });
  }

  /**
   * Drops every queued job; a running job still going after `grace` ms is
   * abandoned and its worker replaced. Resolves when none is running.
   */
  async cancel(grace) {
    for (const job of this.#queue.splice(0)) job.reject(new PoolStopped());
    const running = this.#workers.flatMap((worker) => worker.jobs.map((job) => ({ worker, job })));
    if (!running.length) return;
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, grace);
    });
    await Promise.race([Promise.all(running.map((r) => r.job.settled)), late]);
    clearTimeout(timer);
    for (const worker of new Set(running.map((r) => r.worker))) {
      const stuck = running.filter((r) => r.worker === worker && worker.jobs.includes(r.job)).map((r) => r.job);
      if (!stuck.length) continue;
      worker.jobs = worker.jobs.filter((job) => !stuck.includes(job));
      this.#replace(worker);
      for (const job of stuck) job.reject(new PoolStopped());
    }
  }

  /** Stops every worker; queued and running jobs reject. */
  terminate() {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    for (const job of this.#queue.splice(0)) job.reject(new PoolStopped());
    for (const worker of this.#workers.splice(0)) {
      for (const job of worker.jobs.splice(0)) job.reject(new PoolStopped());
      worker.rpc.terminate();
    }
  }

  #spawn() {
    const rpc = new RpcClient(this.#startTransport());
    const worker = { rpc, jobs: [], ready: null, started: false, retiring: false };
    // Inputs go only to a started worker: one still loading would sit on
    // them while the others idle. (One whose INIT failed takes them too,
    // and fails each with the reason.)
    worker.ready = rpc.call(MessageType.INIT).then(
      () => true,
      () => false,
    ).then((ok) => {
      worker.started = true;
      this.#pump();
      return ok;
    });
    this.#workers.push(worker);
    return worker;
  }

  /**
   * Stops `worker` and starts another. The jobs still handed to it (the
   * caller has taken out the one it blames) go back to the front of the
   * queue: they were not at fault.
   */
  #replace(worker) {
    const at = this.#workers.indexOf(worker);
    if (at < 0) return;
    const others = worker.jobs.splice(0);
    worker.rpc.terminate();
    this.#workers.splice(at, 1);
    this.replaced += 1;
    this.#queue.unshift(...others.map((job) => job.requeue()));
    // (a retiring worker's successor is already started)
    if (!worker.retiring) this.#spawn();
    this.#pump();
  }

  /** Takes no more jobs for `worker`, starts its successor, and stops it once its jobs are answered. */
  #retire(worker) {
    if (worker.retiring || !this.#workers.includes(worker)) return;
    worker.retiring = true;
    this.retired += 1;
    this.#spawn();
  }

  /** Stops a retiring worker with nothing left to answer. */
  #dropIfDone(worker) {
    if (!worker.retiring || worker.jobs.length) return;
    const at = this.#workers.indexOf(worker);
    if (at < 0) return;
    this.#workers.splice(at, 1);
    worker.rpc.terminate();
  }

  /** True when nothing is queued or running. */
  #idle() {
    return !this.#queue.length && !this.#workers.some((worker) => worker.jobs.length);
  }

  /**
   * Stops all workers but one now, when nothing is queued or running (else
   * does nothing). The batch calls it when it asks for its report: the
   * pool's work is done, and the report (the corpus step, then its parts
   * parsed on the page) is the tab's peak. Kept for IDLE_MS, the other
   * workers held their memory through it (about 40 MB of wasm memory
   * each): at 10,000 generated articles the renderer peaked at 1.27-1.32
   * GB with eight workers, 0.99-1.05 GB with them stopped
   * (bench/page-batch.mjs, CORES=8). A drag over the page starts them
   * again for the next batch (`grow`).
   */
  shrink() {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    if (this.#workers.length <= 1 || !this.#idle()) return;
    const keep = this.#workers.find((worker) => worker.started && !worker.retiring) ?? this.#workers[0];
    for (const worker of this.#workers.splice(0)) {
      if (worker === keep) continue;
      worker.rpc.terminate();
      this.stopped += 1;
    }
    this.#workers.push(keep);
  }

  /** Once idle, stops all workers but one after `idleMs` (unless inputs come first). */
  #shrinkWhenIdle() {
    if (this.#idleTimer !== null || this.#workers.length <= 1 || !this.#idle()) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      this.shrink();
    }, this.#idleMs);
    // (in Node, the unit tests' runtime, a pending timer would hold the process open)
    this.#idleTimer.unref?.();
  }

  /** Whether the queue holds enough work to start the other workers for (GROW_INPUTS, GROW_BYTES). */
  #worthGrowing() {
    if (this.#queue.length > GROW_INPUTS) return true;
    let bytes = 0;
    for (const job of this.#queue) bytes += inputSize(job.input);
    return bytes > GROW_BYTES;
  }

  #pump() {
    if (this.#worthGrowing()) this.grow();
    // the least loaded first, so a short queue still spreads over every worker
    const open = this.#workers.filter((worker) => worker.started && !worker.retiring && worker.jobs.length <= REFILL);
    // A fair share at most while workers are starting: the first one
    // started would otherwise take DEPTH inputs of a short batch alone.
    const pending = this.#queue.length + this.#workers.reduce((n, worker) => n + worker.jobs.length, 0);
    const most = Math.min(DEPTH, Math.ceil(pending / this.#size));
    for (let depth = 0; depth < most; depth += 1) {
      for (const worker of open) {
        if (!this.#queue.length) return;
        if (worker.jobs.length === depth) this.#run(worker, this.#queue.shift());
      }
    }
  }

  #run(worker, queued) {
    let done = false;
    let markSettled;
    const job = {
      settled: new Promise((resolve) => (markSettled = resolve)),
      resolve: (value) => finish(() => queued.resolve(value)),
      reject: (error) => finish(() => queued.reject(error)),
      // handed back to the queue: whatever this worker answers is ignored
      requeue: () => {
        done = true;
        markSettled();
        return queued;
      },
    };
    const finish = (answer) => {
      if (done) return;
      done = true;
      const at = worker.jobs.indexOf(job);
      if (at >= 0) worker.jobs.splice(at, 1);
      answer();
      markSettled();
      this.#dropIfDone(worker);
      this.#pump();
      this.#shrinkWhenIdle();
    };
    worker.jobs.push(job);
    (async () => {
      await worker.ready;
      const { input } = queued;
      if (input.kind === 'file' && isBlob(input.source)) {
        // Cloning a File hands over a handle, not its bytes.
        return worker.rpc.call(MessageType.ANALYZE_FILE, { name: input.name, file: input.source });
      }
      if (input.kind === 'file') {
        const { bytes, transfer } = await readBytes(input.source);
        return worker.rpc.call(MessageType.ANALYZE_FILE, { name: input.name, bytes }, transfer);
      }
      if (input.kind === 'text') return worker.rpc.call(MessageType.ANALYZE_TEXT, { name: input.name, text: input.text });
      throw new TypeError(`the pool does not analyze ${String(input.kind)} inputs`);
    })().then((value) => {
      if (!done && inputSize(queued.input) > RETIRE_AFTER_BYTES) this.#retire(worker);
      job.resolve(value);
    }, (error) => {
      if (done) return;
      if (error instanceof WorkerTrap) {
        // The wasm trapped: on the oldest input still handed to this worker,
        // as it answers in order (every pending call fails at once, this
        // one maybe first). Say so for that input and replace the worker;
        // the others go back to the queue.
        const culprit = worker.jobs.shift();
        this.#replace(worker);
        culprit.reject(new AnalyzerError(error.message));
      } else {
        job.reject(error);
      }
    });
  }
}
