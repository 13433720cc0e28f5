// The robustness arena's model: for every chosen mechanism, robustness sweeps in the worker (the
// core's measure over one epsilon and a few perturbation seeds; for the torus one sweep per
// network), run as a stoppable job with progress; the curves of decoded error, pairwise error, end
// states and learning signal against T, the Lyapunov exponents, and who kept information best.
import { disposeRemote, WidgetModel } from '../base/widget-model.js';
import { MECHANISMS, mechanismInfo } from './schema.js';

// Curve points per mechanism (horizons evenly spaced up to T).
export const RECORDS = 20;
// At most this many model steps per job chunk (about 10-30 ms of work for the small models); the
// worker sizes chunks to about 100 ms, so a large model's chunks are smaller.
const BUDGET = 4000;
// The Lyapunov run after the memories: the top LYAPUNOV_K exponents from the first memory's
// recalled state; an exponent counts as zero within LYAPUNOV_TOLERANCE_PER_STEP per step (0.05 per
// second for the flows' 1 ms step), the same for every mechanism.
export const LYAPUNOV_K = 2;
const LYAPUNOV_TRANSIENT = 2000;
const LYAPUNOV_STEPS = 10000;
export const LYAPUNOV_TOLERANCE_PER_STEP = 5e-5;
// A network keeps the information when its decoded error at the final T is at most this.
export const KEEP_THRESHOLD = 0.25;

export class ArenaModel extends WidgetModel {
  #abort = null;
  #quantities = null;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.results = new Map();  // mechanism -> summarizeCells(...)
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

  // Playing while any measure runs, so the one run button offers Stop for a step too.
  step() {
    if (this.running) return Promise.resolve();
    this.playing = true;
    this.emit('play');
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
      if (queue.length === 0) {
        // Nothing left to measure: not playing (Run the measure comes back at once).
        if (this.playing) {
          this.playing = false;
          this.emit('pause');
        }
        return;
      }
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

  // One mechanism measured over the perturbation seeds (and, for the torus, over the chosen
  // networks); null when stopped before it finished.
  async #measure(name, signal, onFraction) {
    const info = mechanismInfo(name);
    const { epsilon, noise, state_noise: stateNoise, perturbation_seed: firstSeed, seeds, memories, steps, velocity } = this.params;
    const config = {
      steps, records: RECORDS, memories, state_noise: stateNoise, gradient: 1,
      lyapunov_k: LYAPUNOV_K, lyapunov_transient: LYAPUNOV_TRANSIENT, lyapunov_steps: LYAPUNOV_STEPS,
      lyapunov_tolerance: LYAPUNOV_TOLERANCE_PER_STEP / info.dt,
      ...(info.driven ? { velocity } : {}),
      ...(name === 'torus' ? { block: this.params.torus_block } : {}),
    };
    const networks = name === 'torus' ? Array.from({ length: this.params.torus_networks }, (_, k) => this.params.torus_network + k) : [null];
    const cells = [];
    let times = null;
    for (let k = 0; k < networks.length; k++) {
      const modelParams = { ...info.model, ...(info.noise ? { noise } : {}), ...(networks[k] === null ? {} : { seed: networks[k] }) };
      const sweep = await this.client.create('robustnessSweep', name, modelParams, config, [epsilon], seeds, firstSeed);
      try {
        const answer = await sweep.job({
          budget: BUDGET,
          results: ['times', 'values'],
          onProgress: ({ progress }) => onFraction((k + progress) / networks.length),
          signal,
        });
        if (!answer.done) return null;
        times = Array.from(answer.values.times);
        const values = answer.values.values;
        // values[(q * seeds + s) * RECORDS + r] for the one epsilon.
        for (let s = 0; s < seeds; s++) {
          const curve = (quantity) => {
            const at = (this.#quantities.indexOf(quantity) * seeds + s) * RECORDS;
            return Array.from(values.slice(at, at + RECORDS));
          };
          cells.push({
            network: networks[k], seed: firstSeed + s,
            decoded: curve('decoded_error'), pairwise: curve('pairwise_error'), endStates: curve('distinct_end_states'),
            signal: curve('gradient_log10_mean'), exponent: curve('manifold_exponent'),
            nearZero: curve('near_zero_exponents')[0], lyapunovMax: curve('lyapunov_max')[0],
          });
        }
      } finally {
        await disposeRemote(sweep);
      }
    }
    return summarizeCells(cells, times, steps, info.dt, networks);
  }

  #publish() {
    const measures = {
      epsilon: this.params.epsilon,
      noise: this.params.noise,
      state_noise: this.params.state_noise,
      seeds: this.params.seeds,
      memories: this.params.memories,
      horizon_steps: this.params.steps,
      torus_network: this.params.torus_network,
      torus_networks: this.params.torus_networks,
      mechanisms_selected: this.selected.length,
      mechanisms_measured: this.selected.filter((name) => this.results.has(name)).length,
      running: this.running,
      progress: this.progress,
    };
    let best = null;
    let worst = null;
    for (const { name } of MECHANISMS) {
      const result = this.results.get(name);
      const last = result ? result.steps.length - 1 : -1;
      const at = (curve) => (result ? curve[last] : null);
      measures[`${name}_decoded_error`] = at(result?.decoded.mean);
      measures[`${name}_decoded_error_spread`] = at(result?.decoded.spread);
      measures[`${name}_pairwise_error`] = at(result?.pairwise.mean);
      measures[`${name}_pairwise_error_spread`] = at(result?.pairwise.spread);
      measures[`${name}_end_states`] = at(result?.endStates.mean);
      measures[`${name}_learning_signal_log10`] = at(result?.signal.mean);
      measures[`${name}_manifold_exponent`] = at(result?.exponent.mean);
      measures[`${name}_lyapunov_max`] = result ? result.lyapunovMax : null;
      measures[`${name}_near_zero_exponents`] = result ? result.nearZero : null;
      const decoded = measures[`${name}_decoded_error`];
      if (Number.isFinite(decoded)) {
        if (best === null || decoded < measures[`${best}_decoded_error`]) best = name;
        if (worst === null || decoded > measures[`${worst}_decoded_error`]) worst = name;
      }
    }
    const torus = this.results.get('torus');
    measures.torus_networks_measured = torus ? torus.networks.length : null;
    measures.torus_networks_keeping = torus ? torus.keeping.mean : null;
    measures.torus_networks_keeping_spread = torus ? torus.keeping.spread : null;
    const complete = measures.mechanisms_measured > 0 && measures.mechanisms_measured === measures.mechanisms_selected;
    measures.best_mechanism = complete ? best : null;
    measures.worst_mechanism = complete ? worst : null;
    measures.prediction = this.prediction;
    measures.prediction_at_run = this.predictionAtRun;
    measures.prediction_correct = complete && this.predictionAtRun ? this.predictionAtRun === best : null;
    this.publish(measures);
  }

  // A diverged run leaves non-finite recalled values: the decoded errors say so.
  isDiverged() {
    return [...this.results.values()].some((result) => result.decoded.mean.some((value) => !Number.isFinite(value)));
  }
}

const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
// Population standard deviation, as the core's sweep reports it.
const spread = (values) => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
};

// Mean and spread over every cell (networks x perturbation seeds) of each curve, and for the torus
// the fraction of networks that keep the information: per perturbation seed, the fraction of
// networks whose decoded error at the final T is at most KEEP_THRESHOLD; its mean and spread over
// the seeds.
export function summarizeCells(cells, times, steps, dt, networks) {
  const curve = (key) => {
    const per = times.map((_, r) => cells.map((cell) => cell[key][r]));
    return { mean: per.map(mean), spread: per.map(spread) };
  };
  const last = times.length - 1;
  const seeds = [...new Set(cells.map((cell) => cell.seed))];
  const fractions = seeds.map((seed) => {
    const ofSeed = cells.filter((cell) => cell.seed === seed);
    return ofSeed.filter((cell) => cell.decoded[last] <= KEEP_THRESHOLD).length / ofSeed.length;
  });
  const exponentPerStep = curve('exponent');
  return {
    times,
    steps: times.map((_, r) => Math.floor((steps * (r + 1)) / RECORDS)),
    decoded: curve('decoded'),
    pairwise: curve('pairwise'),
    endStates: curve('endStates'),
    signal: curve('signal'),
    // The core reports the exponent per unit time; per step here, so flows and the map compare.
    exponent: { mean: exponentPerStep.mean.map((v) => v * dt), spread: exponentPerStep.spread.map((v) => v * dt) },
    lyapunovMax: mean(cells.map((cell) => cell.lyapunovMax)) * dt,
    nearZero: mean(cells.map((cell) => cell.nearZero)),
    keeping: { mean: mean(fractions), spread: spread(fractions) },
    networks: networks.filter((network) => network !== null),
    seeds: seeds.length,
    cells,
  };
}
