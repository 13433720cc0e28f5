// The line-attractor widget's model: a line attractor in the worker, the value it holds over
// time, and the drift its memory eigenvalue predicts.
import { TimeSeries } from '../../plot/time-series-buffer.js';
import { WidgetModel } from '../base/widget-model.js';

export const HISTORY_SECONDS = 30;
const MAX_STEPS_PER_CALL = 20000;
// Past this the unstable memory has run away; the linear model would soon overflow.
export const RUNAWAY_LIMIT = 1e6;

export class LineWidgetModel extends WidgetModel {
  constructor(client, schema, params) {
    super(client, schema, params);
    this.history = new TimeSeries(HISTORY_SECONDS);
  }

  async build() {
    const { n, seed, epsilon, perturbation_seed: perturbationSeed, value } = this.params;
    this.remote = await this.client.create('line', { n, seed });
    this.history.clear();
    if (epsilon > 0) await this.remote.perturb(epsilon, perturbationSeed);
    this.#publish(await this.remote.store(value));
  }

  async resetState() {
    await this.remote.reset();
    this.history.clear();
    this.#publish(await this.remote.store(this.params.value));
  }

  async applyLive(name, value) {
    if (name === 'epsilon' || name === 'perturbation_seed') {
      this.#publish(await this.remote.perturb(this.params.epsilon, this.params.perturbation_seed));
      return true;
    }
    if (name === 'value') {
      this.#publish(await this.remote.store(value));
      return true;
    }
    return false;
  }

  // Stores the current value again (the Store button).
  store() {
    return this.enqueue('store', async () => this.#publish(await this.remote.store(this.params.value)));
  }

  async advance(seconds) {
    const dt = this.remote.params.dt;
    const steps = Math.min(MAX_STEPS_PER_CALL, Math.max(1, Math.round(seconds / dt)));
    const { trace, time, measures } = await this.remote.run(steps);
    this.history.append(time - (trace.length - 1) * dt, dt, trace);
    this.#publish(measures);
  }

  isDiverged() {
    const value = this.measures.remembered_value;
    return value === null || !Number.isFinite(value) || Math.abs(value) > RUNAWAY_LIMIT;
  }

  // Predicted readout at time t from the drift reference point and the eigenvalue.
  predictedValueAt(t) {
    const m = this.measures;
    if (m.drift_reference_time_s == null || m.predicted_drift_rate_per_s == null) return null;
    if (t < m.drift_reference_time_s) return null;
    return m.drift_reference_value * Math.exp(m.predicted_drift_rate_per_s * (t - m.drift_reference_time_s));
  }

  #publish(measures) {
    const rate = measures.predicted_drift_rate_per_s;
    this.publish({
      ...measures,
      n: this.params.n,
      // Seconds until the remembered value has moved by 10%: the "how long does it hold" number.
      hold_time_s: rate === null || rate === 0 ? Infinity : Math.log(rate < 0 ? 0.9 : 1.1) / rate,
      abs_eigenvalue_gap: measures.memory_eigenvalue === null ? null : Math.abs(measures.memory_eigenvalue - 1),
    });
  }
}
