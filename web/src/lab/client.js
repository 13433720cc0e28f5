// A promise API over the simulation worker. Every request carries an id; the worker's answer
// settles the matching promise. Errors raised by the core arrive as rejected promises whose
// Error has the core's message.
export class LabClient {
  #worker;
  #pending = new Map();
  #nextId = 1;
  #failure = null;

  constructor(workerUrl = new URL('./worker.js', import.meta.url)) {
    this.#worker = new Worker(workerUrl, { type: 'module' });
    this.#worker.onmessage = ({ data }) => this.#settle(data);
    this.#worker.onerror = (event) => {
      event.preventDefault?.();
      this.#fail(new Error(`the simulation worker failed: ${event.message ?? 'unknown error'}`));
    };
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

  async create(kind, params = {}) {
    const info = await this.request('create', { kind, params });
    return new RemoteModel(this, kind, info);
  }

  // A trainer restored from the text of a checkpoint file.
  async restore(checkpoint) {
    const info = await this.request('restore', { checkpoint });
    return new RemoteModel(this, 'trainer', info);
  }

  terminate() {
    this.#worker.terminate();
    this.#fail(new Error('the simulation worker was stopped'));
  }

  #settle({ id, ok, result, error, progress }) {
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

  // Resolves to {trace: Float64Array of the readout after each step, time, measures}.
  async run(steps) {
    const result = await this.client.request('run', { handle: this.handle, steps });
    this.time = result.time;
    this.measures = result.measures;
    return result;
  }

  // Trainers only: trains up to `steps` steps; see the worker's train operation.
  async train(steps, { chunk, onProgress, signal } = {}) {
    const result = await this.client.request('train', { handle: this.handle, steps, chunk }, { onProgress, signal });
    this.measures = result.measures;
    return result;
  }

  // Runs an analysis (lyapunov, fixedPoints, gradientPersistence) of this model in the worker,
  // with progress reports and stop, like train().
  analyze(analysis, config = {}, { budget, onProgress, signal } = {}) {
    return this.client.request('analyze', { handle: this.handle, analysis, config, budget }, { onProgress, signal });
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
