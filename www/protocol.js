// The page <-> analyzer protocol: the one list of message types, the
// message shapes, and a client that turns requests into promises.
//
// A request is `{id, type, payload}`; its reply is `{id, ok: true, value}` or
// `{id, ok: false, error: {name, message}, fatal}`. `fatal` means the
// analyzer's wasm instance trapped (a Rust panic) and is unusable: the
// client rejects with a `WorkerTrap` and the caller starts a fresh worker
// (see analyzer-client.js). The transport is anything with `post(message,
// transfer)`, `terminate()` and the callbacks `onmessage(data)` and
// `onerror(error)`: a Web Worker (transport.js) or a fake in unit tests.

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
  /** () -> the dossier/1 report as JSON text */
  REPORT: 'report',
  /** () -> [{name, bytes: Uint8Array}], the embedded sample coverage */
  SAMPLE_FILES: 'sampleFiles',
  /** () -> null; drops every document */
  RESET: 'reset',
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

/** Rebuilds a reply's error by name. */
export function rebuildError({ error, fatal }) {
  const message = (error && error.message) || 'unknown error';
  const name = (error && error.name) || 'Error';
  if (fatal) return new WorkerTrap(`${name}: ${message}`);
  if (name === 'TypeError') return new TypeError(message);
  return new AnalyzerError(message);
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

  constructor(transport) {
    this.#transport = transport;
    transport.onmessage = (data) => this.#receive(data);
    transport.onerror = (error) => this.#fail(new WorkerTrap(`the analyzer stopped: ${describe(error)}`));
  }

  /** Sends one request; resolves with its value. */
  call(type, payload = null, transfer = []) {
    checkType(type);
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#transport.post({ id, type, payload }, transfer);
    });
  }

  /** Stops the transport; pending requests reject. */
  terminate() {
    this.#fail(new WorkerTrap('the analyzer was stopped'));
    this.#transport.terminate();
  }

  #receive(data) {
    const waiting = data && this.#pending.get(data.id);
    if (!waiting) return;
    this.#pending.delete(data.id);
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
