import { LabClient } from './client.js';

let workerUrl;
let workerOptions;

// The worker script to use instead of lab/worker.js (the offline single-file build passes a
// blob: URL of its bundled classic worker). Must be called before the first widget starts.
export function configureLabClient(url, options = {}) {
  workerUrl = url;
  workerOptions = options;
}

// A simulation worker of its own for each widget: a trap or a runaway computation in one widget
// never stops the others, and widgets on one page run on different cores.
export function createLabClient() {
  return workerUrl ? new LabClient(workerUrl, workerOptions) : new LabClient();
}
