// The wave-lattice widget's model: a traveling-wave lattice in the worker, fed s input columns and
// then left to its boundary rule; the lattice over time, the recall against the rule, the step
// matrix's eigenvalues against the s-th roots of unity; optionally an RNN trained on the same task,
// compared with the lattice (its spectrum, and Phi = pinv(Psi) W Psi) before and after training.
import { disposeRemote, WidgetModel } from '../base/widget-model.js';

// Lattice steps per second of play at speed 1.
export const STEPS_PER_SECOND = 4;
// Snapshots of the lattice kept for the kymograph.
export const HISTORY_STEPS = 64;
const TRAINABLE = new Set(['repeat_copy', 'lagged_copy']);

// Seeded ±1 values (a small xorshift generator, so the same seed gives the same input everywhere).
export function randomSigns(seed, count) {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0 || 1;
  const out = [];
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out.push(state & 0x100 ? 1 : -1);
  }
  return out;
}

// Reads "1 -1 1; -1 1 1; ..." as s columns of d numbers; throws with what is wrong.
export function parseSequence(text, dims, lag) {
  const steps = text.split(/[;\n]/).map((part) => part.trim()).filter(Boolean);
  if (steps.length !== lag) throw new Error(`the input needs ${lag} steps separated by ";" (one per column); found ${steps.length}`);
  return steps.map((step, t) => {
    const values = step.split(/[\s,]+/).filter(Boolean).map(Number);
    if (values.length !== dims || values.some((v) => !Number.isFinite(v) || Math.abs(v) > 10)) {
      throw new Error(`step ${t + 1} ("${step}") must be ${dims} numbers from −10 to 10`);
    }
    return values;
  });
}

export class WaveLatticeModel extends WidgetModel {
  #trainer = null;
  #trainAbort = null;
  #carry = 0;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.typedInput = null;
    this.inputs = [];
    this.outputs = [];   // x_t for every step so far
    this.snapshots = []; // { t, lattice } for the kymograph
    this.eigen = { re: [], im: [] };
    this.rnn = null;     // { eigen, steps, loss, ... } of the trained RNN
    this.rnnProgress = 0;
    this.rnnTraining = false;
  }

  get stepSeconds() {
    return 1 / STEPS_PER_SECOND;
  }

  get trainable() {
    return TRAINABLE.has(this.params.rule);
  }

  async build() {
    const { dims, lag, rule } = this.params;
    this.remote = await this.client.create('waveLattice', { dims, lag }, rule);
    this.growth = (await this.remote.invoke('growth')).value;
    const { value: eigen, views } = await this.remote.invoke('eigenvalues', [], { views: ['stepMatrixView'] });
    this.eigen = { re: Array.from(eigen.re), im: Array.from(eigen.im) };
    const size = dims * lag;
    this.spectrumError = await this.client.static('waveLattice', 'rootsOfUnityError', views.stepMatrixView, size, lag, size);
    this.latticePhi = Array.from((await this.remote.invoke('latticePhi')).value);
    // The modes the task needs (the lattice's nonzero eigenvalues, exact zeros from the rule): a
    // network with fewer units cannot be matched one to one with them.
    const { value: spectrum } = await this.remote.invoke('spectrum');
    const nonzero = Array.from(spectrum.re.keys()).filter((i) => spectrum.re[i] !== 0 || spectrum.im[i] !== 0);
    this.taskSpectrum = { re: nonzero.map((i) => spectrum.re[i]), im: nonzero.map((i) => spectrum.im[i]) };
    this.taskModes = nonzero.length;
    this.#discardRnn();
    this.#restart();
  }

  async teardown() {
    this.#discardRnn();
    await super.teardown();
  }

  async resetState() {
    await this.remote.invoke('reset');
    this.#restart();
  }

  async applyLive(name) {
    if (name.startsWith('rnn_')) {
      this.#discardRnn();
      this.#publish();
      return true;
    }
    return false;
  }

  // Uses a typed sequence (or the seeded random one for null) and starts again.
  setTypedInput(text) {
    return this.enqueue('params', async () => {
      const { dims, lag } = this.params;
      this.typedInput = text === null ? null : { text, columns: parseSequence(text, dims, lag), dims, lag };
      await this.remote.invoke('reset');
      this.#restart();
    });
  }

  async advance(seconds) {
    this.#carry += seconds * STEPS_PER_SECOND;
    const steps = Math.min(16, Math.floor(this.#carry + 1e-9));
    this.#carry = Math.min(1, this.#carry - steps);
    for (let i = 0; i < steps; i++) await this.#stepOnce();
    if (steps > 0) this.#publish();
  }

  step() {
    return this.enqueue('advance', async () => {
      await this.#stepOnce();
      this.#publish();
    });
  }

  isDiverged() {
    return this.outputs.length > 0 && this.outputs[this.outputs.length - 1].some((v) => !Number.isFinite(v));
  }

  // Trains (or trains further) an RNN on this task in the worker, with progress and stop.
  async trainRnn() {
    if (!this.trainable || this.rnnTraining) return;
    const { dims, lag, rule, rnn_hidden: hidden, rnn_steps: steps, rnn_seed: seed } = this.params;
    const abort = new AbortController();
    this.#trainAbort = abort;
    this.rnnTraining = true;
    this.rnnProgress = 0;
    this.#publish();
    this.emit('rnn');
    try {
      if (!this.#trainer) {
        this.#trainer = await this.client.create('trainer', {
          task: rule, task_params: { dims, lag, steps: 3 * lag }, initialization: 'gaussian',
          network: { hidden, bias: 0, precision: 32, seed }, optimizer: 'adam', optimizer_params: { learning_rate: 3e-3 },
          training: { batch: 16, seed },
        });
        const untrained = await this.#readRnn(this.#trainer);
        // The same network before training: the control every trained measure is read against.
        this.rnn = { ...untrained, untrained, untrainedError: untrained.error.meanDegrees, steps: 0, loss: null, validationLoss: null };
      }
      const trainer = this.#trainer;
      const result = await trainer.train(steps, {
        chunk: 20, signal: abort.signal,
        onProgress: ({ done, total, measures }) => {
          this.rnnProgress = done / total;
          this.rnn = { ...this.rnn, loss: measures.loss };
          this.#publish();
          this.emit('rnn');
        },
      });
      if (trainer !== this.#trainer) return;
      const trained = await this.#readRnn(trainer);
      this.rnn = { ...this.rnn, ...trained, steps: result.measures.steps, loss: result.measures.loss,
        validationLoss: result.measures.validation_loss, stopReason: result.stopReason };
    } catch (error) {
      if (error?.name !== 'WorkerRestarted') this.dispatchEvent(new CustomEvent('error', { detail: { message: error.message, reason: 'rnn' } }));
    } finally {
      if (this.#trainAbort === abort) this.#trainAbort = null;
      this.rnnTraining = false;
      this.rnnProgress = 1;
      this.#publish();
      this.dispatchEvent(new CustomEvent('measures', { detail: { measures: this.measures } }));
      this.emit('rnn');
    }
  }

  stopRnn() {
    this.#trainAbort?.abort();
  }

  // W's spectrum against the lattice's (angles; matched one to one) and Phi = pinv(Psi) W Psi in
  // the input-grounded basis, with the waves along the first validation trial.
  async #readRnn(trainer) {
    const { dims, lag } = this.params;
    const { value: eigen } = await trainer.invoke('recurrentEigenvalues');
    const { value: layout, views } = await trainer.invoke('layout', [], { views: ['parametersView'] });
    const n = layout.hidden;
    const w = views.parametersView.slice(layout.recurrentOffset, layout.recurrentOffset + n * n);
    const u = views.parametersView.slice(layout.inputOffset, layout.inputOffset + n * dims);
    const error = await this.client.static('waveLattice', 'rootsOfUnityError', w, n, lag, Math.min(n, dims * lag));
    const { value: trial } = await trainer.invoke('validationTrial', [0]);
    const [matched, { value: basis }] = await Promise.all([
      n >= this.taskModes ? this.remote.invoke('matchedSpectrumError', [w]).then((answer) => answer.value) : null,
      this.remote.invoke('analyzeNetwork', [w, u, [], trial.inputs]),
    ]);
    return {
      eigen: { re: Array.from(eigen.real), im: Array.from(eigen.imag) }, error, hidden: n, matched,
      phi: Array.from(basis.phi), boundaryFraction: basis.boundaryFraction, waveShift: basis.waveShift,
    };
  }

  #discardRnn() {
    this.#trainAbort?.abort();
    const trainer = this.#trainer;
    this.#trainer = null;
    this.rnn = null;
    this.rnnProgress = 0;
    disposeRemote(trainer);
  }

  #restart() {
    const { dims, lag, input_seed: seed } = this.params;
    const typed = this.typedInput;
    if (typed && (typed.dims !== dims || typed.lag !== lag)) this.typedInput = null;
    if (this.typedInput) {
      this.inputs = this.typedInput.columns.map((column) => column.slice());
    } else {
      const signs = randomSigns(seed, dims * lag);
      this.inputs = Array.from({ length: lag }, (_, t) => signs.slice(t * dims, (t + 1) * dims));
    }
    this.outputs = [];
    this.snapshots = [];
    this.errors = [];
    this.#carry = 0;
    this.#publish();
  }

  async #stepOnce() {
    const t = this.outputs.length;
    const { views } = t < this.params.lag
      ? await this.remote.invoke('stepWithInput', [this.inputs[t]], { views: ['latticeView'] })
      : await this.remote.invoke('step', [], { views: ['latticeView'] });
    const lattice = views.latticeView;
    const output = Array.from(lattice.slice(0, this.params.dims));
    this.outputs.push(output);
    this.snapshots.push({ t, lattice });
    if (this.snapshots.length > HISTORY_STEPS) this.snapshots.shift();
    const target = this.targetAt(t);
    this.errors.push(target ? Math.max(...output.map((v, j) => Math.abs(v - target[j]))) : null);
  }

  // What the rule says x_t should be, from the lattice's own earlier outputs; null during the input.
  targetAt(t) {
    const { dims, lag, rule } = this.params;
    if (t < lag) return null;
    const x = this.outputs;
    if (rule === 'repeat_copy') return x[t - lag].slice();
    if (rule === 'lagged_copy') return Array.from({ length: dims }, (_, j) => x[t - (lag - j)][j]);
    const target = new Array(dims).fill(0);
    for (let k = 1; k <= lag; k++) {
      const scale = this.growth ** -k;
      for (let j = 0; j < dims; j++) target[j] += scale * x[t - k][j];
    }
    return target;
  }

  #publish() {
    const { dims, lag, rule } = this.params;
    const errors = (this.errors ?? []).filter((e) => e !== null);
    let radius = 0;
    for (let i = 0; i < this.eigen.re.length; i++) radius = Math.max(radius, Math.hypot(this.eigen.re[i], this.eigen.im[i]));
    const rnn = this.rnn;
    this.publish({
      time_step: this.outputs.length,
      s: lag,
      d: dims,
      rule,
      phase: this.outputs.length < lag ? 'input' : 'generating',
      input_source: this.typedInput ? 'typed' : 'random',
      output: this.outputs.length ? this.outputs[this.outputs.length - 1] : null,
      recall_error: errors.length ? Math.max(...errors) : null,
      eigenvalue_count: this.eigen.re.length,
      spectral_radius: radius,
      roots_of_unity_error_deg: this.spectrumError?.meanDegrees ?? null,
      roots_of_unity_max_error_deg: this.spectrumError?.maxDegrees ?? null,
      rnn_steps: this.trainable ? (rnn?.steps ?? 0) : null,
      rnn_training: this.rnnTraining,
      rnn_loss: rnn?.loss ?? null,
      rnn_validation_loss: rnn?.validationLoss ?? null,
      rnn_roots_error_deg: rnn?.error?.meanDegrees ?? null,
      rnn_roots_max_error_deg: rnn?.error?.maxDegrees ?? null,
      rnn_roots_error_deg_untrained: rnn?.untrainedError ?? null,
      rnn_mean_modulus: rnn?.error?.meanModulus ?? null,
      rnn_matched_error: rnn?.matched?.mean ?? null,
      rnn_matched_max_error: rnn?.matched?.max ?? null,
      rnn_matched_error_untrained: rnn?.untrained?.matched?.mean ?? null,
      rnn_unmatched_max_modulus: rnn?.matched?.unmatchedMaxModulus ?? null,
      rnn_thresholded_angle_rad: rnn?.matched?.thresholdedAngleRadians ?? null,
      rnn_thresholded_angle_rad_untrained: rnn?.untrained?.matched?.thresholdedAngleRadians ?? null,
      rnn_boundary_fraction: rnn?.boundaryFraction ?? null,
      rnn_boundary_fraction_untrained: rnn?.untrained?.boundaryFraction ?? null,
    });
  }
}
