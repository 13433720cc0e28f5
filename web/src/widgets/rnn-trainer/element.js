// <al-rnn-trainer>: train a small tanh RNN by BPTT in the worker and watch what learning does to
// it: the loss, a validation trial, how far back the learning signal reaches, W's eigenvalues,
// the Lyapunov spectrum, the autonomous dynamics with their fixed points, and the persistence of
// the gradient ||dh_T/dh_0||.
import { CursorGroup, Figure } from '../../plot/figure.js';
import { h, uniqueId } from '../../ui/dom.js';
import { formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { downloadBlob } from '../base/export.js';
import { LabWidget } from '../base/lab-widget.js';
import { RnnTrainerModel } from './model.js';
import { rnnTrainerSchema, TASKS, ZERO_EXPONENT_TOLERANCE } from './schema.js';

const OUTPUT_COLORS = ['var(--series-0)', 'var(--series-2)', 'var(--series-3)', 'var(--series-4)'];
const finiteLog10 = (value) => (value > 0 && Number.isFinite(value) ? Math.log10(value) : NaN);

function rangeOf(values, fallback = [0, 1]) {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (low > high) return fallback;
  const pad = Math.max(1e-9, (high - low) * 0.08) || 0.1;
  return [low - pad, high + pad];
}

class RnnTrainerWidget extends LabWidget {
  static schema = rnnTrainerSchema;
  static Model = RnnTrainerModel;
  // Every way to train sits in the training row and says what it does: Train (the set number of
  // steps, with progress and Stop), a few steps, or continuously until paused.
  static runLabels = { play: 'Train continuously', pause: 'Pause training', step: 'Train 10 steps' };

  buildView(view) {
    const id = uniqueId('rnn');
    const model = this.model;
    this.ui.step.textContent = `Train ${model.stepsPerPress} steps`;
    this.ui.step.title = `Train ${model.stepsPerPress} steps at once`;
    this.ui.play.title = 'Train in small steps until paused';
    const trainHelpId = `${id}-train-help`;
    const moved = this.runButtonsBeside(trainHelpId, ['step', 'play']);
    const plots = this.#createPlots();
    const plot = (name, caption) => h('figure', { class: 'al-plot-cell' }, [h('figcaption', { text: caption }), plots[name].canvas]);

    this.trainButton = h('button', { type: 'button', class: 'al-primary', text: 'Train', 'data-control': 'train', 'aria-describedby': trainHelpId });
    this.trainHelp = h('p', { class: 'al-help', id: trainHelpId });
    this.movedRunButtons = moved;
    this.trainButton.addEventListener('click', () => model.train());
    this.stopButton = h('button', { type: 'button', text: 'Stop', 'data-control': 'stop', disabled: true,
      title: 'Stop the running training or analysis; what was done is kept' });
    this.stopButton.addEventListener('click', () => model.cancelJob());
    this.progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Progress of the running job' });
    this.progressText = h('span', { 'aria-live': 'off', text: 'Idle' });

    this.saveButton = h('button', { type: 'button', text: 'Save checkpoint', 'data-control': 'save' });
    this.saveButton.addEventListener('click', () => this.#saveCheckpoint());
    this.fileInput = h('input', { type: 'file', id: `${id}-load`, accept: '.json,application/json', 'data-control': 'load' });
    this.fileInput.addEventListener('change', () => this.#loadCheckpoint());
    this.checkpointMessage = h('p', { class: 'al-cursor', role: 'status', 'data-role': 'checkpoint-message' });

    this.horizonInput = h('input', { type: 'number', id: `${id}-horizon`, min: 10, max: 5000, step: 10, value: 500,
      'data-control': 'horizon' });
    this.measureButton = h('button', { type: 'button', text: 'Measure', 'data-control': 'measure-persistence',
      title: 'Measure ‖∂h(T)/∂h(0)‖ of the current network with zero input' });
    this.measureButton.addEventListener('click', () => {
      const horizon = Math.round(Number(this.horizonInput.value));
      if (!(horizon >= 10 && horizon <= 5000)) {
        this.horizonInput.setAttribute('aria-invalid', 'true');
        this.persistenceMessage.textContent = 'The horizon must be a whole number of steps from 10 to 5000.';
        return;
      }
      this.horizonInput.removeAttribute('aria-invalid');
      this.persistenceMessage.textContent = '';
      model.measurePersistence(horizon);
    });
    this.persistenceMessage = h('p', { class: 'al-control-error', role: 'status' });

    view.append(
      h('div', { class: 'al-toolbar', role: 'group', 'aria-label': 'Training' }, [
        this.trainButton, ...moved, this.stopButton,
        h('span', { class: 'al-progress', style: 'flex: 1 1 14rem' }, [this.progressBar, this.progressText]),
      ]),
      this.trainHelp,
      h('div', { class: 'al-plot-grid' }, [
        plot('loss', 'Loss (log scale) against training step'),
        plot('trial', 'Validation trial: output and target'),
        plot('gradient', 'Learning signal ‖∂L/∂hₜ‖ (log scale): last step, untrained (dashed), previous run untrained (dotted)'),
        plot('eigenvalues', 'Eigenvalues of W and the unit circle'),
        plot('lyapunov', 'Lyapunov spectrum (zero input)'),
        plot('pca', 'After the trial (zero input): PCA and fixed points'),
      ]),
      this.cursorText,
      h('p', { class: 'al-legend' }, [
        h('span', { class: 'al-key al-key-0', text: 'training loss / output 1 / trajectory' }),
        h('span', { class: 'al-key al-key-1', text: 'validation loss' }),
        h('span', { class: 'al-key al-key-2', text: 'output 2' }),
        h('span', { class: 'al-key al-key-6 al-key-dashed', text: 'target (where scored)' }),
        this.previousKey = h('span', { class: 'al-key al-key-6 al-key-dotted', text: 'previous run' }),
      ]),
      h('fieldset', { class: 'al-panel' }, [
        h('legend', { text: 'Gradient persistence ‖∂h(T)/∂h(0)‖' }),
        h('div', { class: 'al-field' }, [
          h('label', { for: `${id}-horizon`, text: 'Longest horizon T (steps)' }), this.horizonInput, this.measureButton,
          this.persistenceMessage,
        ]),
        plot('persistence', 'log ‖∂h(T)/∂h(0)‖ against T (zero input, after 200 steps)'),
      ]),
      h('fieldset', { class: 'al-panel' }, [
        h('legend', { text: 'Checkpoint' }),
        h('div', { class: 'al-toolbar' }, [this.saveButton,
          h('label', { class: 'al-inline', for: `${id}-load` }, ['Load checkpoint ', this.fileInput])]),
        this.checkpointMessage,
      ]),
    );
    model.addEventListener('change', (event) => {
      if (event.detail.reason !== 'progress') return;
      this.invalidate();
      // While the first network is built the frame loop draws nothing yet; its first pictures are
      // long jobs at large sizes, so their progress and Stop are shown at once.
      if (!model.started) this.#renderJob();
    });
  }

  // The figures exist before the view is laid out: the base builds the export menu from them first.
  #createPlots() {
    if (this.plots) return this.plots;
    this.trialCursor = new CursorGroup();
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    const onCursor = (t) => this.#showTrialCursor(t);
    const figure = (name, label, options = {}) => new Figure(h('canvas', { class: 'al-plot al-plot-small', 'data-plot': name }), { label, ...options });
    this.plots = {
      loss: figure('loss', 'Loss curve'),
      trial: figure('trial', 'Validation trial', { cursor: this.trialCursor, onCursor }),
      gradient: figure('gradient', 'Learning signal against time in the trial', { cursor: this.trialCursor, onCursor }),
      eigenvalues: figure('eigenvalues', 'Eigenvalues of W'),
      lyapunov: figure('lyapunov', 'Lyapunov spectrum'),
      pca: figure('pca', 'Autonomous dynamics on principal components'),
      persistence: figure('persistence', 'Gradient persistence'),
    };
    return this.plots;
  }

  onResize() {
    for (const figure of Object.values(this.plots)) figure.fit();
    this.#drawn.clear();
  }

  readouts() {
    const sig = (name, digits = 3) => (m) => formatSignificant(m[name], digits);
    return [
      { name: 'steps', label: 'Steps trained', format: (m) => (m.steps == null ? MISSING : String(m.steps)) },
      { name: 'loss', label: 'Training loss', format: sig('loss') },
      { name: 'validation_loss', label: 'Validation loss', format: sig('validation_loss') },
      { name: 'accuracy', label: 'Accuracy', title: 'fraction of validation trials within tolerance',
        format: (m) => (m.accuracy == null ? 'n/a' : formatFixed(m.accuracy, 3)) },
      { name: 'spectral_radius', label: 'Spectral radius of W', format: sig('spectral_radius', 4) },
      { name: 'max_lyapunov', label: 'Largest Lyapunov exp.', title: 'per step, zero input', format: sig('max_lyapunov') },
      { name: 'zero_lyapunov_count', label: `Exponents |λ| < ${ZERO_EXPONENT_TOLERANCE}`,
        format: (m) => (m.zero_lyapunov_count == null ? MISSING : `${m.zero_lyapunov_count} of ${m.lyapunov_exponents.length}`) },
      { name: 'initial_gradient_ratio', label: 'Signal at start, untrained', title: '‖∂L/∂h₁‖/max of the untrained network on the validation batch',
        format: sig('initial_gradient_ratio') },
      { name: 'gradient_ratio', label: 'Signal at start', title: '‖∂L/∂h₁‖/max of the last training step',
        format: (m) => (m.gradient_ratio == null ? 'train a step' : formatSignificant(m.gradient_ratio, 3)) },
      { name: 'log_gradient_at_T', label: 'log ‖∂h(T)/∂h(0)‖',
        format: (m) => (m.log_gradient_at_T == null ? 'press Measure' : `${formatSignificant(m.log_gradient_at_T, 3)} at T = ${m.gradient_horizon_T}`) },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.validation_loss === undefined) return 'Building the network…';
    const task = TASKS.find((option) => option.value === model.params.task)?.label ?? model.params.task;
    const { epsilon } = model.params;
    const parts = [`${task}, trials of ${model.params.trial_length} steps; ${model.params.hidden} units initialized ` +
      `${model.params.initialization}${model.params.initialization === 'qpta' ? '' : ` with gain ${model.params.gain}`}` +
      `${epsilon > 0 ? `, W perturbed by ε = ${epsilon}` : ''}.`];
    parts.push(m.steps === 0 ? 'Not trained yet:' : `After ${m.steps} steps:`);
    parts.push(`validation loss ${formatSignificant(m.validation_loss, 3)}` +
      `${m.accuracy == null ? '' : `, accuracy ${formatFixed(m.accuracy * 100, 0)}%`}.`);
    if (m.spectral_radius != null) parts.push(`Spectral radius ${formatSignificant(m.spectral_radius, 3)}.`);
    if (m.max_lyapunov != null) {
      const kind = m.max_lyapunov > ZERO_EXPONENT_TOLERANCE ? 'chaotic (positive)'
        : m.max_lyapunov < -ZERO_EXPONENT_TOLERANCE ? 'contracting (negative)' : 'marginal (zero)';
      parts.push(`Largest Lyapunov exponent ${formatSignificant(m.max_lyapunov, 2)} per step, ${kind}; ` +
        `${m.zero_lyapunov_count} exponents near zero.`);
    }
    if (m.gradient_ratio != null) {
      parts.push(`The learning signal reaching the first step is ${formatSignificant(m.gradient_ratio * 100, 2)}% of its peak.`);
    }
    if (model.job) parts.push(`${model.job.label} in progress.`);
    return parts.join(' ');
  }

  render() {
    const model = this.model;
    this.#renderJob();
    const others = this.movedRunButtons.map((button) => (button === this.ui.play
      ? 'Train continuously trains in small steps until you pause it'
      : `${button.textContent} trains ${model.stepsPerPress} steps at once`));
    this.trainHelp.textContent = `Train runs ${model.params.train_steps} steps (Steps per Train press) with progress and Stop` +
      `${others.length ? `; ${others.join('; ')}` : ''}. Each continues the same network.`;
    if (model.measures.validation_loss === undefined) return;
    // Only the plots whose data changed are drawn again (while training, the loss curve), and
    // at most two per frame, so that no frame does much work on the main thread.
    this.#drawBudget = 2;
    const trainingTotal = model.job?.label === 'Training' ? model.job.total : 0;
    this.#drawIfChanged('loss', `${model.losses.length} ${model.liveLosses.length} ${model.validationLosses.length} ${trainingTotal} ${model.previousRun?.losses.length}`, () => this.#drawLoss());
    this.#drawIfChanged('trial', model.trial, () => this.#drawTrial());
    this.#drawIfChanged('gradient', `${model.hiddenGradients.length}:${model.hiddenGradients[0]} ${model.initialGradients?.[0]} ${model.previousRun?.initialGradients?.[0]}`,
      () => this.#drawGradient());
    this.#drawIfChanged('eigenvalues', model.eigenvalues, () => this.#drawEigenvalues());
    this.#drawIfChanged('lyapunov', model.exponents, () => this.#drawLyapunov());
    this.#drawIfChanged('pca', model.pca, () => this.#drawPca());
    this.#drawIfChanged('persistence', model.persistence, () => this.#drawPersistence());
  }

  // The training toolbar: which buttons work now, and the running job's progress.
  #renderJob() {
    const model = this.model;
    const job = model.job;
    this.trainButton.disabled = Boolean(job);
    this.measureButton.disabled = Boolean(job);
    this.saveButton.disabled = Boolean(job);
    this.stopButton.disabled = !job;
    if (job) {
      this.progressBar.max = job.total;
      this.progressBar.value = job.done;
      this.progressText.textContent = job.label === 'Training'
        ? `Training: ${job.done} of ${job.total} steps, loss ${formatSignificant(model.measures.loss, 3)}`
        : `${job.label}: ${formatFixed(job.done * 100, 0)}%`;
    } else if (model.stopped) {
      this.progressBar.value = 0;
      const { steps } = model.measures;
      const older = model.analysesStale && model.analysedSteps != null && model.analysedSteps !== steps
        ? `; the Lyapunov spectrum and fixed points shown are of step ${model.analysedSteps}` : '';
      this.progressText.textContent = `Stopped (${model.stopped.label.toLowerCase()}) after ${steps ?? 0} steps${older}`;
    } else {
      this.progressBar.value = 0;
      this.progressText.textContent = model.measures.steps == null ? 'Idle' : `Idle after ${model.measures.steps} steps`;
    }
    this.progressText.dataset.state = job ? 'running' : model.stopped ? 'stopped' : 'idle';
  }

  #drawn = new Map();
  #drawBudget = 0;

  #drawIfChanged(name, key, draw) {
    if (this.#drawn.has(name) && this.#drawn.get(name) === key) return;
    if (this.#drawBudget <= 0) {
      this.invalidate();
      return;
    }
    this.#drawBudget -= 1;
    this.#drawn.set(name, key);
    draw();
  }

  #drawLoss() {
    const model = this.model;
    const xs = [];
    const ys = [];
    model.losses.forEach((loss, i) => {
      xs.push(i + 1);
      ys.push(finiteLog10(loss));
    });
    for (const { step, loss } of model.liveLosses) {
      if (step > xs.length) {
        xs.push(step);
        ys.push(finiteLog10(loss));
      }
    }
    const vx = model.validationLosses.map((point) => point.step);
    const vy = model.validationLosses.map((point) => finiteLog10(point.loss));
    const previous = model.previousRun;
    const m = model.measures;
    const px = previous ? Array.from(previous.losses, (_, i) => i + 1) : [];
    const py = previous ? Array.from(previous.losses, finiteLog10) : [];
    const total = Math.max(10, xs.at(-1) ?? 0, vx.at(-1) ?? 0, px.length,
      model.job?.label === 'Training' ? model.losses.length + model.job.total : 0);
    const [y0, y1] = rangeOf([...ys, ...vy, ...py], [-3, 0]);
    this.plots.loss.draw({
      xRange: [0, total], yRange: [y0, y1], xLabel: 'training step', yLabel: 'log₁₀ loss',
      layers: [
        { type: 'line', xs: px, ys: py, color: 'var(--series-6)', width: 1.2, dash: [2, 3] },
        { type: 'line', xs, ys, color: 'var(--series-0)', width: 1.5 },
        { type: 'line', xs: vx, ys: vy, color: 'var(--series-1)', width: 2 },
        { type: 'points', xs: vx.slice(-1), ys: vy.slice(-1), color: 'var(--series-1)', radius: 3.5 },
      ],
    });
    this.previousKey.textContent = previous
      ? `previous run (${previous.label}): ${previous.losses.length} steps, validation loss ${formatSignificant(m.previous_validation_loss, 3)}`
      : 'previous run (none yet)';
    this.plots.loss.canvas.setAttribute('aria-label', `Loss curve: ${m.steps} steps trained, training loss ` +
      `${formatSignificant(m.loss, 3)}, validation loss ${formatSignificant(m.validation_loss, 3)}` +
      `${previous ? `; dotted: the previous run (${previous.label}), final loss ${formatSignificant(previous.losses.at(-1), 3)}` : ''}.`);
  }

  #drawTrial() {
    const trial = this.model.trial;
    if (!trial) return;
    const { steps, outputCount, outputs, targets, mask } = trial;
    const layers = [];
    const all = [];
    const xs = Array.from({ length: steps }, (_, t) => t + 1);
    for (let o = 0; o < Math.min(outputCount, OUTPUT_COLORS.length); o++) {
      const target = xs.map((_, t) => (mask[t] > 0 ? targets[t * outputCount + o] : NaN));
      const output = xs.map((_, t) => outputs[t * outputCount + o]);
      all.push(...target, ...output);
      layers.push({ type: 'line', xs, ys: target, color: 'var(--series-6)', width: 2.5, dash: [5, 3] });
      layers.push({ type: 'line', xs, ys: output, color: OUTPUT_COLORS[o], width: 1.8 });
    }
    this.plots.trial.draw({ xRange: [0, steps + 1], yRange: rangeOf(all), xLabel: 'step in the trial', yLabel: 'output', layers });
    this.plots.trial.canvas.setAttribute('aria-label', `Validation trial of ${steps} steps: ${outputCount} output` +
      `${outputCount > 1 ? 's' : ''} against the target, scored on ${mask.filter((v) => v > 0).length} steps.`);
  }

  #drawGradient() {
    const model = this.model;
    const norms = model.hiddenGradients;
    const initial = model.initialGradients ?? [];
    const previous = model.previousRun?.initialGradients ?? [];
    const steps = Math.max(model.trial?.steps ?? model.params.trial_length, previous.length);
    const curve = (values) => ({ xs: Array.from(values, (_, t) => t + 1), ys: Array.from(values, finiteLog10) });
    const now = curve(norms);
    const untrained = curve(initial);
    const before = curve(previous);
    const layers = [
      { type: 'line', ...before, color: 'var(--series-6)', width: 1.2, dash: [2, 3] },
      { type: 'line', ...untrained, color: 'var(--series-1)', width: 1.5, dash: [5, 3] },
      { type: 'line', ...now, color: 'var(--series-0)', width: 2 },
    ];
    if (!norms.length && !initial.length) layers.push({ type: 'text', x: steps * 0.05 + 0.5, y: 0, text: 'Train a step to see the learning signal', color: 'var(--series-6)' });
    this.plots.gradient.draw({ xRange: [0, steps + 1], yRange: rangeOf([...now.ys, ...untrained.ys, ...before.ys], [-1, 1]),
      xLabel: 'step t in the trial', yLabel: 'log₁₀ ‖∂L/∂hₜ‖', layers });
    const m = model.measures;
    const parts = [];
    if (initial.length) parts.push(`untrained network (dashed): at the first step ${formatSignificant(m.initial_gradient_ratio, 3)} of its peak`);
    if (norms.length) parts.push(`last training step (solid): ${formatSignificant(m.gradient_ratio, 3)} of its peak`);
    if (previous.length) parts.push(`previous run untrained (dotted): ${formatSignificant(m.previous_initial_gradient_ratio, 3)}`);
    this.plots.gradient.canvas.setAttribute('aria-label', parts.length
      ? `Learning signal ‖∂L/∂hₜ‖ against time in the trial, log scale; ${parts.join('; ')}.`
      : 'Learning signal: not measured yet.');
  }

  #drawEigenvalues() {
    const values = this.model.eigenvalues;
    if (!values) {
      if (this.model.params.initialization === 'lstm') {
        this.plots.eigenvalues.draw({ xRange: [-1.1, 1.1], yRange: [-1.1, 1.1], equalAspect: true, xLabel: 'Re λ', yLabel: 'Im λ', layers: [] });
        this.plots.eigenvalues.canvas.setAttribute('aria-label', 'Eigenvalues of W: an LSTM has no square recurrent matrix W (its W maps N units to 3N gates), so there are none to show.');
      }
      return;
    }
    const radius = Math.max(1.1, this.model.measures.spectral_radius * 1.1);
    this.plots.eigenvalues.draw({
      xRange: [-radius, radius], yRange: [-radius, radius], equalAspect: true, xLabel: 'Re λ', yLabel: 'Im λ',
      layers: [
        { type: 'circle', cx: 0, cy: 0, r: 1, color: 'var(--series-6)', dash: [4, 3] },
        { type: 'points', xs: Array.from(values.real), ys: Array.from(values.imag), color: 'var(--series-0)', radius: 2.5 },
      ],
    });
    this.plots.eigenvalues.canvas.setAttribute('aria-label', `Eigenvalues of W on the complex plane: ${values.real.length} ` +
      `eigenvalues, spectral radius ${formatSignificant(this.model.measures.spectral_radius, 4)}; the dashed circle is |λ| = 1.`);
  }

  #drawLyapunov() {
    const exponents = this.model.exponents;
    if (!exponents) return;
    const xs = exponents.map((_, i) => i + 1);
    const [y0, y1] = rangeOf([...exponents, 0.01, -0.01]);
    this.plots.lyapunov.draw({
      xRange: [0, exponents.length + 1], yRange: [y0, y1], xLabel: 'index i', yLabel: 'λ_i per step',
      layers: [
        { type: 'hline', y: 0, color: 'var(--series-6)', dash: [4, 3] },
        { type: 'points', xs, ys: exponents, color: 'var(--series-3)', radius: 3 },
      ],
    });
    const m = this.model.measures;
    this.plots.lyapunov.canvas.setAttribute('aria-label', `Lyapunov spectrum of ${exponents.length} exponents: largest ` +
      `${formatSignificant(m.max_lyapunov, 3)} per step, ${m.zero_lyapunov_count} with |λ| below ${ZERO_EXPONENT_TOLERANCE}.`);
  }

  #drawPca() {
    const pca = this.model.pca;
    if (!pca) return;
    const stable = pca.points.filter((p) => p.stable);
    const unstable = pca.points.filter((p) => !p.stable);
    const xRange = rangeOf([...pca.xs, ...pca.points.map((p) => p.x)], [-1, 1]);
    const yRange = rangeOf([...pca.ys, ...pca.points.map((p) => p.y)], [-1, 1]);
    const percent = (i) => (pca.explained[i] == null ? '' : ` (${formatFixed(pca.explained[i] * 100, 0)}%)`);
    this.plots.pca.draw({
      xRange, yRange, xLabel: `PC1${percent(0)}`, yLabel: `PC2${percent(1)}`,
      layers: [
        { type: 'line', xs: pca.xs, ys: pca.ys, color: 'var(--series-0)', width: 1.5 },
        { type: 'points', xs: [pca.xs[0]], ys: [pca.ys[0]], color: 'var(--series-0)', radius: 4, hollow: true },
        { type: 'points', xs: stable.map((p) => p.x), ys: stable.map((p) => p.y), color: 'var(--series-1)', radius: 5 },
        { type: 'points', xs: unstable.map((p) => p.x), ys: unstable.map((p) => p.y), color: 'var(--series-1)', radius: 5, hollow: true },
      ],
    });
    this.plots.pca.canvas.setAttribute('aria-label', `Autonomous trajectory from the end of the validation trial on its ` +
      `first two principal components; ${stable.length} stable and ${unstable.length} unstable fixed points.`);
  }

  #drawPersistence() {
    const persistence = this.model.persistence;
    if (!persistence) {
      this.plots.persistence.draw({ xRange: [0, 500], yRange: [-5, 5], xLabel: 'horizon T (steps)', yLabel: 'log ‖∂h(T)/∂h(0)‖',
        layers: [{ type: 'text', x: 20, y: 0, text: 'Press Measure', color: 'var(--series-6)' }] });
      return;
    }
    const { steps, logNorms, horizon } = persistence;
    this.plots.persistence.draw({
      xRange: [0, horizon], yRange: rangeOf([...logNorms, 0]), xLabel: 'horizon T (steps)', yLabel: 'log ‖∂h(T)/∂h(0)‖',
      layers: [
        { type: 'hline', y: 0, color: 'var(--series-6)', dash: [4, 3] },
        { type: 'line', xs: steps, ys: logNorms, color: 'var(--series-4)', width: 2 },
      ],
    });
    this.plots.persistence.canvas.setAttribute('aria-label', `Gradient persistence: log ‖∂h(T)/∂h(0)‖ is ` +
      `${formatSignificant(logNorms.at(-1), 3)} at T = ${steps.at(-1)}.`);
  }

  #showTrialCursor(t) {
    const trial = this.model.trial;
    if (t === null || !trial) {
      this.cursorText.textContent = '';
      return;
    }
    const step = Math.min(trial.steps, Math.max(1, Math.round(t)));
    const i = step - 1;
    const outputs = Array.from({ length: trial.outputCount }, (_, o) => formatSignificant(trial.outputs[i * trial.outputCount + o], 3));
    const targets = Array.from({ length: trial.outputCount }, (_, o) => formatSignificant(trial.targets[i * trial.outputCount + o], 3));
    const gradient = this.model.hiddenGradients[i];
    this.cursorText.textContent = `step ${step}: output ${outputs.join(', ')}; target ${trial.mask[i] > 0 ? targets.join(', ') : 'not scored'}; ` +
      `|dL/dh_t| ${gradient === undefined ? MISSING : formatSignificant(gradient, 3)}`;
  }

  async #saveCheckpoint() {
    const text = await this.model.checkpoint();
    downloadBlob(new Blob([text], { type: 'application/json' }), `rnn-trainer-checkpoint-step${this.model.measures.steps}.json`);
    this.checkpointMessage.textContent = `Saved the network after ${this.model.measures.steps} steps.`;
  }

  async #loadCheckpoint() {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    const text = await file.text();
    this.fileInput.value = '';
    this.checkpointMessage.textContent = `Loading ${file.name}…`;
    const stepsBefore = this.model.measures.steps;
    const ok = await this.model.loadCheckpoint(text);
    this.checkpointMessage.textContent = ok
      ? `Loaded ${file.name}: ${this.model.measures.steps} steps trained.`
      : `Could not load ${file.name}: ${this.model.error} The network after ${stepsBefore} steps is still here.`;
    if (ok) {
      this.dispatchEvent(new CustomEvent('statechange', { bubbles: true, composed: true,
        detail: { widget: this.widgetName, query: this.query, params: { ...this.model.params } } }));
    }
  }

  figures() {
    return Object.entries(this.#createPlots()).map(([name, figure]) => ({ name, figure }));
  }

  exportData() {
    const model = this.model;
    const rows = Array.from(model.losses, (loss, i) => [i + 1, loss, null]);
    for (const { step, loss } of model.validationLosses) {
      if (step >= 1 && rows[step - 1]) rows[step - 1][2] = loss;
    }
    const trial = model.trial;
    return {
      columns: ['step', 'training_loss', 'validation_loss'],
      rows,
      json: {
        losses: Array.from(model.losses),
        validation_losses: model.validationLosses,
        hidden_gradient_norms: Array.from(model.hiddenGradients),
        initial_gradient_norms: model.initialGradients ? Array.from(model.initialGradients) : null,
        eigenvalues: model.eigenvalues ? { real: Array.from(model.eigenvalues.real), imag: Array.from(model.eigenvalues.imag) } : null,
        lyapunov_exponents: model.exponents,
        lyapunov_zero_tolerance: ZERO_EXPONENT_TOLERANCE,
        validation_trial: trial ? { steps: trial.steps, outputs: Array.from(trial.outputs), targets: Array.from(trial.targets), mask: Array.from(trial.mask) } : null,
        gradient_persistence: model.persistence,
      },
    };
  }
}

customElements.define('al-rnn-trainer', RnnTrainerWidget);
