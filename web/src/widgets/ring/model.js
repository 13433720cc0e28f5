// The ring-attractor widget's model: a ring of neurons in the worker, its activity over time,
// the bump's position, and the drift profile that predicts where a perturbed ring sends the bump.
import { WidgetModel } from '../base/widget-model.js';

export const HISTORY_SECONDS = 20;
// The raster has one column per this many Euler steps (20 ms at the default dt); each holds the
// latest rates read by then.
export const RASTER_STEP_INTERVAL = 20;
const MAX_RUNS_PER_ADVANCE = 6;
// Rows of the raster; larger rings are averaged down to this many so drawing stays cheap.
export const MAX_RASTER_ROWS = 128;
// Drift is measured over the last second of the trajectory.
export const DRIFT_WINDOW_S = 1;
const MIN_DRIFT_WINDOW_S = 0.2;

// Wraps an angle in degrees to [0, 360).
export function wrapDegrees(angle) {
  return ((angle % 360) + 360) % 360;
}

export class RingWidgetModel extends WidgetModel {
  #lastColumn = -1;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.clearHistory();
    this.profile = null;
    this.fixedPoints = [];
  }

  get stepSeconds() {
    return 0.25;
  }

  get dt() {
    return this.remote?.params?.dt ?? 0.001;
  }

  clearHistory() {
    // Per step: time, wrapped bump angle (for the plot), unwrapped angle and tracking error (for speeds).
    this.times = [];
    this.angles = [];
    this.unwrapped = [];
    this.tracking = [];
    this.commanded = [];
    // Raster columns: { time, rates: Float32Array of MAX_RASTER_ROWS or fewer }.
    this.raster = [];
    this.#lastColumn = -1;
  }

  async build() {
    const { n, seed, noise, epsilon, perturbation_seed: perturbationSeed } = this.params;
    this.remote = await this.client.create('ring', { n, seed, noise });
    this.clearHistory();
    if (epsilon > 0) await this.remote.perturb(epsilon, perturbationSeed);
    await this.#computeProfile();
    await this.#start();
  }

  async resetState() {
    await this.remote.reset();
    this.clearHistory();
    await this.#start();
  }

  // The initial state after a build or a reset: the bump cued, the velocity input on.
  async #start() {
    await this.remote.call('setVelocity', this.params.velocity_deg_per_s);
    const { views, measures } = await this.remote.invoke('cue', [this.params.cue_deg], { views: ['ratesView'] });
    this.#sampleRaster(measures.time_s, views.ratesView);
    if (measures.bump_angle_deg !== null) {
      this.times.push(measures.time_s);
      this.angles.push(wrapDegrees(measures.bump_angle_deg));
      this.unwrapped.push(measures.bump_angle_deg);
      this.tracking.push(measures.tracking_error_deg);
      this.commanded.push(wrapDegrees(measures.bump_angle_deg - measures.tracking_error_deg));
    }
    this.#publish(measures);
  }

  async applyLive(name, value) {
    if (name === 'epsilon' || name === 'perturbation_seed') {
      await this.remote.perturb(this.params.epsilon, this.params.perturbation_seed);
      await this.#computeProfile();
      this.#publish(this.remote.measures);
      return true;
    }
    if (name === 'velocity_deg_per_s') {
      this.#publish(await this.remote.call('setVelocity', value));
      return true;
    }
    if (name === 'cue_deg') {
      this.#publish(await this.remote.call('cue', value));
      return true;
    }
    return false;
  }

  // Places the bump at the cue angle again (the Cue button).
  cue() {
    return this.enqueue('cue', async () => this.#publish(await this.remote.call('cue', this.params.cue_deg)));
  }

  async #computeProfile() {
    const angles = this.params.n > 256 ? 180 : 360;
    const { value: profile } = await this.remote.invoke('driftProfile', [angles]);
    const { value: points } = await this.remote.invoke('profileFixedPoints');
    this.profile = Array.from(profile);
    this.fixedPoints = points;
  }

  async advance(seconds) {
    const dt = this.dt;
    let steps = Math.max(1, Math.round(seconds / dt));
    // A few round trips per frame at most: each answers with the rates for the raster.
    const chunk = Math.max(RASTER_STEP_INTERVAL, Math.ceil(steps / MAX_RUNS_PER_ADVANCE));
    let measures = this.remote.measures;
    while (steps > 0) {
      const result = await this.remote.run(Math.min(steps, chunk), { views: ['ratesView'] });
      measures = result.measures;
      this.#appendTrace(result.trace, measures, dt);
      this.#sampleRaster(measures.time_s, result.views.ratesView);
      steps -= Math.min(steps, chunk);
    }
    this.#trim();
    this.#publish(measures);
  }

  // Per-step history from one run: the velocity was constant during it, so the commanded heading
  // of each step is the final one minus the velocity times the steps still to come.
  #appendTrace(trace, measures, dt) {
    const last = trace.length - 1;
    const commandedEnd = trace[last] - measures.tracking_error_deg;
    const v = measures.velocity_deg_per_s;
    for (let k = 0; k <= last; k++) {
      const commanded = commandedEnd - v * dt * (last - k);
      this.times.push(measures.time_s - (last - k) * dt);
      this.unwrapped.push(trace[k]);
      this.angles.push(wrapDegrees(trace[k]));
      this.tracking.push(trace[k] - commanded);
      this.commanded.push(wrapDegrees(commanded));
    }
  }

  #sampleRaster(time, rates) {
    const n = rates.length;
    const rows = Math.min(n, MAX_RASTER_ROWS);
    const column = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      const from = Math.floor((r * n) / rows);
      const to = Math.floor(((r + 1) * n) / rows);
      let sum = 0;
      for (let i = from; i < to; i++) sum += rates[i];
      column[r] = sum / (to - from);
    }
    const width = this.dt * RASTER_STEP_INTERVAL;
    const index = Math.floor(time / width + 1e-6);
    if (index === this.#lastColumn && this.raster.length) this.raster[this.raster.length - 1].rates = column;
    for (let c = this.#lastColumn + 1; c <= index; c++) this.raster.push({ time: c * width, rates: column });
    this.#lastColumn = Math.max(this.#lastColumn, index);
  }

  #trim() {
    const oldest = (this.times.at(-1) ?? 0) - HISTORY_SECONDS;
    let drop = 0;
    while (drop < this.times.length && this.times[drop] < oldest) drop++;
    if (drop > 0) {
      for (const series of [this.times, this.angles, this.unwrapped, this.tracking, this.commanded]) series.splice(0, drop);
    }
    let dropColumns = 0;
    while (dropColumns < this.raster.length && this.raster[dropColumns].time < oldest) dropColumns++;
    if (dropColumns > 0) this.raster.splice(0, dropColumns);
  }

  // Drift and speed over the last second after the bump settled: (change of tracking error) / time.
  #windowSpeeds(measures) {
    const reference = measures.drift_reference_time_s;
    if (reference === null || this.times.length < 2) return { drift: null, speed: null };
    const now = this.times.at(-1);
    const start = Math.max(now - DRIFT_WINDOW_S, reference);
    if (now - start < MIN_DRIFT_WINDOW_S - 1e-9) return { drift: null, speed: null };
    let i = this.times.length - 1;
    while (i > 0 && this.times[i - 1] >= start - 1e-9) i--;
    const span = now - this.times[i];
    if (span < MIN_DRIFT_WINDOW_S - 1e-9) return { drift: null, speed: null };
    return {
      drift: (this.tracking.at(-1) - this.tracking[i]) / span,
      speed: (this.unwrapped.at(-1) - this.unwrapped[i]) / span,
    };
  }

  // Drift the profile predicts at an angle, interpolated between its samples.
  profileAt(angle) {
    const profile = this.profile;
    if (!profile?.length || angle === null) return null;
    const position = (wrapDegrees(angle) / 360) * profile.length;
    const i = Math.floor(position) % profile.length;
    const f = position - Math.floor(position);
    return profile[i] * (1 - f) + profile[(i + 1) % profile.length] * f;
  }

  // The stable fixed point the bump moves towards: the next one in the direction of its drift.
  #targetFixedPoint(angle, drift) {
    const stable = this.fixedPoints.filter((point) => point.stable).map((point) => point.angleDeg);
    if (angle === null || !stable.length || drift === null) return null;
    // A point up to 2 degrees behind counts as reached (the bump sits on it).
    const ahead = (target) => wrapDegrees((drift >= 0 ? target - angle : angle - target) + 2) - 2;
    return stable.reduce((best, target) => (ahead(target) < ahead(best) ? target : best));
  }

  #publish(measures) {
    const { drift, speed } = this.#windowSpeeds(measures);
    const profile = this.profile ?? [];
    const rms = profile.length ? Math.sqrt(profile.reduce((sum, v) => sum + v * v, 0) / profile.length) : null;
    const angle = measures.bump_angle_deg === null ? null : wrapDegrees(measures.bump_angle_deg);
    const predicted = this.profileAt(angle);
    this.publish({
      time_s: measures.time_s,
      bump_deg: angle,
      drift_deg_per_s: drift,
      mean_drift_deg_per_s: measures.drift_deg_per_s,
      predicted_drift_deg_per_s: predicted,
      bump_speed_deg_per_s: speed,
      velocity_deg_per_s: measures.velocity_deg_per_s,
      tracking_error_deg: measures.tracking_error_deg,
      epsilon: measures.epsilon,
      n: this.params.n,
      noise: this.params.noise,
      fixed_point_count: this.fixedPoints.filter((point) => point.stable).length,
      unstable_fixed_point_count: this.fixedPoints.filter((point) => !point.stable).length,
      nearest_fixed_point_deg: this.#targetFixedPoint(angle, predicted),
      profile_rms_drift_deg_per_s: rms,
      profile_max_drift_deg_per_s: profile.length ? Math.max(...profile.map(Math.abs)) : null,
      bump_width_deg: measures.bump_width_deg,
      bump_amplitude: measures.bump_amplitude,
      drift_reference_time_s: measures.drift_reference_time_s,
    });
  }

  isDiverged() {
    const m = this.measures;
    return !Number.isFinite(m.bump_amplitude) || !Number.isFinite(m.time_s);
  }
}
