import { LabClient } from './client.js';

let client = null;
let workerUrl;
let workerOptions;

// The worker script to use instead of lab/worker.js (the offline single-file build passes a
// blob: URL of its bundled classic worker). Must be called before the first sharedLabClient().
export function configureLabClient(url, options = {}) {
  workerUrl = url;
  workerOptions = options;
}

// One simulation worker per page, shared by all widgets on it.
export function sharedLabClient() {
  client ??= workerUrl ? new LabClient(workerUrl, workerOptions) : new LabClient();
  return client;
}
