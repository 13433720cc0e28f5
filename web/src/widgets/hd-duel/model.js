// The head-direction duel's model: a ring integrator and the two-oscillator integrator in the
// worker, fed the same angular velocity step by step, with the true heading and both decoded
// headings kept over the run.
import { nextChunkSize } from '../../lab/chunks.js';
import { disposeRemote, disposeRemotes, WidgetModel } from '../base/widget-model.js';
import { headingInput, velocitySteps } from './heading-input.js';

// Kept for plotting and export: one sample every this many Euler steps (10 ms).
export const SAMPLE_STEPS = 10;
export const HISTORY_SECONDS = 600;
const MAX_STEPS_PER_CALL = 5000;
// A long run's chunks, in seconds of model time: the first is short (its cost is unknown), the
// next ones take about 100 ms of work each (lab/chunks.js).
const FIRST_RUN_CHUNK_SECONDS = 0.1;
const MAX_RUN_CHUNK_SECONDS = 5;
const RADIANS = Math.PI / 180;
// A run at rest without noise is a measurement of locking at every whole minute of model time
// (its latest verdict counts).
export const TONGUE_RUN_SECONDS = 60;
// Locked: the phase difference moved on average less than this over the last 10 s (rad/s).
export const LOCKED_DRIFT_RAD_PER_S = 0.005;

// The tongue map: frequency differences (columns) by perturbations (rows) at the widget's
// perturbation seed. Each cell is a fresh, noise-free pair of oscillators at rest, run for 12 / ε
// seconds (about ten locking times, at least a minute) and judged like a run at rest.
export const SCAN_DELTA_OMEGAS = Array.from({ length: 31 }, (_, k) => (k - 15) / 50);
export const SCAN_EPSILONS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
export const scanSeconds = (epsilon) => Math.max(TONGUE_RUN_SECONDS, 12 / epsilon);

const finiteOrNull = (value) => (Number.isFinite(value) ? value : null);

export function wrapDegrees(angle) {
  return ((angle % 360) + 360) % 360;
}

// |a − b| on the circle, in [0, 180].
export function headingError(a, b) {
  if (a === null || !Number.isFinite(a)) return null;
  return Math.abs(wrapDegrees(a - b + 180) - 180);
}

export class HdDuelModel extends WidgetModel {
  #ring = null;
  #oscillator = null;
  #input = () => 0;
  #step = 0;
  #trueHeading = 0;
  #squares = { ring: 0, oscillator: 0, count: 0 };
  // Runs at rest without noise, per weight perturbation (epsilon and seed): the frequency
  // difference of each and whether its phase difference was locked at its last whole minute.
  // Kept across rebuilds, so the student can compare runs at different frequency differences.
  #tongueRuns = new Map();
  #recordable = false;
  #runRecord = null;
  // {seed, locked: per cell true, false or null (not measured), row-major from the smallest ε}.
  tongueMap = null;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.clearHistory();
  }

  get stepSeconds() {
    return 1;
  }

  get dt() {
    return this.#ring?.params?.dt ?? 0.001;
  }

  clearHistory() {
    this.history = { times: [], truth: [], ring: [], oscillator: [], ringError: [], oscillatorError: [] };
  }

  async build() {
    const { n, noise, noise_seed: noiseSeed, epsilon, perturbation_seed: perturbationSeed } = this.params;
    this.#ring = await this.client.create('ring', { n, noise, seed: noiseSeed });
    this.#oscillator = await this.client.create('headDirectionOscillator', { noise, seed: noiseSeed, delta_omega: this.params.delta_omega });
    if (this.#ring.params.dt !== this.#oscillator.params.dt) throw new Error('the two integrators must use the same time step');
    if (epsilon > 0) await this.#perturb();
    this.#input = headingInput({ profile: this.params.profile, rms: this.params.turn_rms_deg_per_s, seed: this.params.input_seed });
    this.#step = 0;
    this.#trueHeading = 0;
    this.#squares = { ring: 0, oscillator: 0, count: 0 };
    this.#recordable = this.params.profile === 'rest' && noise === 0;
    this.#runRecord = null;
    this.clearHistory();
    this.#record(0, this.#ring.measures.bump_angle_deg, this.#oscillator.measures.decoded_heading / RADIANS);
    this.#publish();
  }

  async teardown() {
    const models = [this.#ring, this.#oscillator];
    this.#ring = null;
    this.#oscillator = null;
    await disposeRemotes(models);
  }

  #perturb() {
    const { epsilon, perturbation_seed: seed } = this.params;
    return Promise.all([this.#ring.perturb(epsilon, seed), this.#oscillator.perturb(epsilon, seed)]);
  }

  async applyLive(name) {
    if (name === 'epsilon' || name === 'perturbation_seed') {
      // A run whose perturbation changed midway measures neither weight set.
      this.#recordable = false;
      this.#runRecord = null;
      await this.#perturb();
      this.#publish();
      return true;
    }
    return false;
  }

  async advance(seconds) {
    const dt = this.dt;
    let steps = Math.max(1, Math.round(seconds / dt));
    while (steps > 0) {
      const count = Math.min(steps, MAX_STEPS_PER_CALL);
      const degreesPerSecond = velocitySteps(this.#input, this.#step, count, dt);
      const radiansPerSecond = degreesPerSecond.map((v) => v * RADIANS);
      const [ring, oscillator] = await Promise.all([
        this.#ring.invoke('runVelocities', [degreesPerSecond], { views: ['traceView'] }),
        this.#oscillator.invoke('driveInput', [radiansPerSecond], { views: ['traceView'] }),
      ]);
      const ringTrace = ring.views.traceView;
      const oscillatorTrace = oscillator.views.traceView;
      for (let k = 0; k < count; k++) {
        this.#trueHeading += degreesPerSecond[k] * dt;
        this.#step += 1;
        if (this.#step % SAMPLE_STEPS === 0 || k === count - 1) {
          this.#record(this.#step * dt, ringTrace[k], oscillatorTrace[2 * k + 1] / RADIANS, this.#step % SAMPLE_STEPS === 0);
        }
      }
      steps -= count;
    }
    const minutes = Math.floor((this.#step * dt + 1e-9) / TONGUE_RUN_SECONDS);
    if (this.#recordable && minutes > (this.#runRecord?.minutes ?? 0)) {
      if (!this.#runRecord) {
        this.#runRecord = { deltaOmega: this.params.delta_omega };
        const runs = this.#tongueRuns.get(this.#tongueKey()) ?? [];
        runs.push(this.#runRecord);
        this.#tongueRuns.set(this.#tongueKey(), runs);
      }
      this.#runRecord.minutes = minutes;
      this.#runRecord.locked = this.#locked();
    }
    this.#trim();
    this.#publish();
  }

  // The current headings (published), and every SAMPLE_STEPS-th one kept for the plots and rms.
  #record(time, ringAngle, oscillatorAngle, kept = true) {
    const truth = wrapDegrees(this.#trueHeading);
    this.latest = {
      time, truth,
      ring: ringAngle === null || !Number.isFinite(ringAngle) ? null : wrapDegrees(ringAngle),
      oscillator: wrapDegrees(oscillatorAngle),
      ringError: headingError(ringAngle, truth),
      oscillatorError: headingError(oscillatorAngle, truth),
    };
    if (!kept) return;
    const h = this.history;
    for (const key of Object.keys(h)) h[key].push(key === 'times' ? time : this.latest[key]);
    if (this.latest.ringError !== null) {
      this.#squares.ring += this.latest.ringError ** 2;
      this.#squares.oscillator += this.latest.oscillatorError ** 2;
      this.#squares.count += 1;
    }
  }

  #trim() {
    const h = this.history;
    const oldest = h.times.at(-1) - HISTORY_SECONDS;
    let drop = 0;
    while (drop < h.times.length && h.times[drop] < oldest) drop++;
    if (drop > 0) for (const series of Object.values(h)) series.splice(0, drop);
  }

  // Runs until model time `seconds` in chunks of about 100 ms of work (at most a few seconds of
  // model time each), reporting progress; `signal` stops it after the running chunk.
  async runUntil(seconds, { onProgress, signal } = {}) {
    const start = this.measures.time_s ?? 0;
    let chunk = FIRST_RUN_CHUNK_SECONDS;
    while (!signal?.aborted && !this.disposed) {
      const now = this.measures.time_s ?? 0;
      if (now >= seconds - 1e-9) break;
      const span = Math.min(chunk, seconds - now);
      const began = performance.now();
      const ok = await this.tick(span);
      if (!ok) return false;
      chunk = nextChunkSize(span, performance.now() - began, { min: this.dt, max: MAX_RUN_CHUNK_SECONDS });
      onProgress?.((this.measures.time_s - start) / Math.max(1e-9, seconds - start));
    }
    return !signal?.aborted;
  }

  // Whether the oscillators' phase difference has come to rest (null before 10 s of model time).
  #locked() {
    const recent = this.#oscillator.measures.recent_drift_rad_per_s;
    return Number.isFinite(recent) ? Math.abs(recent) < LOCKED_DRIFT_RAD_PER_S : null;
  }

  // Measures the tongue map cell by cell (each cell a worker round trip of a few milliseconds),
  // reporting the fraction done; `signal` stops it after the running cell, and a later call
  // resumes with the cells still missing. A new perturbation seed starts a new map.
  async scanTongue({ onProgress, signal } = {}) {
    const seed = this.params.perturbation_seed;
    const cells = SCAN_EPSILONS.length * SCAN_DELTA_OMEGAS.length;
    if (this.tongueMap?.seed !== seed) this.tongueMap = { seed, locked: new Array(cells).fill(null) };
    const map = this.tongueMap;
    for (let i = 0; i < cells; i++) {
      if (signal?.aborted || this.disposed) return false;
      if (map.locked[i] !== null) continue;
      const epsilon = SCAN_EPSILONS[Math.floor(i / SCAN_DELTA_OMEGAS.length)];
      const pair = await this.client.create('headDirectionOscillator', { delta_omega: SCAN_DELTA_OMEGAS[i % SCAN_DELTA_OMEGAS.length] });
      try {
        await pair.perturb(epsilon, seed);
        await pair.invoke('drive', [Math.round(scanSeconds(epsilon) / pair.params.dt), 0]);
        map.locked[i] = Math.abs(pair.measures.recent_drift_rad_per_s) < LOCKED_DRIFT_RAD_PER_S;
      } finally {
        await disposeRemote(pair);
      }
      onProgress?.(map.locked.filter((cell) => cell !== null).length / cells);
      if (this.#oscillator) this.#publish();
    }
    return true;
  }

  #tongueKey() {
    return `${this.params.epsilon} ${this.params.perturbation_seed}`;
  }

  // The runs at rest at the current perturbation: {deltaOmega, minutes, locked}, oldest first.
  get tongueRuns() {
    return this.#tongueRuns.get(this.#tongueKey()) ?? [];
  }

  // The narrowest gap between a frequency difference that locked and one that drifted at the
  // current perturbation: the tongue's edge lies inside it. Null until there is one of each.
  #tongueGap() {
    const runs = this.tongueRuns;
    let gap = null;
    for (const a of runs.filter((run) => run.locked)) {
      for (const b of runs.filter((run) => !run.locked)) {
        const d = Math.abs(b.deltaOmega - a.deltaOmega);
        if (gap === null || d < gap) gap = d;
      }
    }
    return gap;
  }

  #publish() {
    const latest = this.latest;
    const count = this.#squares.count;
    const time = this.#step * this.dt;
    this.publish({
      time_s: time,
      true_heading_deg: latest.truth,
      ring_heading_deg: latest.ring,
      oscillator_heading_deg: latest.oscillator,
      ring_error_deg: latest.ringError,
      oscillator_error_deg: latest.oscillatorError,
      ring_rms_error_deg: count ? Math.sqrt(this.#squares.ring / count) : 0,
      oscillator_rms_error_deg: count ? Math.sqrt(this.#squares.oscillator / count) : 0,
      velocity_deg_per_s: this.#input(time),
      oscillator_drift_rad_per_s: finiteOrNull(this.#oscillator.measures.mean_drift_rad_per_s),
      oscillator_recent_drift_rad_per_s: finiteOrNull(this.#oscillator.measures.recent_drift_rad_per_s),
      oscillator_locked: this.#locked(),
      oscillator_phase_slips: this.#oscillator.measures.phase_slips,
      locked_runs: this.tongueRuns.filter((run) => run.locked).length,
      drifting_runs: this.tongueRuns.filter((run) => !run.locked).length,
      tongue_gap_rad_per_s: this.#tongueGap(),
      map_cells_measured: this.tongueMap?.locked.filter((cell) => cell !== null).length ?? 0,
      map_cells_locked: this.tongueMap?.locked.filter((cell) => cell === true).length ?? 0,
      epsilon: this.params.epsilon,
      delta_omega: this.params.delta_omega,
      noise: this.params.noise,
      n: this.params.n,
    });
  }
}
