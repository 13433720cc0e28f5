// Entry of the offline build's worker (bundled by scripts/build-embeds.mjs): the module's bytes (a generated module that sets
// globalThis.attractorLabWasmBinary) must be evaluated before the worker starts the module.
import 'attractor-lab:wasm-binary';
import '../lab/worker.js';
