// The analyzer's wasm, compiled once by the page and handed to every worker
// (transport.js), which only instantiates it. A worker that fetched and
// compiled the binary itself took about 30 MB more of the tab: in headless
// Chromium, the page at rest with nine workers (eight cores) took 769 MB,
// and 524 MB with the module shared. The single-file page's workers each
// also held the embedded binary (944 MB at rest with nine). See README
// "Benchmarks" (bench/page-idle.mjs).

import { WASM_SOURCE } from './wasm-source.js';

let compiled = null;

/**
 * Resolves with the compiled module of `source`: a URL to fetch (the served
 * page), the bytes, or a function returning them (the single-file page's
 * embedded binary, decoded only now so that nothing keeps the bytes). One
 * compile per page; a failed one is tried again on the next call.
 */
export function wasmModule(source = WASM_SOURCE) {
  compiled ??= compile(source).catch((error) => {
    compiled = null;
    throw error;
  });
  return compiled;
}

async function compile(source) {
  if (typeof source === 'function') return WebAssembly.compile(source());
  if (source instanceof Uint8Array) return WebAssembly.compile(source);
  const response = await fetch(source);
  if (!response.ok) throw new Error(`could not load the analyzer (${source}: HTTP ${response.status})`);
  // compileStreaming needs the wasm MIME type, which not every static server sends
  const type = response.headers.get('Content-Type') ?? '';
  if (type.split(';')[0].trim() === 'application/wasm') return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}
