import { LabClient } from './client.js';
import { pageModule } from './page-module.js';

let workerUrl;
let workerOptions;

// The workers of this page that have not been stopped, so that leaving the page stops them all.
const liveClients = new Set();
let stoppedOnPageHide = false;

// Leaving the page (closing the tab, following a link, the back button) stops every worker at
// once: a worker in the middle of a long job would otherwise keep a core busy until the job's
// next chunk or longer. A page the browser keeps and shows again (back-forward cache) has lost its
// workers, so it is loaded afresh.
if (typeof addEventListener === 'function' && typeof window !== 'undefined') {
  addEventListener('pagehide', () => {
    for (const client of liveClients) client.terminate();
    stoppedOnPageHide = liveClients.size > 0;
    liveClients.clear();
  });
  addEventListener('pageshow', (event) => {
    if (event.persisted && stoppedOnPageHide) location.reload();
  });
}

// The worker script to use instead of lab/worker.js (the offline single-file build passes a
// blob: URL of its bundled classic worker). Must be called before the first widget starts.
export function configureLabClient(url, options = {}) {
  workerUrl = url;
  workerOptions = options;
}

// A simulation worker of its own for each widget: a trap or a runaway computation in one widget
// never stops the others, and widgets on one page run on different cores.
export function createLabClient() {
  const client = workerUrl ? new LabClient(workerUrl, workerOptions) : new LabClient(undefined, { module: pageModule() });
  liveClients.add(client);
  client.addEventListener('terminated', () => liveClients.delete(client), { once: true });
  return client;
}
