// The RNN-trainer widget's model: a Trainer in the simulation worker, its loss history, and
// what the network looks like now (W's eigenvalues, the Lyapunov spectrum, the learning signal
// |dL/dh_t|, a validation trial, the autonomous dynamics on principal components with fixed
// points, and on request the gradient persistence ||dh_T/dh_0||).
import { checkValue } from '../../state/registry.js';
import { disposeRemote, WidgetModel } from '../base/widget-model.js';
import { ZERO_EXPONENT_TOLERANCE } from './schema.js';

// Play trains this many steps per second of "model time" (at speed 1).
const STEPS_PER_SECOND = 100;
const MAX_STEPS_PER_TICK = 200;
// At most this many steps between progress reports of Train (a point of the validation curve
// each); the worker makes chunks smaller for large networks, to about 100 ms of work.
const TRAIN_CHUNK = 25;
const LYAPUNOV = { transient_steps: 500, steps: 2000, seed: 1 };
const MAX_LYAPUNOV_COUNT = 32;
const FIXED_POINTS = { starts: 12, trajectory_steps: 300, max_iterations: 100, seed: 1 };
const PCA_STEPS = 400;

// The task's own parameters for a trial of `length` steps (small copy tasks, short recall window).
export function taskParams(params) {
  const { task, trial_length: steps } = params;
  if (task === 'delayed_recall') return { steps, recall_steps: 3 };
  if (task === 'repeat_copy' || task === 'lagged_copy') return { dims: params.copy_dims, lag: params.copy_lag, steps };
  // Park et al.'s loss: one of the last 9 steps (fewer in a trial of 8 steps).
  if (task === 'angular_integration') return { steps, scored_steps: Math.min(10, steps + 1) };
  return { steps };
}

// |dL/dh_1| / max_t |dL/dh_t|: how much of the learning signal reaches the start of the trial.
export function gradientRatio(norms) {
  let peak = 0;
  for (const value of norms) peak = Math.max(peak, value);
  return norms.length && peak > 0 && Number.isFinite(peak) ? norms[0] / peak : null;
}

// Park et al.'s statistic of a run: the mean of its last `count` training losses (all of them
// when fewer; null before the first).
export function meanOfLast(losses, count) {
  const tail = Array.from(losses).slice(-count);
  return tail.length ? tail.reduce((sum, value) => sum + value, 0) / tail.length : null;
}

// The trainer's configuration for the widget's settings, in the core's one spelling (the one a
// checkpoint records, see core/include/attractor/trainer_config.hpp). paramsFromConfig is its
// exact inverse: every setting that shapes the network comes back (train_steps, how many steps a
// press trains, is no part of it).
export function trainerConfig(params) {
  return {
    task: params.task,
    task_params: taskParams(params),
    initialization: params.initialization,
    // The LSTM has none of the RNN's gain, bias switch, perturbation of W, Euler form, input
    // scale or trained initial state.
    network: params.initialization === 'lstm' ? { hidden: params.hidden, seed: params.seed }
      : { hidden: params.hidden, gain: params.gain, bias: params.bias ? 1 : 0, seed: params.seed,
        epsilon: params.epsilon, perturbation_seed: params.perturbation_seed,
        continuous: params.continuous ? 1 : 0, dt: params.dt, input_scale: params.input_scale,
        initial_state: params.trained_initial_state ? 1 : 0 },
    optimizer: 'adam',
    optimizer_params: { learning_rate: params.learning_rate, clip_norm: params.clip_norm,
      decay_every: params.decay_every, decay_factor: params.decay_factor },
    training: { batch: params.batch, seed: params.seed },
  };
}

const switchOf = (value) => (value === undefined ? undefined : Boolean(value));

// The widget's settings in a trainer configuration (trainerConfig's, or a checkpoint's with every
// default resolved). A setting the configuration does not hold is undefined: the copy task's
// outside the copy tasks, the RNN's other settings in an LSTM's.
export function paramsFromConfig(config) {
  const { task_params: task = {}, network = {}, optimizer_params: optimizer = {}, training = {} } = config;
  return {
    task: config.task,
    trial_length: task.steps,
    copy_lag: task.lag,
    copy_dims: task.dims,
    initialization: config.initialization,
    hidden: network.hidden,
    seed: network.seed,
    gain: network.gain,
    bias: switchOf(network.bias),
    // An LSTM has no perturbation (the widget then takes ε = 0), nor had checkpoints from before
    // it existed.
    epsilon: network.epsilon ?? 0,
    perturbation_seed: network.perturbation_seed ?? 1,
    continuous: switchOf(network.continuous),
    dt: network.dt,
    input_scale: network.input_scale,
    trained_initial_state: switchOf(network.initial_state),
    learning_rate: optimizer.learning_rate,
    clip_norm: optimizer.clip_norm,
    decay_every: optimizer.decay_every,
    decay_factor: optimizer.decay_factor,
    batch: training.batch,
  };
}

// The widget's settings recorded in a checkpoint's configuration (JSON text).
export function paramsFromCheckpoint(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`This file is not a checkpoint: it is not JSON (${error.message}). The current network was kept.`);
  }
  const config = parsed?.config;
  if (!config || typeof config !== 'object') {
    throw new Error('This file is not a trainer checkpoint: it has no "config". The current network was kept.');
  }
  return paramsFromConfig(config);
}

export class RnnTrainerModel extends WidgetModel {
  #controller = null;  // of the running Train job or analysis (Stop)
  #advanceController = null;  // of the running Play or Step advance (Pause, Stop)
  #stops = 0;  // counts Stop presses: the jobs queued behind a stopped one are skipped
  #layout = null;
  #runLabel = '';

  constructor(client, schema, params) {
    super(client, schema, params);
    this.previousRun = null;  // {label, losses, initialGradients} of the last trained network before this one
    this.clearViews();
  }

  get stepSeconds() {
    return 0.1;
  }

  get stepsPerPress() {
    return Math.round(this.stepSeconds * STEPS_PER_SECOND);
  }

  clearViews() {
    this.losses = new Float64Array(0);
    this.validationLosses = [];  // [{step, loss}]: one per training chunk
    this.liveLosses = [];  // [{step, loss}] while a Train job runs, before the full history arrives
    this.hiddenGradients = new Float64Array(0);
    this.initialGradients = null;  // |dL/dh_t| of the untrained network on the validation batch
    this.eigenvalues = null;
    this.exponents = null;
    this.trial = null;  // {steps, outputs, targets, mask, outputCount, inputs}
    this.pca = null;  // {xs, ys, explained, points: [{x, y, stable, fixed}]}
    this.persistence = null;  // {steps, logNorms}
    this.job = null;  // {label, done, total} while something long runs
    this.stopped = null;  // {label} of the job the last Stop ended, until the next job starts
    this.analysesStale = true;
    this.analysedSteps = null;  // training steps of the network the slower pictures show
    this.initialValidationLoss = null;  // of the untrained network (unknown for a loaded checkpoint)
  }

  async build() {
    // The last run's learning curve stays as a reference, to compare settings (a longer trial, another initialization).
    this.#keepPreviousRun();
    this.remote = await this.client.create('trainer', trainerConfig(this.params));
    const { initialization, trial_length: length, epsilon } = this.params;
    this.#runLabel = `${initialization}${epsilon > 0 ? `, ε = ${epsilon}` : ''}, T = ${length}`;
    await this.#afterNewRemote();
  }

  // The network being replaced becomes the previous run if it was trained: its curve and the
  // measures a lesson compares with (previous_*).
  #keepPreviousRun() {
    if (!this.losses.length) return;
    const m = this.measures;
    this.previousRun = { label: this.#runLabel, losses: this.losses, initialGradients: this.initialGradients };
    this.publish({
      previous_task: m.task, previous_initialization: m.initialization, previous_epsilon: m.epsilon,
      previous_trial_length: m.trial_length, previous_hidden: m.hidden, previous_seed: m.seed,
      previous_steps: m.steps, previous_validation_loss: m.validation_loss,
      previous_initial_gradient_ratio: m.initial_gradient_ratio, previous_gradient_ratio: m.gradient_ratio,
      previous_mean_last_10_losses: m.mean_last_10_losses,
    });
  }

  async #afterNewRemote() {
    this.clearViews();
    // A measurement of the previous network must not pass for one of this network.
    this.publish({ log_gradient_at_T: null, gradient_horizon_T: null, initial_gradient_ratio: null });
    this.#layout = (await this.remote.invoke('layout')).value;
    // The learning signal the initialization gives, before any training (for a loaded checkpoint:
    // the loaded network's).
    const initial = Float64Array.from((await this.remote.invoke('validationGradientNorms')).value);
    this.initialGradients = initial;
    this.publish({ initial_gradient_ratio: gradientRatio(initial) });
    await this.#refreshQuick();
    await this.#analyse();
  }

  async teardown() {
    this.cancelJob();
    await super.teardown();
  }

  async dispose() {
    this.cancelJob();
    await super.dispose();
  }

  // A new setting that needs a new network stops the running job first, instead of waiting for it.
  setParam(name, value) {
    if (!this.schema.params[name]?.live) this.cancelJob();
    return super.setParam(name, value);
  }

  setParams(changes) {
    this.cancelJob();
    return super.setParams(changes);
  }

  async applyLive(name) {
    return name === 'train_steps';
  }

  async advance(seconds) {
    const steps = Math.min(MAX_STEPS_PER_TICK, Math.max(1, Math.round(seconds * STEPS_PER_SECOND)));
    const stops = this.#stops;
    const controller = new AbortController();
    this.#advanceController = controller;
    this.stopped = null;
    let result;
    try {
      result = await this.remote.train(steps, { chunk: steps, signal: controller.signal });
    } finally {
      this.#advanceController = null;
    }
    this.#checkStop(result);
    await this.#refreshQuick();
    if (this.playing || stops !== this.#stops) {
      this.analysesStale = true;
    } else {
      await this.#analyse();
    }
  }

  // Pausing ends the running advance after the worker's current chunk.
  pause() {
    this.#advanceController?.abort();
    super.pause();
    // The pictures of the paused network, unless the advance that ends computes them, or a Stop
    // comes first.
    const stops = this.#stops;
    if (this.started && this.analysesStale) {
      this.enqueue('analysis', async () => {
        if (this.analysesStale && stops === this.#stops) await this.#analyse();
      });
    }
  }

  // Trains `train_steps` steps as one stoppable job with progress (the Train button).
  train() {
    this.playing = false;
    const stops = this.#stops;
    return this.enqueue('train', async () => {
      if (stops !== this.#stops) return;  // stopped before it began
      const total = this.params.train_steps;
      const start = this.losses.length;
      this.stopped = null;
      this.liveLosses = [];
      this.job = { label: 'Training', done: 0, total };
      this.emit('progress');
      const controller = new AbortController();
      this.#controller = controller;
      try {
        const result = await this.remote.train(total, {
          chunk: TRAIN_CHUNK,
          signal: controller.signal,
          onProgress: ({ done, measures }) => {
            this.job = { label: 'Training', done, total };
            this.liveLosses.push({ step: start + done, loss: measures.loss });
            this.validationLosses.push({ step: measures.steps, loss: measures.validation_loss });
            this.#publishTrainer(measures);
            this.dispatchEvent(new CustomEvent('measures', { detail: { measures: this.measures } }));
            this.emit('progress');
          },
        });
        if (result.cancelled) this.stopped = { label: 'Training' };
        this.#checkStop(result);
      } finally {
        this.#controller = null;
        this.job = null;
        this.liveLosses = [];
        this.emit('progress');  // the job's end shows at once, before the pictures are refreshed
      }
      await this.#refreshQuick();
      // After a Stop the slower pictures are not recomputed (they may take as long as what was
      // stopped); they stay those of the step they were computed at, until the next job.
      if (stops === this.#stops) await this.#analyse();
      else this.analysesStale = true;
    });
  }

  // Stops the running training, advance or analysis and what was queued behind it; what was
  // done so far is kept.
  cancelJob() {
    this.#stops += 1;
    this.#controller?.abort();
    this.#advanceController?.abort();
  }

  // Measures the persistence of the gradient ||dh_T/dh_0|| up to `horizon` steps (zero input).
  measurePersistence(horizon) {
    return this.enqueue('persistence', async () => {
      const records = Math.min(50, horizon);
      const result = await this.#runAnalysis('Gradient persistence', 'gradientPersistence',
        { k: 1, steps: horizon, records, transient_steps: 200, seed: 1 });
      const steps = Array.from(result.recordSteps);
      const logNorms = Array.from(result.logSingularValues);
      this.persistence = { steps, logNorms, horizon };
      const last = logNorms.length - 1;
      this.publish({
        log_gradient_at_T: last >= 0 && Number.isFinite(logNorms[last]) ? logNorms[last] : null,
        gradient_horizon_T: last >= 0 ? steps[last] : null,
      });
    });
  }

  checkpoint() {
    return this.remote.checkpoint();
  }

  // Replaces the network by the one in a checkpoint file; a bad file leaves the current one.
  loadCheckpoint(text) {
    return this.enqueue('params', async () => {
      const settings = paramsFromCheckpoint(text);
      const remote = await this.client.restore(text);
      const previous = this.remote;
      this.remote = remote;
      await disposeRemote(previous);
      for (const [name, value] of Object.entries(settings)) {
        const spec = this.schema.params[name];
        if (spec && value !== undefined && !checkValue(spec, value)) this.params[name] = value;
      }
      this.#keepPreviousRun();
      this.#runLabel = `checkpoint, ${this.params.initialization}, T = ${this.params.trial_length}`;
      await this.#afterNewRemote();
    });
  }

  isDiverged() {
    const { validation_loss: loss } = this.measures;
    return loss !== null && loss !== undefined && !Number.isFinite(loss);
  }

  // The trainer stops by itself when a loss, gradient or weight stops being finite ("diverged at
  // step 12: the loss is inf; ..."); the weights are then those before that step. Its other
  // stop (a target loss reached) is no divergence.
  #checkStop(result) {
    if (result.stopReason && /^diverged\b/i.test(result.stopReason)) {
      this.playing = false;
      throw Object.assign(new Error(`Training stopped: ${result.stopReason}. ` +
        'Lower the learning rate or the gain, or go back to the last good settings.'), { divergence: true });
    }
  }

  async #refreshQuick() {
    // An LSTM has no square W: no eigenvalues to show.
    const lstm = this.params.initialization === 'lstm';
    const answer = await this.remote.invoke(lstm ? 'stepsTaken' : 'recurrentEigenvalues', [],
      { views: ['hiddenGradientNormsView', 'lossesView'] });
    const { hiddenGradientNormsView, lossesView } = answer.views;
    this.eigenvalues = lstm ? null : answer.value;
    if (answer.measures.steps === 0) this.initialValidationLoss = answer.measures.validation_loss;
    this.losses = lossesView;
    this.hiddenGradients = hiddenGradientNormsView;
    let radius = lstm ? null : 0;
    for (let i = 0; i < (this.eigenvalues?.real.length ?? 0); i++) radius = Math.max(radius, Math.hypot(this.eigenvalues.real[i], this.eigenvalues.imag[i]));
    this.#publishTrainer(answer.measures);
    this.publish({
      mean_last_10_losses: meanOfLast(lossesView, 10),
      spectral_radius: radius,
      gradient_ratio: gradientRatio(hiddenGradientNormsView),
      stop_reason: (await this.remote.invoke('stopReason')).value,
    });
    if (answer.measures.steps === 0) this.validationLosses = [{ step: 0, loss: answer.measures.validation_loss }];
    else if (this.validationLosses.at(-1)?.step !== answer.measures.steps) {
      this.validationLosses.push({ step: answer.measures.steps, loss: answer.measures.validation_loss });
    }
    this.trial = await this.#runTrial();
  }

  // The slower pictures: the Lyapunov spectrum, and the autonomous dynamics from the end of
  // the validation trial on its principal components with the fixed points. A Stop ends it where
  // it is: the pictures not yet recomputed keep their last values (analysesStale).
  async #analyse() {
    const n = this.params.hidden;
    const stops = this.#stops;
    this.analysesStale = true;
    const lyapunov = await this.#runAnalysis('Lyapunov spectrum', 'lyapunov', { ...LYAPUNOV, k: Math.min(n, MAX_LYAPUNOV_COUNT) });
    if (lyapunov.cancelled || stops !== this.#stops) return;
    this.exponents = Array.from(lyapunov.exponents);
    this.publish({
      lyapunov_exponents: this.exponents,
      max_lyapunov: this.exponents[0],
      zero_lyapunov_count: this.exponents.filter((value) => Math.abs(value) < ZERO_EXPONENT_TOLERANCE).length,
    });
    const start = this.trial ? this.trial.finalState : null;
    const found = await this.#runAnalysis('Fixed points', 'fixedPoints', FIXED_POINTS);
    if (found.cancelled || stops !== this.#stops) return;
    const points = found.points.filter((point) => point.fixed);
    const flat = new Float64Array(points.length * n);
    points.forEach((point, i) => flat.set(point.x, i * n));
    const pca = await this.remote.pca({ k: 2, steps: PCA_STEPS, transient_steps: 0, seed: 1 }, flat, start);
    const count = pca.samples;
    const xs = new Float64Array(count);
    const ys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      xs[i] = pca.trajectory[i * pca.k];
      ys[i] = pca.k > 1 ? pca.trajectory[i * pca.k + 1] : 0;
    }
    this.pca = {
      xs, ys, explained: Array.from(pca.explainedRatio),
      points: points.map((point, i) => ({
        x: pca.projected[i * pca.k], y: pca.k > 1 ? pca.projected[i * pca.k + 1] : 0,
        stability: point.stability, stable: point.growing === 0 && point.neutral === 0,
      })),
    };
    this.analysesStale = false;
    this.analysedSteps = this.measures.steps;
  }

  async #runAnalysis(label, analysis, config) {
    const controller = new AbortController();
    this.#controller = controller;
    this.job = { label, done: 0, total: 1 };
    this.stopped = null;
    this.emit('progress');
    try {
      const result = await this.remote.analyze(analysis, config, {
        signal: controller.signal,
        onProgress: ({ progress }) => {
          this.job = { label, done: progress, total: 1 };
          this.emit('progress');
        },
      });
      if (result.cancelled) this.stopped = { label };
      return result;
    } finally {
      this.#controller = null;
      this.job = null;
      this.emit('progress');
    }
  }

  // Runs validation trial 0 through the current network in the core (in the simulation worker).
  async #runTrial() {
    const { value } = await this.remote.invoke('validationTrial', [0]);
    const layout = this.#layout;
    const n = layout.hidden;
    return { steps: value.steps, outputCount: layout.outputs, inputCount: layout.inputs, outputs: value.outputs,
      targets: value.targets, inputs: value.inputs, mask: value.mask,
      finalState: value.states.slice((value.steps - 1) * n, value.steps * n) };
  }

  #publishTrainer(measures) {
    const p = this.params;
    const initial = this.initialValidationLoss;
    this.publish({
      validation_loss_ratio: initial > 0 && Number.isFinite(measures.validation_loss) ? measures.validation_loss / initial : null,
      steps: measures.steps,
      loss: measures.loss,
      validation_loss: measures.validation_loss,
      accuracy: measures.accuracy,
      gradient_norm: measures.gradient_norm,
      task: p.task,
      initialization: p.initialization,
      gain: p.gain,
      epsilon: p.epsilon,
      perturbation_seed: p.perturbation_seed,
      seed: p.seed,
      hidden: this.#layout?.hidden ?? p.hidden,
      learning_rate: measures.learning_rate ?? p.learning_rate,
      base_learning_rate: p.learning_rate,
      clip_norm: p.clip_norm,
      decay_every: p.decay_every,
      decay_factor: p.decay_factor,
      continuous: p.continuous,
      dt: p.dt,
      input_scale: p.input_scale,
      trained_initial_state: p.trained_initial_state,
      batch: p.batch,
      trial_length: p.trial_length,
    });
  }
}
