// A promise API over the simulation worker. Every request carries an id; the worker's answer
// settles the matching promise. Errors raised by the core arrive as rejected promises whose
// Error has the core's message.
//
// When the module traps (or the worker dies), the client starts a new worker, rejects what was
// pending with an Error named 'WorkerRestarted', and dispatches a 'restart' event; models must
// then be created again (the widgets do this from their last configuration). A worker that fails
// a fourth time within a minute is not restarted: everything pending and every later request is
// rejected with an Error named 'WorkerFailed', and a 'failed' event is dispatched.
import { PAGE_MODULE_WORKER } from './page-module.js';

const MAX_RESTARTS_IN_WINDOW = 3;
const RESTART_WINDOW_MS = 60000;

export class LabClient extends EventTarget {
  #workerUrl;
  #workerType;
  #module;
  #worker = null;
  #pending = new Map();
  #nextId = 1;
  #failure = null;
  #recentRestarts = [];
  restarts = 0;
  failed = false;
  terminated = false;

  // `type: 'classic'` for a bundled worker script (the offline build: file:// pages cannot start
  // module workers). `module`: a promise of the WebAssembly module compiled by the page (see
  // page-module.js), sent to every worker this client starts; null lets the worker fetch it.
  constructor(workerUrl = new URL('./worker.js', import.meta.url), { type = 'module', module = null } = {}) {
    super();
    this.#workerUrl = workerUrl;
    this.#workerType = type;
    this.#module = module;
    this.#startWorker();
  }

  #startWorker() {
    const worker = new Worker(this.#workerUrl, { type: this.#workerType, ...(this.#module ? { name: PAGE_MODULE_WORKER } : {}) });
    this.#module?.then((module) => worker.postMessage({ op: 'module', module }));
    worker.onmessage = ({ data }) => this.#settle(data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.#restart(`the simulation worker failed: ${event.message ?? 'unknown error'}`);
    };
    this.#worker = worker;
  }

  #restart(reason) {
    this.#worker.terminate();
    // A worker that fails again and again (it cannot even start) is not restarted forever.
    const now = Date.now();
    this.#recentRestarts = this.#recentRestarts.filter((time) => now - time < RESTART_WINDOW_MS);
    if (this.#recentRestarts.length >= MAX_RESTARTS_IN_WINDOW) {
      const failures = MAX_RESTARTS_IN_WINDOW + 1;
      const error = new Error(`${reason}. It failed ${failures} times within a minute, so it was NOT restarted: ` +
        'this widget is stopped. Reload the page to start it again.');
      error.name = 'WorkerFailed';
      this.failed = true;
      this.#fail(error);
      this.dispatchEvent(new CustomEvent('failed', { detail: { reason, message: error.message } }));
      return;
    }
    this.#recentRestarts.push(now);
    const error = new Error(`${reason}; the simulation was restarted`);
    error.name = 'WorkerRestarted';
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
    this.restarts += 1;
    this.#startWorker();
    this.dispatchEvent(new CustomEvent('restart', { detail: { reason, restarts: this.restarts } }));
  }

  // Sends one request. `onProgress` receives the progress reports of long jobs; aborting
  // `signal` asks the worker to stop the job, which then resolves with the work done so far.
  request(op, payload = {}, { onProgress, signal } = {}) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, op, ...payload });
      signal?.addEventListener('abort', () => {
        if (this.#pending.has(id)) this.#worker.postMessage({ id: this.#nextId++, op: 'cancel', target: id });
      }, { once: true });
    });
  }

  specs(kind) {
    return this.request('specs', { kind });
  }

  // Calls a static function of a model kind (see the worker's KINDS table).
  static(kind, method, ...args) {
    return this.request('static', { kind, method, args });
  }

  async create(kind, params = {}, ...args) {
    const info = await this.request('create', { kind, params, args });
    return new RemoteModel(this, kind, info);
  }

  // A trainer restored from the text of a checkpoint file.
  async restore(checkpoint) {
    const info = await this.request('restore', { checkpoint });
    return new RemoteModel(this, 'trainer', info);
  }

  // Stops the worker at once, in the middle of a job if one runs: what is pending is rejected and
  // the client answers nothing more. Dispatches 'terminated'.
  terminate() {
    if (this.terminated) return;
    this.terminated = true;
    this.#worker.terminate();
    this.#fail(new Error('the simulation worker was stopped'));
    this.dispatchEvent(new CustomEvent('terminated'));
  }

  #settle({ id, ok, result, error, progress, fatal }) {
    if (fatal) {
      this.#restart(`the simulation stopped with an internal error (${error.message})`);
      return;
    }
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (progress !== undefined) {
      pending.onProgress?.(progress);
      return;
    }
    this.#pending.delete(id);
    if (ok) {
      pending.resolve(result);
    } else {
      const failure = new Error(error.message);
      failure.name = error.name;
      pending.reject(failure);
    }
  }

  #fail(error) {
    this.#failure = error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

// A model living in the worker.
export class RemoteModel {
  constructor(client, kind, { handle, params, size, time, measures }) {
    this.client = client;
    this.kind = kind;
    this.handle = handle;
    this.params = params;
    this.size = size;
    this.time = time;
    this.measures = measures;
  }

  perturb(epsilon, seed) {
    return this.call('perturb', epsilon, seed);
  }

  store(value) {
    return this.call('store', value);
  }

  reset() {
    return this.call('reset');
  }

  // Resolves to {trace: Float64Array of the readout after each step, views, time, measures};
  // `views` names further state views to copy out after the run (see the worker's KINDS).
  async run(steps, { views = [] } = {}) {
    const result = await this.client.request('run', { handle: this.handle, steps, views });
    this.time = result.time;
    this.measures = result.measures;
    return result;
  }

  // Calls a method and resolves to {value, views, time, measures}.
  async invoke(method, args = [], { views = [] } = {}) {
    const result = await this.client.request('invoke', { handle: this.handle, method, args, views });
    this.time = result.time;
    if (result.measures) this.measures = result.measures;
    return result;
  }

  // For models that are long jobs themselves (advance/progress/done), see the worker's job: run in
  // chunks of about 100 ms of work, at most `budget` units each, the first `first` units.
  async job({ budget, first, views = [], results = [], onProgress, signal } = {}) {
    const result = await this.client.request('job', { handle: this.handle, budget, first, views, results }, { onProgress, signal });
    if (result.measures) this.measures = result.measures;
    return result;
  }

  // Trainers only: trains up to `steps` steps in chunks of about 100 ms of work (at most `chunk`
  // steps each, the first `first` steps); see the worker's train operation.
  async train(steps, { chunk, first, onProgress, signal } = {}) {
    const result = await this.client.request('train', { handle: this.handle, steps, chunk, first }, { onProgress, signal });
    this.measures = result.measures;
    return result;
  }

  // Runs an analysis (lyapunov, fixedPoints, gradientPersistence) of this model in the worker,
  // with progress reports and stop, like train().
  analyze(analysis, config = {}, { budget, first, onProgress, signal } = {}) {
    return this.client.request('analyze', { handle: this.handle, analysis, config, budget, first }, { onProgress, signal });
  }

  // PCA of a trajectory of this model, with `points` (flat, one point after another) projected
  // on the same components, starting from `initial` if given; see the worker's pca operation.
  pca(config = {}, points = null, initial = null) {
    return this.client.request('pca', { handle: this.handle, config, points, initial });
  }

  // Trainers only: the text of a versioned JSON checkpoint.
  async checkpoint() {
    return (await this.client.request('checkpoint', { handle: this.handle })).checkpoint;
  }

  // Calls one of the model's allowed methods (see the worker's KINDS table).
  async call(method, ...args) {
    const { time, measures } = await this.client.request('call', { handle: this.handle, method, args });
    this.time = time;
    this.measures = measures;
    return measures;
  }

  dispose() {
    return this.client.request('dispose', { handle: this.handle });
  }
}
