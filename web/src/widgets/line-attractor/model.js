// The line-attractor widget's model: what the user has set, what the network in the worker
// reports, and the recent history of the remembered value. It never touches the DOM; views
// listen for its 'change' and 'error' events.
import { TimeSeries } from '../../plot/time-series-buffer.js';

export const HISTORY_SECONDS = 30;
export const MAX_STEPS_PER_CALL = 20000;
// Past this the unstable memory has run away; the linear model would soon overflow.
export const RUNAWAY_LIMIT = 1e6;

export class LineAttractorWidgetModel extends EventTarget {
  #client;
  #remote = null;
  #queue = Promise.resolve();

  constructor(client, { params = {}, epsilon = 0, perturbationSeed = 1, value = 1, speed = 1 } = {}) {
    super();
    this.#client = client;
    this.requestedParams = params;
    this.params = null;
    this.specs = null;
    this.epsilon = epsilon;
    this.perturbationSeed = perturbationSeed;
    this.value = value;
    this.speed = speed;
    this.playing = false;
    this.measures = null;
    this.history = new TimeSeries(HISTORY_SECONDS);
    this.error = null;
  }

  // Creates the network in the worker and stores the initial value.
  start() {
    return this.#enqueue('start', async () => {
      this.specs = await this.#client.specs('line');
      await this.#create(this.requestedParams);
    });
  }

  setEpsilon(epsilon) {
    return this.#enqueue('epsilon', async () => {
      this.measures = await this.#remote.perturb(epsilon, this.perturbationSeed);
      this.epsilon = epsilon;
    });
  }

  setPerturbationSeed(seed) {
    return this.#enqueue('perturbation-seed', async () => {
      this.measures = await this.#remote.perturb(this.epsilon, seed);
      this.perturbationSeed = seed;
    });
  }

  // Stores `value` (or the current one) with an input pulse.
  store(value = this.value) {
    return this.#enqueue('store', async () => {
      this.measures = await this.#remote.store(value);
      this.value = value;
    });
  }

  // Rebuilds the network with new parameters (for example a new size), keeping the
  // perturbation and the stored value. On invalid parameters the old network stays.
  setParams(changes) {
    return this.#enqueue('params', () => this.#create({ ...this.params, ...changes }));
  }

  reset() {
    return this.#enqueue('reset', async () => {
      await this.#remote.reset();
      this.history.clear();
      this.measures = await this.#remote.store(this.value);
    });
  }

  setSpeed(speed) {
    this.speed = speed;
    this.#emit('speed');
  }

  play() {
    this.playing = true;
    this.#emit('play');
  }

  pause() {
    this.playing = false;
    this.#emit('pause');
  }

  // Advances the network by `seconds` of model time.
  advance(seconds) {
    return this.#enqueue('advance', async () => {
      const dt = this.params.dt;
      const steps = Math.min(MAX_STEPS_PER_CALL, Math.max(1, Math.round(seconds / dt)));
      const { trace, time, measures } = await this.#remote.run(steps);
      this.history.append(time - (trace.length - 1) * dt, dt, trace);
      this.measures = measures;
      if (!Number.isFinite(measures.remembered_value) ||
          Math.abs(measures.remembered_value) > RUNAWAY_LIMIT) {
        this.playing = false;
        this.error = 'The remembered value ran away (the memory eigenvalue is above 1). ' +
          'Lower epsilon or press Reset.';
        this.dispatchEvent(new CustomEvent('error', { detail: { message: this.error } }));
      }
    });
  }

  // Predicted readout at time t from the drift reference point and the eigenvalue.
  predictedValueAt(t) {
    const m = this.measures;
    if (!m || m.drift_reference_time_s === null || m.predicted_drift_rate_per_s === null) return null;
    if (t < m.drift_reference_time_s) return null;
    return m.drift_reference_value *
      Math.exp(m.predicted_drift_rate_per_s * (t - m.drift_reference_time_s));
  }

  async dispose() {
    this.playing = false;
    await this.#queue;
    if (this.#remote) await this.#remote.dispose();
    this.#remote = null;
  }

  async #create(params) {
    const remote = await this.#client.create('line', params);
    const previous = this.#remote;
    this.#remote = remote;
    this.params = remote.params;
    if (previous) await previous.dispose();
    this.history.clear();
    if (this.epsilon > 0) await remote.perturb(this.epsilon, this.perturbationSeed);
    this.measures = await remote.store(this.value);
  }

  // Runs actions one at a time, in order, so a play tick never interleaves with a user's change.
  // Resolves to true when the action succeeded; a failure leaves the earlier state in place and
  // is reported through an 'error' event, never as a rejected promise.
  #enqueue(reason, action) {
    const run = this.#queue.then(async () => {
      try {
        await action();
        this.error = null;
        this.#emit(reason);
        return true;
      } catch (error) {
        this.error = error.message;
        this.dispatchEvent(new CustomEvent('error', { detail: { message: error.message, reason } }));
        return false;
      }
    });
    this.#queue = run;
    return run;
  }

  #emit(reason) {
    this.dispatchEvent(new CustomEvent('change', { detail: { reason } }));
  }
}
