// Runs the site's simulation worker (web/src/lab/worker.js) in a node worker thread: the same
// request handling and the same WebAssembly module as in the browser, with `self` and its
// messages mapped onto worker_threads.
import fs from 'node:fs';
import { register } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

register('./resolve-wasm.mjs', import.meta.url, { data: { builtModuleUrl: workerData.moduleUrl } });
globalThis.self = globalThis;
// The worker compiles these bytes instead of fetching the .wasm (as in the offline build).
globalThis.attractorLabWasmBinary = fs.readFileSync(new URL(workerData.wasmUrl));
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
await import(workerData.workerUrl);
// Attached only now: the port holds the requests that came earlier until a listener exists.
parentPort.on('message', (data) => globalThis.onmessage({ data }));
