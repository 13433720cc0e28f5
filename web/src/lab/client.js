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

  request(op, payload = {}) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op, ...payload });
    });
  }

  specs(kind) {
    return this.request('specs', { kind });
  }

  async create(kind, params = {}) {
    const info = await this.request('create', { kind, params });
    return new RemoteModel(this, kind, info);
  }

  terminate() {
    this.#worker.terminate();
    this.#fail(new Error('the simulation worker was stopped'));
  }

  #settle({ id, ok, result, error }) {
    const pending = this.#pending.get(id);
    if (!pending) return;
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

  async #call(method, ...args) {
    const { time, measures } = await this.client.request('call', {
      handle: this.handle,
      method,
      args,
    });
    this.time = time;
    this.measures = measures;
    return measures;
  }

  perturb(epsilon, seed) {
    return this.#call('perturb', epsilon, seed);
  }

  store(value) {
    return this.#call('store', value);
  }

  reset() {
    return this.#call('reset');
  }

  // Resolves to {trace: Float64Array of the readout after each step, time, measures}.
  async run(steps) {
    const result = await this.client.request('run', { handle: this.handle, steps });
    this.time = result.time;
    this.measures = result.measures;
    return result;
  }

  dispose() {
    return this.client.request('dispose', { handle: this.handle });
  }
}
