// Where the worker finds the wasm binary: next to the page, in pkg/.
// scripts/build-dist.mjs swaps this module for the bytes themselves.

export const WASM_SOURCE = new URL('./pkg/dossier_bg.wasm', import.meta.url);
