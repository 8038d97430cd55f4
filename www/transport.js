// Wraps a Web Worker as the transport RpcClient expects (see protocol.js).
// The worker itself comes from worker-factory.js, which the single-file
// build replaces with one that starts the worker from a Blob URL. Its
// first message is the page's compiled wasm (wasm-module.js), which every
// worker shares.

import { startWorker } from './worker-factory.js';
import { wasmMessage } from './protocol.js';
import { wasmModule } from './wasm-module.js';

/** Starts a fresh analyzer worker and returns its transport. */
export function startWorkerTransport() {
  const worker = startWorker();
  // Requests posted before it wait in the worker until the module comes.
  wasmModule().then(
    (module) => worker.postMessage(wasmMessage(module)),
    (error) => worker.postMessage(wasmMessage(null, error)),
  );
  const transport = {
    onmessage: null,
    onerror: null,
    post(message, transfer = []) {
      worker.postMessage(message, transfer);
    },
    terminate() {
      worker.terminate();
    },
  };
  worker.addEventListener('message', (event) => transport.onmessage?.(event.data));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    transport.onerror?.(new Error(event.message || 'the worker failed to start or crashed'));
  });
  worker.addEventListener('messageerror', () => transport.onerror?.(new Error('a message could not be read')));
  return transport;
}
