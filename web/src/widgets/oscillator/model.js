// The oscillator widget's model: a Stuart-Landau oscillator or a QPTA torus network in the
// worker, run side by side with a reference copy at epsilon = 0 (same model, same seed, same
// steps), so that the shift of frequency, amplitude and phase caused by the perturbation is read
// off directly.
import { TimeSeries } from '../../plot/time-series-buffer.js';
import { disposeRemotes, WidgetModel } from '../base/widget-model.js';

// The torus network is a map: playing runs this many of its steps per second at speed 1.
export const TORUS_STEPS_PER_SECOND = 200;
const TORUS_SETTLE_STEPS = 300;
// The radius relaxes at rate 2 mu; from the initial radius 0.1 it is within 1e-3 of the cycle after 6/mu s.
const SETTLE_MU_SECONDS = 6;
const MAX_STEPS_PER_CALL = 20000;
const HISTORY = { stuartLandau: 6, torus: 300 };
const TRAIL_POINTS = { stuartLandau: 1200, torus: 600 };
// Drawing thousands of segments per frame costs more than the eye gains.
const SAMPLES_PER_WINDOW = 1500;
// Reading the whole section each frame would copy up to 50000 points: refresh it now and then.
const SECTION_REFRESH_ADVANCES = 8;
// Averaging times the Lyapunov spectrum uses, in steps: long enough that the zero exponent's
// finite-time error (about 1/T) is well below the next exponent.
const LYAPUNOV = {
  stuartLandau: { transient_steps: 5000, steps: 50000 },
  torus: { transient_steps: 1000, steps: 5000 },
};
// An exponent counts as zero when it is within this many times 1/T of zero.
const ZERO_RESOLUTION_FACTOR = 10;
const PERSIST_MEAN_FRACTION = 0.5;
const PERSIST_MIN_FRACTION = 0.1;

// A wrapped angle difference in (-pi, pi].
function wrapAngle(a) {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}

// The most recent points of a curve in the plane.
class Trail {
  constructor(capacity) {
    this.capacity = capacity;
    this.clear();
  }

  clear() {
    this.xs = [];
    this.ys = [];
  }

  append(pairs, stride = 1) {
    for (let i = 0; i + 1 < pairs.length; i += 2 * stride) {
      this.xs.push(pairs[i]);
      this.ys.push(pairs[i + 1]);
    }
    const excess = this.xs.length - this.capacity;
    if (excess > 0) {
      this.xs.splice(0, excess);
      this.ys.splice(0, excess);
    }
  }
}

// One run (perturbed or reference): its trail, its unwrapped phase, and its window sums.
class RunRecord {
  constructor(trailPoints) {
    this.trail = new Trail(trailPoints);
    this.reset();
  }

  reset() {
    this.trail.clear();
    this.phase = null;
    this.unwrapped = 0;
    this.clearWindow();
  }

  clearWindow() {
    this.windowSteps = 0;
    this.amplitudeSum = null;
    this.rotationSum = null;
    this.frequencySum = 0;
    this.minRadius = Infinity;
  }

  // Unwraps the phase of (x, y) samples, whose advance per sample is near `advance`.
  trackPhase(pairs, advance) {
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const phase = Math.atan2(pairs[i + 1], pairs[i]);
      if (this.phase !== null) this.unwrapped += wrapAngle(phase - this.phase - advance) + advance;
      this.phase = phase;
    }
  }
}

export class OscillatorModel extends WidgetModel {
  #main = null;
  #reference = null;
  #advances = 0;
  #windowStart = 0;
  #generation = 0;
  #analysis = null;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.history = { x: new TimeSeries(HISTORY.stuartLandau), reference: new TimeSeries(HISTORY.stuartLandau),
      phaseDifference: new TimeSeries(HISTORY.stuartLandau) };
    this.main = new RunRecord(TRAIL_POINTS.stuartLandau);
    this.reference = new RunRecord(TRAIL_POINTS.stuartLandau);
    this.section = { main: new Float64Array(0), reference: new Float64Array(0) };
    this.rotation = { main: null, reference: null };
    this.lyapunovExponents = null;
    this.blockParams = null;
  }

  get isTorus() {
    return this.params.model === 'torus';
  }

  // Seconds of model time per step of the model.
  get dt() {
    return this.isTorus ? 1 : this.#main?.params?.dt ?? 0.001;
  }

  get stepSeconds() {
    return this.isTorus ? 50 / TORUS_STEPS_PER_SECOND : 0.1;
  }

  // Model time units per second of play at speed 1.
  get #timeScale() {
    return this.isTorus ? TORUS_STEPS_PER_SECOND : 1;
  }

  get settleTime() {
    return this.isTorus ? TORUS_SETTLE_STEPS : SETTLE_MU_SECONDS / this.params.mu;
  }

  #createParams() {
    const p = this.params;
    if (!this.isTorus) return { mu: p.mu, omega: p.omega };
    return { n: 2 * p.blocks, seed: p.seed, observed_block: p.observed_block, section_block: p.section_block };
  }

  async build() {
    this.#generation += 1;
    this.stopLyapunov();
    const kind = this.params.model;
    const params = this.#createParams();
    this.#main = await this.client.create(kind, params);
    this.#reference = await this.client.create(kind, params);
    const window = HISTORY[kind];
    for (const series of Object.values(this.history)) {
      series.windowSeconds = window;
      series.clear();
    }
    this.main = new RunRecord(TRAIL_POINTS[kind]);
    this.reference = new RunRecord(TRAIL_POINTS[kind]);
    this.section = { main: new Float64Array(0), reference: new Float64Array(0) };
    this.rotation = { main: null, reference: null };
    this.blockParams = this.isTorus ? (await this.#main.invoke('blocks')).value : null;
    this.#advances = 0;
    this.#windowStart = 0;
    this.measures = {};
    if (this.params.epsilon > 0) await this.#main.perturb(this.params.epsilon, this.params.perturbation_seed);
    this.#clearLyapunovMeasures();
    this.#publish();
  }

  async teardown() {
    this.stopLyapunov();
    const remotes = [this.#main, this.#reference];
    this.#main = null;
    this.#reference = null;
    await disposeRemotes(remotes);
  }

  async resetState() {
    await this.rebuild();
  }

  async applyLive(name) {
    if (name !== 'epsilon' && name !== 'perturbation_seed') return false;
    this.#generation += 1;
    this.stopLyapunov();
    await this.#main.perturb(this.params.epsilon, this.params.perturbation_seed);
    // A new perturbation starts a new measurement: settle, then average both runs afresh. The
    // section restarts too (the core clears it on perturb), so the reference's is cleared alike.
    this.#windowStart = this.#timeOf(this.#main);
    this.main.clearWindow();
    this.reference.clearWindow();
    this.section.main = new Float64Array(0);
    this.#clearLyapunovMeasures();
    this.#publish();
    return true;
  }

  async advance(seconds) {
    const steps = Math.min(MAX_STEPS_PER_CALL, Math.max(1, Math.round((seconds * this.#timeScale) / this.dt)));
    const views = this.isTorus ? ['rotationNumbersView', 'amplitudesView'] : [];
    this.#advances += 1;
    const readSection = this.isTorus && (this.#advances % SECTION_REFRESH_ADVANCES === 1 || seconds >= this.stepSeconds);
    if (readSection) views.push('sectionView');
    const [main, reference] = await Promise.all([this.#main.run(steps, { views }), this.#reference.run(steps, { views })]);
    const startTime = this.#timeOf(main) - (steps - 1) * this.dt;
    this.#record(this.main, main, steps);
    this.#record(this.reference, reference, steps);
    // The plots keep at most about SAMPLES_PER_WINDOW samples: every stride-th step's x.
    const stride = Math.max(1, Math.round(HISTORY[this.params.model] / this.dt / SAMPLES_PER_WINDOW));
    const every = (trace) => trace.filter((_, i) => i % (2 * stride) === 0);
    this.history.x.append(startTime, this.dt * stride, every(main.trace));
    this.history.reference.append(startTime, this.dt * stride, every(reference.trace));
    this.history.phaseDifference.append(this.#timeOf(main), this.dt, [this.main.unwrapped - this.reference.unwrapped]);
    if (readSection) {
      this.section.main = main.views.sectionView;
      this.section.reference = reference.views.sectionView;
    }
    this.#publish();
  }

  #timeOf({ measures }) {
    return (this.isTorus ? measures?.time_steps : measures?.time_s) ?? 0;
  }

  // Adds one run's samples to a record: trail, phase and (after the settling time) window sums.
  #record(record, result, steps) {
    const { trace, measures } = result;
    // The oscillator turns by only omega dt per step: every third step still draws a smooth cycle.
    record.trail.append(trace, this.isTorus ? 1 : 3);
    const advance = this.isTorus ? this.blockParams.theta[this.params.observed_block] : 0;
    record.trackPhase(trace, advance);
    const time = this.#timeOf(result);
    if (time - this.#windowStart < this.settleTime) return;
    record.windowSteps += steps;
    if (this.isTorus) {
      const rotations = result.views.rotationNumbersView;
      const amplitudes = result.views.amplitudesView;
      record.rotationSum ??= new Float64Array(rotations.length);
      record.amplitudeSum ??= new Float64Array(amplitudes.length);
      for (let i = 0; i < rotations.length; i++) {
        record.rotationSum[i] += rotations[i] * steps;
        record.amplitudeSum[i] += amplitudes[i] * steps;
      }
      record.minRadius = Math.min(record.minRadius, measures.min_radius);
    } else {
      record.amplitudeSum = (record.amplitudeSum ?? 0) + measures.amplitude * steps;
      record.frequencySum += measures.frequency_rad_per_s * steps;
      for (let i = 0; i + 1 < trace.length; i += 2) record.minRadius = Math.min(record.minRadius, Math.hypot(trace[i], trace[i + 1]));
    }
  }

  isDiverged() {
    const m = this.measures;
    return [m.amplitude, m.min_radius, m.frequency_hz, m.rotation_number_mean]
      .some((value) => typeof value === 'number' && !Number.isFinite(value) && value !== Infinity);
  }

  #publish() {
    const remote = this.#main;
    const core = remote.measures ?? {};
    const time = this.isTorus ? core.time_steps : core.time_s;
    const steps = this.isTorus ? core.time_steps : Math.round(core.time_s / this.dt);
    const measuring = this.main.windowSteps > 0;
    const base = {
      model: this.params.model, time_s: time, time_steps: steps, epsilon: this.params.epsilon, measuring,
      window_time_s: this.main.windowSteps * this.dt,
      phase_difference_rad: this.main.unwrapped - this.reference.unwrapped,
    };
    const persisting = (meanOk, minOk) => (measuring ? meanOk && minOk : null);
    if (!this.isTorus) {
      const n = this.main.windowSteps;
      const amplitude = measuring ? this.main.amplitudeSum / n : null;
      const amplitudeRef = measuring ? this.reference.amplitudeSum / n : null;
      const frequency = measuring ? this.main.frequencySum / n / (2 * Math.PI) : null;
      const frequencyRef = measuring ? this.reference.frequencySum / n / (2 * Math.PI) : null;
      const shift = measuring ? frequency - frequencyRef : null;
      const cycleExists = core.period_s !== null && core.period_s !== undefined;
      this.publish({
        ...base,
        amplitude, amplitude_reference: amplitudeRef,
        amplitude_change: measuring ? Math.abs(amplitude - amplitudeRef) / amplitudeRef : null,
        min_radius: measuring ? this.main.minRadius : null,
        frequency_hz: frequency, frequency_reference_hz: frequencyRef, frequency_shift_hz: shift, frequency_shift: shift,
        relative_frequency_shift: measuring ? Math.abs(shift) / frequencyRef : null,
        rotation_number_mean: null, rotation_number_observed: null, rotation_number_shift_mean_abs: null,
        rotation_number_shift_max_abs: null,
        attractor_persists: cycleExists ? persisting(amplitude > PERSIST_MEAN_FRACTION * amplitudeRef,
          this.main.minRadius > PERSIST_MIN_FRACTION * amplitudeRef) : false,
        period_s: core.period_s ?? null, floquet_multiplier_2: core.floquet_multiplier_2 ?? null,
        blocks: null, section_points: null,
      });
      return;
    }
    let rotationMean = null, rotationObserved = null, shiftMean = null, shiftMax = null;
    let amplitude = null, amplitudeRef = null, amplitudeChange = null, relative = null;
    let allMeansHold = true;
    if (measuring) {
      const n = this.main.windowSteps;
      const rot = Array.from(this.main.rotationSum, (s) => s / n);
      const rotRef = Array.from(this.reference.rotationSum, (s) => s / n);
      const amp = Array.from(this.main.amplitudeSum, (s) => s / n);
      const ampRef = Array.from(this.reference.amplitudeSum, (s) => s / n);
      const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
      const shifts = rot.map((r, i) => Math.abs(r - rotRef[i]));
      rotationMean = mean(rot);
      rotationObserved = rot[this.params.observed_block];
      shiftMean = mean(shifts);
      shiftMax = Math.max(...shifts);
      relative = shiftMean / mean(rotRef);
      amplitude = mean(amp);
      amplitudeRef = mean(ampRef);
      amplitudeChange = Math.max(...amp.map((a, i) => Math.abs(a - ampRef[i]) / ampRef[i]));
      allMeansHold = amp.every((a, i) => a > PERSIST_MEAN_FRACTION * ampRef[i]);
      this.rotation = { main: rot, reference: rotRef };
    } else {
      this.rotation = { main: null, reference: null };
    }
    this.publish({
      ...base,
      amplitude, amplitude_reference: amplitudeRef, amplitude_change: amplitudeChange,
      min_radius: measuring ? this.main.minRadius : null,
      frequency_hz: null, frequency_reference_hz: null, frequency_shift_hz: null,
      rotation_number_mean: rotationMean, rotation_number_observed: rotationObserved,
      rotation_number_shift_mean_abs: shiftMean, rotation_number_shift_max_abs: shiftMax,
      frequency_shift: shiftMean, relative_frequency_shift: relative,
      // Only the mean radii: a weakly attracting block (alpha near 1) can pass close to the
      // origin under a dense perturbation while its circle persists (torus_network.md).
      attractor_persists: persisting(allMeansHold, true),
      period_s: null, floquet_multiplier_2: null,
      blocks: this.params.blocks, section_points: core.section_points ?? 0,
    });
  }

  #clearLyapunovMeasures() {
    this.lyapunovExponents = null;
    this.publish({ zero_lyapunov_count: null, lyapunov_zero_tolerance: null, lyapunov_max: null, lyapunov_gap: null,
      lyapunov_progress: null });
  }

  get lyapunovRunning() {
    return this.#analysis !== null;
  }

  // Runs the Lyapunov spectrum of the perturbed model in the worker, with progress and stop. It
  // runs beside the animation (its own trajectory from a seeded random state); a rebuild or a
  // new perturbation stops it and discards the result, which would describe other weights.
  async runLyapunov() {
    if (this.#analysis || !this.#main) return;
    const generation = this.#generation;
    const controller = new AbortController();
    this.#analysis = controller;
    const dimension = this.isTorus ? 2 * this.params.blocks : 2;
    // The zero exponents are the top ones; a few more than the blocks show the gap below them.
    const k = this.isTorus ? Math.min(dimension, this.params.blocks + 8) : 2;
    const config = { k, ...LYAPUNOV[this.params.model] };
    const averagedTime = config.steps * this.dt;
    this.publish({ lyapunov_progress: 0 });
    this.emit('lyapunov');
    try {
      // At most about 3e7 multiply-adds per chunk (the worker makes chunks smaller when they take
      // longer than about 100 ms), starting there.
      const budget = this.isTorus ? Math.max(1, Math.min(1000, Math.round(3e7 / (dimension * dimension * k)))) : 5000;
      const result = await this.#main.analyze('lyapunov', config, {
        budget, first: budget,
        signal: controller.signal,
        onProgress: ({ progress }) => {
          if (generation !== this.#generation) return;
          this.publish({ lyapunov_progress: progress });
          this.emit('lyapunov');
        },
      });
      if (generation !== this.#generation || result.cancelled) return;
      const exponents = Array.from(result.exponents);
      const tolerance = ZERO_RESOLUTION_FACTOR / averagedTime;
      const nonZero = exponents.filter((v) => Math.abs(v) >= tolerance).map(Math.abs);
      this.lyapunovExponents = exponents;
      this.publish({
        zero_lyapunov_count: exponents.filter((v) => Math.abs(v) < tolerance).length,
        lyapunov_zero_tolerance: tolerance,
        lyapunov_max: Math.max(...exponents),
        lyapunov_gap: nonZero.length ? Math.min(...nonZero) : null,
      });
    } catch (error) {
      if (generation === this.#generation) this.dispatchEvent(new CustomEvent('error', { detail: { message: error.message, reason: 'lyapunov' } }));
    } finally {
      if (this.#analysis === controller) this.#analysis = null;
      if (generation === this.#generation) this.publish({ lyapunov_progress: null });
      this.emit('lyapunov');
      this.dispatchEvent(new CustomEvent('measures', { detail: { measures: this.measures } }));
    }
  }

  stopLyapunov() {
    this.#analysis?.abort();
    this.#analysis = null;
  }
}
