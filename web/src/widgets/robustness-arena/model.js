// The robustness arena's model: for every chosen mechanism, a robustness sweep in the worker
// (the core's measure over one epsilon and a few perturbation seeds), run as a stoppable job with
// progress; the curves of pairwise error against T, and who kept relative information best.
import { WidgetModel } from '../base/widget-model.js';
import { MECHANISMS, mechanismInfo } from './schema.js';

// Curve points per mechanism (horizons evenly spaced up to T).
export const RECORDS = 20;
// At most this many model steps per job chunk (about 10-30 ms of work for the small models); the
// worker sizes chunks to about 100 ms, so a large model's chunks are smaller.
const BUDGET = 4000;

export class ArenaModel extends WidgetModel {
  #abort = null;
  #quantities = null;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.results = new Map();  // mechanism -> { times, mean, spread, values, endStates, seeds }
    this.prediction = null;
    this.predictionAtRun = null;
    this.running = false;
    this.progress = 0;
    this.current = null;
    this.stopped = false;
  }

  get selected() {
    return MECHANISMS.filter(({ name }) => this.params[`use_${name}`]).map(({ name }) => name);
  }

  async build() {
    this.#quantities ??= Array.from(await this.client.static('robustnessSweep', 'quantities'));
    this.results.clear();
    this.#publish();
  }

  async resetState() {
    this.results.clear();
    this.stopped = false;
    this.progress = 0;
    this.predictionAtRun = null;
    this.#publish();
  }

  // Every setting changes what the curves mean: the old curves go (no worker objects to rebuild).
  async applyLive() {
    this.results.clear();
    this.stopped = false;
    this.progress = 0;
    this.#publish();
    return true;
  }

  setParam(name, value) {
    this.#abort?.abort();
    return super.setParam(name, value);
  }

  setParams(changes) {
    this.#abort?.abort();
    return super.setParams(changes);
  }

  // The arena has no clock: Play runs the measure for every chosen mechanism not yet measured,
  // Pause stops it, Step measures the next one.
  play() {
    if (this.running) return;
    this.playing = true;
    this.emit('play');
    this.runMeasures({ all: true });
  }

  pause() {
    this.#abort?.abort();
    this.playing = false;
    this.emit('pause');
  }

  step() {
    return this.runMeasures({ all: false });
  }

  async advance() {}

  setPrediction(name) {
    this.prediction = name || null;
    this.#publish();
    this.dispatchEvent(new CustomEvent('measures', { detail: { measures: this.measures } }));
    this.emit('prediction');
  }

  runMeasures({ all }) {
    return this.enqueue('run', async () => {
      const pending = this.selected.filter((name) => !this.results.has(name));
      const queue = all ? pending : pending.slice(0, 1);
      if (queue.length === 0) return;
      if (this.results.size === 0) this.predictionAtRun = this.prediction;
      const abort = new AbortController();
      this.#abort = abort;
      this.running = true;
      this.stopped = false;
      try {
        for (let i = 0; i < queue.length && !abort.signal.aborted; i++) {
          this.current = queue[i];
          this.progress = 0;
          this.#publish();
          this.emit('progress');
          const result = await this.#measure(queue[i], abort.signal, (fraction) => {
            this.progress = (i + fraction) / queue.length;
            this.#publish();
            this.emit('progress');
          });
          if (result) this.results.set(queue[i], result);
        }
        this.stopped = abort.signal.aborted;
      } finally {
        this.running = false;
        this.current = null;
        this.#abort = null;
        this.playing = false;
        this.progress = this.stopped ? this.progress : 1;
        this.#publish();
        this.emit('pause');
      }
      if (this.isDiverged()) {
        throw Object.assign(new Error('A memory diverged (a recalled value is not finite) at these settings. ' +
          'Lower ε or the noise, or reset to the last good settings.'), { divergence: true });
      }
    });
  }

  reset() {
    this.#abort?.abort();
    return super.reset();
  }

  // One mechanism's sweep over the seeds; null when stopped before it finished.
  async #measure(name, signal, onFraction) {
    const info = mechanismInfo(name);
    const { epsilon, noise, perturbation_seed: firstSeed, seeds, memories, steps, velocity } = this.params;
    const modelParams = { ...info.model, ...(info.noise ? { noise } : {}) };
    const config = { steps, records: RECORDS, memories, gradient: 0, ...(info.driven ? { velocity } : {}) };
    const sweep = await this.client.create('robustnessSweep', name, modelParams, config, [epsilon], seeds, firstSeed);
    try {
      const answer = await sweep.job({
        budget: BUDGET,
        results: ['times', 'mean', 'spread', 'values'],
        onProgress: ({ progress }) => onFraction(progress),
        signal,
      });
      if (!answer.done) return null;
      const { times, mean, spread, values } = answer.values;
      const at = (quantity) => this.#quantities.indexOf(quantity) * RECORDS;
      const pick = (array, quantity) => Array.from(array.slice(at(quantity), at(quantity) + RECORDS));
      const perSeed = [];
      const offset = this.#quantities.indexOf('pairwise_error') * seeds * RECORDS;
      for (let s = 0; s < seeds; s++) perSeed.push(Array.from(values.slice(offset + s * RECORDS, offset + (s + 1) * RECORDS)));
      return {
        times: Array.from(times),
        steps: Array.from(times, (_, r) => Math.floor((steps * (r + 1)) / RECORDS)),
        mean: pick(mean, 'pairwise_error'),
        spread: pick(spread, 'pairwise_error'),
        endStates: pick(mean, 'distinct_end_states'),
        perSeed,
        seeds,
      };
    } finally {
      await sweep.dispose().catch(() => {});
    }
  }

  #publish() {
    const measures = {
      epsilon: this.params.epsilon,
      noise: this.params.noise,
      seeds: this.params.seeds,
      memories: this.params.memories,
      horizon_steps: this.params.steps,
      mechanisms_selected: this.selected.length,
      mechanisms_measured: this.selected.filter((name) => this.results.has(name)).length,
      running: this.running,
      progress: this.progress,
    };
    let best = null;
    let worst = null;
    for (const { name } of MECHANISMS) {
      const result = this.results.get(name);
      const last = result ? result.mean.length - 1 : -1;
      measures[`${name}_pairwise_error`] = result ? result.mean[last] : null;
      measures[`${name}_pairwise_error_spread`] = result ? result.spread[last] : null;
      measures[`${name}_end_states`] = result ? result.endStates[last] : null;
      if (result && Number.isFinite(result.mean[last])) {
        if (best === null || result.mean[last] < measures[`${best}_pairwise_error`]) best = name;
        if (worst === null || result.mean[last] > measures[`${worst}_pairwise_error`]) worst = name;
      }
    }
    const complete = measures.mechanisms_measured > 0 && measures.mechanisms_measured === measures.mechanisms_selected;
    measures.best_mechanism = complete ? best : null;
    measures.worst_mechanism = complete ? worst : null;
    measures.prediction = this.prediction;
    measures.prediction_at_run = this.predictionAtRun;
    measures.prediction_correct = complete && this.predictionAtRun ? this.predictionAtRun === best : null;
    this.publish(measures);
  }

  // A diverged run leaves non-finite recalled values: the pairwise errors say so.
  isDiverged() {
    return [...this.results.values()].some((result) => result.mean.some((value) => !Number.isFinite(value)));
  }
}
