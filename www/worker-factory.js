// Starts the analyzer's module worker from its own file (the served page).
// scripts/build-dist.mjs swaps this module for one that uses a Blob URL.

export function startWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'dossier-analyzer' });
}
