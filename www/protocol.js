// The page <-> analyzer protocol: the one list of message types, the
// message shapes, and a client that turns requests into promises.
//
// A request is `{id, type, payload}`; its reply is `{id, ok: true, value}` or
// `{id, ok: false, error: {name, message}, fatal}`, and may come after
// parts `{id, part, more}` (the report, sent as it is written, in chunks:
// `more` when the next chunk continues the same part). `fatal` means the
// analyzer's wasm instance trapped (a Rust panic) and is unusable: the
// client rejects with a `WorkerTrap` and the caller starts a fresh worker
// (see analyzer-client.js). The transport is anything with `post(message,
// transfer)`, `terminate()` and the callbacks `onmessage(data)` and
// `onerror(error)`: a Web Worker (transport.js) or a fake in unit tests.
// Requests made in one task travel as one message, `{batch: [request...]}`
// (see `requestsIn`): Chromium spends a fraction of a millisecond of the
// page's thread on each message carrying a File, whatever else it holds.
// Besides requests, a worker gets one `wasmMessage`: the module the page
// compiled (wasm-module.js), or why it could not; requests wait for it.

/** Every message type; anything else throws on both sides. */
export const MessageType = Object.freeze({
  /** () -> {version} */
  INIT: 'init',
  /** {name, bytes: Uint8Array} -> summary {index, name, format, encoding, characters, warnings} */
  ADD_FILE: 'addFile',
  /** {name, text} -> summary */
  ADD_TEXT: 'addText',
  /** {name, why} -> summary of a document that only carries the warning `why` */
  ADD_UNREADABLE: 'addUnreadable',
  /**
   * {name, bytes} or {name, file: File} -> Uint8Array: the file analyzed on
   * its own, for ADD_ANALYZED (a pool worker). A File is read there; one
   * over the size limit or unreadable becomes a document with the warning.
   */
  ANALYZE_FILE: 'analyzeFile',
  /** {name, text} -> Uint8Array, like ANALYZE_FILE */
  ANALYZE_TEXT: 'analyzeText',
  /** {bytes: Uint8Array from ANALYZE_*} -> summary; foreign bytes are an error */
  ADD_ANALYZED: 'addAnalyzed',
  /** () -> the number of parts; the dossier/1 report comes before it as parts, each a Uint8Array or several chunks (see analyzer-client.js `ReportAssembler`) */
  REPORT: 'report',
  /** () -> [{name, bytes: Uint8Array}], the embedded sample coverage */
  SAMPLE_FILES: 'sampleFiles',
});

const KNOWN = new Set(Object.values(MessageType));

/** Throws unless `type` is one of `MessageType`. */
export function checkType(type) {
  if (!KNOWN.has(type)) throw new TypeError(`unknown message type: ${String(type)}`);
  return type;
}

/** The analyzer's wasm instance trapped (or its worker died); it must be replaced. */
export class WorkerTrap extends Error {
  constructor(message) {
    super(message);
    this.name = 'WorkerTrap';
  }
}

/** An error the analyzer reported for one request; the analyzer is still usable. */
export class AnalyzerError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AnalyzerError';
  }
}

/** The requests one message carries: a batch's, or the message itself. */
export function requestsIn(message) {
  return Array.isArray(message?.batch) ? message.batch : [message];
}

/** Rebuilds a reply's error by name. */
export function rebuildError({ error, fatal }) {
  const message = (error && error.message) || 'unknown error';
  const name = (error && error.name) || 'Error';
  if (fatal) return new WorkerTrap(`${name}: ${message}`);
  if (name === 'TypeError') return new TypeError(message);
  return new AnalyzerError(message);
}

/** The message that hands a worker the page's compiled wasm `module`, or the `error` that stopped its compile. */
export function wasmMessage(module, error = null) {
  return error ? { wasmError: String(error?.message ?? error) } : { wasm: module };
}

/** A `wasmMessage`'s module, as a promise (rejected with its error); null for any other message. */
export function wasmFrom(data) {
  if (data?.wasm instanceof WebAssembly.Module) return Promise.resolve(data.wasm);
  if (typeof data?.wasmError === 'string') return Promise.reject(new Error(data.wasmError));
  return null;
}

/** Builds the reply to request `id` for a thrown value (worker side). */
export function errorReply(id, thrown, fatal) {
  const name = thrown && thrown.name ? String(thrown.name) : 'Error';
  const message = thrown && thrown.message !== undefined ? String(thrown.message) : String(thrown);
  return { id, ok: false, error: { name, message }, fatal: Boolean(fatal) };
}

/**
 * Sends requests over one transport and resolves each reply's promise by id.
 * Once the transport fails, every pending and later request rejects with
 * `WorkerTrap`.
 */
export class RpcClient {
  #transport;
  #nextId = 1;
  #pending = new Map();
  #dead = null;
  /** Requests of this task not yet posted, each `{message, transfer}`; null when none. */
  #outbox = null;

  constructor(transport) {
    this.#transport = transport;
    transport.onmessage = (data) => this.#receive(data);
    transport.onerror = (error) => this.#fail(new WorkerTrap(`the analyzer stopped: ${describe(error)}`));
  }

  /** Sends one request; resolves with its value. `onPart(part, more)` receives each part (or chunk of one) sent before the reply. */
  call(type, payload = null, transfer = [], onPart = null) {
    checkType(type);
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onPart });
      this.#send({ id, type, payload }, transfer);
    });
  }

  /** Queues a request; the requests of one task are posted together once its microtasks are done. */
  #send(message, transfer) {
    if (!this.#outbox) {
      this.#outbox = [];
      queueMicrotask(() => this.#flush());
    }
    this.#outbox.push({ message, transfer });
  }

  #flush() {
    const outbox = this.#outbox;
    this.#outbox = null;
    if (this.#dead) return; // their promises were rejected with it
    if (outbox.length === 1) {
      this.#post(outbox[0].message, outbox[0].transfer);
      return;
    }
    try {
      this.#transport.post({ batch: outbox.map((o) => o.message) }, outbox.flatMap((o) => o.transfer));
    } catch {
      // One request cannot be sent (say its buffer was already moved):
      // send each on its own, so only that one fails.
      for (const { message, transfer } of outbox) this.#post(message, transfer);
    }
  }

  #post(message, transfer) {
    try {
      this.#transport.post(message, transfer);
    } catch (error) {
      this.#pending.get(message.id)?.reject(error);
      this.#pending.delete(message.id);
    }
  }

  /** Stops the transport; pending requests reject. */
  terminate() {
    this.#fail(new WorkerTrap('the analyzer was stopped'));
    this.#transport.terminate();
  }

  #receive(data) {
    const waiting = data && this.#pending.get(data.id);
    if (!waiting) return;
    if ('part' in data) {
      try {
        waiting.onPart?.(data.part, data.more === true);
      } catch (error) {
        // the reply still comes; the request fails with this error
        waiting.failed = error;
        waiting.onPart = null;
      }
      return;
    }
    this.#pending.delete(data.id);
    if (waiting.failed) {
      waiting.reject(waiting.failed);
      return;
    }
    if (data.ok) {
      waiting.resolve(data.value);
    } else {
      const error = rebuildError(data);
      if (error instanceof WorkerTrap) this.#fail(error);
      waiting.reject(error);
    }
  }

  #fail(error) {
    if (!this.#dead) this.#dead = error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

function describe(error) {
  if (!error) return 'unknown error';
  if (typeof error === 'string') return error;
  return error.message || error.type || 'unknown error';
}
