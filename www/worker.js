// The analyzer worker: the only code that calls the wasm module. It owns
// one `Analyzer` and answers the requests listed in protocol.js, one at a
// time. The same script runs the batch's worker (add, report) and the
// analysis pool's workers (analyze one input, keep nothing). A trap (a
// Rust panic aborts the instance) is answered as fatal and every later
// request too; the page then starts a fresh worker.

import init, { Analyzer, analyzeFile, analyzeText, analyzeUnreadable, prepare, sampleFiles, version, warmUp } from './pkg/dossier.js';
import { MessageType, checkType, errorReply, requestsIn, wasmFrom } from './protocol.js';
import { readOrRefuse } from './read-bytes.js';

/** Settles with the page's compiled module once its `wasmMessage` comes (see the listener below). */
let moduleCame;
const compiled = new Promise((resolve) => (moduleCame = resolve));

const ready = (async () => {
  await init({ module_or_path: await compiled });
  // Decode the entity model and compile the pipeline's code (the wasm
  // compiles a function on its first call) now, while the user is still
  // choosing files.
  prepare();
  warmUp();
})();

let analyzer = null;
let broken = null;

function current() {
  analyzer ??= new Analyzer();
  return analyzer;
}

const handlers = {
  [MessageType.INIT]: () => ({ version: version() }),
  [MessageType.ADD_FILE]: ({ name, bytes }) => current().addFile(name, bytes),
  [MessageType.ADD_TEXT]: ({ name, text }) => current().addText(name, text),
  [MessageType.ADD_UNREADABLE]: ({ name, why }) => current().addUnreadable(name, why),
  [MessageType.ANALYZE_FILE]: async ({ name, bytes, file, early }) => {
    if (!file) return analyzeFile(name, bytes);
    const read = await (early ?? readOrRefuse(file));
    return read.why === undefined ? analyzeFile(name, read.bytes) : analyzeUnreadable(name, read.why);
  },
  [MessageType.ANALYZE_TEXT]: ({ name, text }) => analyzeText(name, text),
  [MessageType.ADD_ANALYZED]: ({ bytes }) => current().addAnalyzed(bytes),
  // each chunk of a part moves to the page as soon as it is written
  [MessageType.REPORT]: (_, id) => current().reportParts((part, last) => self.postMessage(last ? { id, part } : { id, part, more: true }, [part.buffer])),
  [MessageType.SAMPLE_FILES]: () => sampleFiles().map(({ name, bytes }) => ({ name, bytes })),
};

function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError;
}

async function answer({ id, type, payload }) {
  if (broken) return errorReply(id, broken, true);
  try {
    checkType(type);
    await ready;
    return { id, ok: true, value: await handlers[type](payload ?? {}, id) };
  } catch (error) {
    if (isTrap(error)) broken = error;
    return errorReply(id, error, isTrap(error));
  }
}

/**
 * A File up to this size is read as soon as its request arrives, not when
 * its turn comes: a read waits on the browser's process (a fraction of a
 * millisecond idle, several on a busy machine), and a pool worker reading
 * at its turn idled through each one. A pool worker holds at most DEPTH
 * requests (analysis-pool.js), so at most DEPTH such files are held early.
 */
const EARLY_READ_MAX = 2 * 1024 * 1024;

function readEarly(request) {
  const file = request?.type === MessageType.ANALYZE_FILE ? request.payload?.file : null;
  if (file && file.size <= EARLY_READ_MAX) request.payload.early = readOrRefuse(file);
}

/**
 * The buffers a reply moves instead of cloning: analysis bytes are fresh
 * copies out of the wasm memory that nothing here keeps.
 */
function movable(value) {
  return value instanceof Uint8Array ? [value.buffer] : [];
}

// Requests are answered strictly in order, each with its own reply.
let queue = Promise.resolve();
self.addEventListener('message', (event) => {
  const module = wasmFrom(event.data);
  if (module) return moduleCame(module);
  for (const request of requestsIn(event.data)) {
    readEarly(request);
    queue = queue.then(() => answer(request)).then((reply) => self.postMessage(reply, movable(reply.value)));
  }
});
