// The page compiles the analyzer's wasm once and hands the module to each
// worker (wasm-module.js, protocol.js `wasmMessage`/`wasmFrom`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wasmModule } from '../../www/wasm-module.js';
import { wasmFrom, wasmMessage } from '../../www/protocol.js';

// the smallest valid module: magic and version
const EMPTY = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

test('must compile once, and try again after a failed compile', async () => {
  await assert.rejects(wasmModule(new Uint8Array([1, 2, 3])), WebAssembly.CompileError);
  const first = wasmModule(EMPTY);
  assert.ok((await first) instanceof WebAssembly.Module);
  // later calls, whatever they pass, get the same compile
  assert.equal(wasmModule(new Uint8Array([1, 2, 3])), first);
  assert.equal(await wasmModule(), await first);
});

test('must hand a worker the module, or why there is none, and nothing for other messages', async () => {
  const module = await WebAssembly.compile(EMPTY);
  assert.equal(await wasmFrom(wasmMessage(module)), module);
  await assert.rejects(wasmFrom(wasmMessage(null, new Error('could not load the analyzer (x.wasm: HTTP 404)'))), /^Error: could not load the analyzer \(x\.wasm: HTTP 404\)$/);
  assert.equal(wasmFrom({ id: 1, type: 'init', payload: null }), null);
  assert.equal(wasmFrom({ batch: [] }), null);
  assert.equal(wasmFrom(null), null);
});

test('must decode an embedded binary (a function returning it) once, when it compiles', async () => {
  // a fresh copy of the module, whose compile is not memoized yet
  const { wasmModule: fresh } = await import('../../www/wasm-module.js?embedded');
  let decoded = 0;
  const embedded = () => {
    decoded += 1;
    return EMPTY;
  };
  assert.ok((await fresh(embedded)) instanceof WebAssembly.Module);
  await fresh(embedded);
  assert.equal(decoded, 1);
});
