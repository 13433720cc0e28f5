// The WebAssembly module, compiled once by the page for all of its workers. A production page
// preloads the module (<link rel="preload" as="fetch" type="application/wasm">, written by the
// build): the page takes that download, compiles it while it streams, and each worker receives
// the compiled module instead of fetching and compiling its own copy. A page without the preload
// (the development sources, the offline files) leaves it to each worker, as before.
import { compileWasmResponse } from './wasm-response.js';

// The name a worker is started with when the page will send it the module.
export const PAGE_MODULE_WORKER = 'attractor-lab-page-module';

let compiled;

// Resolves to the compiled module, or to null when there is none to share (no preload, or the
// download or compilation failed: each worker then tries itself and reports what went wrong).
export function pageModule() {
  if (compiled === undefined) {
    const link = typeof document === 'object' ? document.querySelector('link[rel="preload"][type="application/wasm"]') : null;
    compiled = link
      ? fetch(link.href, { credentials: 'same-origin' }).then(compileWasmResponse).catch(() => null)
      : null;
  }
  return compiled;
}
