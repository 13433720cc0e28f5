// <al-wave-lattice>: a traveling-wave working memory. The input enters the start column, the wave
// carries it along the lattice, and the boundary rule writes it back: the kymograph shows the wave,
// the complex plane shows why it never fades (the step matrix's eigenvalues on the roots of unity),
// and an RNN trained on the same task is compared with the lattice, always beside the same network
// before training: its spectrum matched one to one with the lattice's, and its W in the
// input-grounded basis (Phi) beside the lattice's own.
import { CursorGroup, Figure } from '../../plot/figure.js';
import { h, uniqueId } from '../../ui/dom.js';
import { formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { HISTORY_STEPS, parseSequence, WaveLatticeModel } from './model.js';
import { RULES, waveSchema } from './schema.js';

const ruleLabel = (rule) => RULES.find((option) => option.value === rule)?.label ?? rule;

function rootsOfUnity(s) {
  const xs = [];
  const ys = [];
  for (let k = 0; k < s; k++) {
    xs.push(Math.cos((2 * Math.PI * k) / s));
    ys.push(Math.sin((2 * Math.PI * k) / s));
  }
  return { xs, ys };
}

// `theory` (re, im) replaces the s-th roots of unity as the hollow reference points.
function planeSpec(eigen, s, extraLayers = [], theory = null) {
  let extent = 1.25;
  for (let i = 0; i < eigen.re.length; i++) extent = Math.max(extent, Math.abs(eigen.re[i]) * 1.1, Math.abs(eigen.im[i]) * 1.1);
  return {
    xRange: [-extent, extent], yRange: [-extent, extent], equalAspect: true, xLabel: 'Re λ', yLabel: 'Im λ',
    layers: [
      { type: 'hline', y: 0, color: 'var(--series-6)' },
      { type: 'vline', x: 0, color: 'var(--series-6)' },
      { type: 'circle', cx: 0, cy: 0, r: 1, color: 'var(--series-6)', dash: [4, 3] },
      { type: 'points', ...(theory ? { xs: theory.re, ys: theory.im } : rootsOfUnity(s)), color: 'var(--series-1)', radius: 7, hollow: true },
      ...extraLayers,
      { type: 'points', xs: eigen.re, ys: eigen.im, color: 'var(--series-0)', radius: 3.5 },
    ],
  };
}

// Phi heatmaps share one fixed colour range, so that before, after and the lattice compare.
const PHI_RANGE = 1.5;

// A (s d) x (s d) column-major matrix as a heatmap in block units, row 0 at the top.
function phiSpec(phi, dims, lag) {
  const size = dims * lag;
  const values = new Float64Array(size * size).fill(NaN);
  if (phi) {
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) values[(size - 1 - r) * size + c] = phi[c * size + r];
    }
  }
  return {
    xRange: [0, lag], yRange: [0, lag], equalAspect: true, xLabel: 'block column', yLabel: 'block row',
    yTickFormat: (t) => String(lag - t), margin: { left: 44, bottom: 36 },
    layers: [{ type: 'heatmap', values, cols: size, rows: size, min: -PHI_RANGE, max: PHI_RANGE, colormap: 'diverging',
      xRange: [0, lag], yRange: [0, lag] }],
  };
}

// Where a Phi puts its weight, in words: the block superdiagonal (the shift), the boundary block
// column 0, and the rest, as shares of the squared norm.
function phiSummary(phi, dims, lag) {
  const size = dims * lag;
  let shift = 0;
  let boundary = 0;
  let total = 0;
  for (let c = 0; c < size; c++) {
    for (let r = 0; r < size; r++) {
      const v = phi[c * size + r] ** 2;
      if (!Number.isFinite(v)) continue;
      total += v;
      const blockRow = Math.floor(r / dims);
      const blockCol = Math.floor(c / dims);
      if (blockCol === 0) boundary += v;
      else if (blockRow === blockCol - 1) shift += v;
    }
  }
  if (!(total > 0)) return 'all zero';
  const percent = (x) => `${Math.round((100 * x) / total)}%`;
  return `${percent(shift)} of its squared weight on the block shift above the diagonal, ${percent(boundary)} in the boundary ` +
    `block column 0, ${percent(total - shift - boundary)} elsewhere`;
}

class WaveLatticeWidget extends LabWidget {
  static schema = waveSchema;
  static Model = WaveLatticeModel;

  buildView(view) {
    const id = uniqueId('wave');
    this.cursor = new CursorGroup();
    const kymoCanvas = h('canvas', { class: 'al-plot' });
    const outputCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    const planeCanvas = h('canvas', { class: 'al-plot al-plot-square' });
    this.kymograph = new Figure(kymoCanvas, { label: 'Kymograph of the lattice', cursor: this.cursor, onCursor: (t) => this.#showCursor(t) });
    this.outputFigure = new Figure(outputCanvas, { label: 'Output and target over time', cursor: this.cursor, onCursor: (t) => this.#showCursor(t) });
    this.plane = new Figure(planeCanvas, { label: 'Eigenvalues of the step matrix' });
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });

    this.inputField = h('input', { type: 'text', id: `${id}-input`, 'data-control': 'typed-input', 'aria-describedby': `${id}-input-error`,
      placeholder: '1 -1 1; -1 1 1; …', size: 40 });
    this.inputError = h('p', { class: 'al-control-error', id: `${id}-input-error`, role: 'status' });
    const useTyped = h('button', { type: 'button', text: 'Use this input', 'data-control': 'use-typed' });
    useTyped.addEventListener('click', () => this.#useTyped());
    this.inputField.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.#useTyped();
    });
    const useRandom = h('button', { type: 'button', text: 'Random ±1 input', 'data-control': 'use-random' });
    useRandom.addEventListener('click', () => {
      this.inputError.textContent = '';
      this.model.setTypedInput(null);
    });
    this.inputLabel = h('label', { for: this.inputField.id, text: 'Your own input' });

    this.trainButton = h('button', { type: 'button', class: 'al-primary', text: 'Train an RNN on this task', 'data-control': 'train-rnn' });
    this.trainButton.addEventListener('click', () => this.model.trainRnn());
    this.stopButton = h('button', { type: 'button', text: 'Stop training', 'data-control': 'stop-rnn', disabled: true });
    this.stopButton.addEventListener('click', () => this.model.stopRnn());
    this.rnnProgress = h('progress', { max: 1, value: 0, 'aria-label': 'Training progress' });
    this.rnnText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    const rnnCanvas = h('canvas', { class: 'al-plot al-plot-square' });
    this.rnnPlane = new Figure(rnnCanvas, { label: 'Eigenvalues of the trained RNN' });
    const phiFigure = (label) => {
      const canvas = h('canvas', { class: 'al-plot al-plot-square' });
      return { canvas, figure: new Figure(canvas, { label }) };
    };
    const phiBefore = phiFigure('Phi of the network before training');
    const phiAfter = phiFigure('Phi of the trained network');
    const phiLattice = phiFigure('Phi of the lattice');
    this.phiBefore = phiBefore.figure;
    this.phiAfter = phiAfter.figure;
    this.phiLattice = phiLattice.figure;
    this.phiText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    this.phiPanel = h('section', { class: 'al-phi-panel', 'data-compact-fold': '', 'aria-label': 'W in the input-grounded basis' }, [
      h('h4', { text: 'W in the input-grounded basis: Φ = pinv(Ψ) W Ψ' }),
      h('div', { class: 'al-plot-pair' }, [
        h('figure', {}, [phiBefore.canvas, h('figcaption', { text: 'Φ before training (the same network)' })]),
        h('figure', {}, [phiAfter.canvas, h('figcaption', { text: 'Φ after training' })]),
        h('figure', {}, [phiLattice.canvas, h('figcaption', { text: 'Φ of the lattice (theory)' })]),
      ]),
      h('p', { class: 'al-legend', text: `Colour: entry of Φ from −${PHI_RANGE} (blue) to +${PHI_RANGE} (red), clipped; ` +
        'blocks of d × d, counted from the top left. Ψ = [W^(s−1) U, …, W U, U] maps W to block b − 1 from block b for any W, ' +
        'so the shift above the diagonal is there before training too; what the task shapes is block column 0 (the boundary).' }),
      this.phiText,
    ]);
    this.rnnPanel = h('section', { class: 'al-rnn-panel', 'data-compact-fold': '', 'aria-label': 'An RNN trained on this task' }, [
      h('h4', { text: 'An RNN trained on this task' }),
      rnnCanvas,
      h('p', { class: 'al-legend' }, [
        h('span', { class: 'al-key al-key-0', text: 'eigenvalues of the trained W' }),
        h('span', { class: 'al-key al-key-6', text: 'the same W before training' }),
        h('span', { class: 'al-key al-key-1', text: 'the lattice’s nonzero eigenvalues (for repeat-copy the s-th roots of unity)' }),
      ]),
      h('div', { class: 'al-progress' }, [this.trainButton, this.stopButton, this.rnnProgress]),
      this.rnnText,
      h('p', { class: 'al-help', text: 'A bias-free tanh RNN learns the task from its input alone (Gaussian initial weights, Adam); ' +
        'its recurrent weights W are then compared with the lattice, and with the same network before training. ' +
        'Matched error: each of the lattice’s d·s eigenvalues (with multiplicity) is paired with its own eigenvalue of W ' +
        '(the pairing with the smallest total distance), and the mean distance |λ − μ| in the complex plane is shown; ' +
        'W’s other eigenvalues are left out. Unlike the angle, it counts moduli and multiplicities.' }),
    ]);

    view.append(
      kymoCanvas,
      h('p', { class: 'al-legend', text: 'Colour: activity of each lattice site (blue −, red +). Sites grouped by column; column 0 is written by the input, then by the boundary rule.' }),
      outputCanvas,
      h('p', { class: 'al-legend' }, [
        h('span', { class: 'al-key al-key-0', text: 'output xₜ, dimension 1' }),
        h('span', { class: 'al-key al-key-1 al-key-dashed', text: 'what the rule asks (for repeat-copy: the input s steps earlier)' }),
      ]),
      this.cursorText,
      h('div', { class: 'al-field' }, [this.inputLabel, this.inputField, useTyped, useRandom, this.inputError]),
      h('div', { class: 'al-plot-pair' }, [
        h('section', { 'aria-label': 'Spectrum of the lattice' }, [
          h('h4', { text: 'The lattice’s step matrix A' }),
          planeCanvas,
          h('p', { class: 'al-legend' }, [
            h('span', { class: 'al-key al-key-0', text: 'eigenvalues of A' }),
            h('span', { class: 'al-key al-key-1', text: 's-th roots of unity' }),
            h('span', { class: 'al-key al-key-6 al-key-dashed', text: 'unit circle' }),
          ]),
        ]),
        this.rnnPanel,
      ]),
      this.phiPanel,
    );
  }

  onResize() {
    for (const figure of [this.kymograph, this.outputFigure, this.plane, this.rnnPlane, this.phiBefore, this.phiAfter, this.phiLattice]) figure.fit();
  }

  readouts() {
    return [
      { name: 'time_step', label: 'Step t', format: (m) => (m.time_step == null ? MISSING : `${m.time_step} (${m.phase})`) },
      { name: 'rule', label: 'Rule', format: (m) => m.rule ?? MISSING },
      { name: 'recall_error', label: 'Recall error', title: 'Largest |xₜ − target| over the generated steps',
        format: (m) => (m.recall_error == null ? 'during input' : formatSignificant(m.recall_error, 3)) },
      { name: 'eigenvalue_count', label: 'Eigenvalues of A', format: (m) => (m.eigenvalue_count == null ? MISSING : String(m.eigenvalue_count)) },
      { name: 'spectral_radius', label: 'Spectral radius', format: (m) => formatFixed(m.spectral_radius, 4) },
      { name: 'roots_of_unity_error_deg', label: 'Angle to roots of unity', title: 'mean (largest), degrees',
        format: (m) => (m.roots_of_unity_error_deg == null ? MISSING : `${formatSignificant(m.roots_of_unity_error_deg, 3)}° (${formatSignificant(m.roots_of_unity_max_error_deg, 3)}°)`) },
      { name: 'rnn_roots_error_deg', label: 'Trained RNN: angle', title: "mean angle of the trained W's leading eigenvalues to the roots, degrees (untrained in brackets)",
        format: (m) => (m.rnn_roots_error_deg == null ? MISSING : `${formatSignificant(m.rnn_roots_error_deg, 3)}° (untrained ${formatSignificant(m.rnn_roots_error_deg_untrained, 3)}°)`) },
      { name: 'rnn_matched_error', label: 'Trained RNN: matched error', title: "mean |λ − μ| of W's eigenvalues paired one to one with the lattice's (the same network untrained in brackets)",
        format: (m) => (m.rnn_matched_error == null ? MISSING : `${formatSignificant(m.rnn_matched_error, 3)} (untrained ${formatSignificant(m.rnn_matched_error_untrained, 3)})`) },
      { name: 'rnn_loss', label: 'Trained RNN: loss', format: (m) => (m.rnn_loss == null ? MISSING : `${formatSignificant(m.rnn_loss, 3)} after ${m.rnn_steps} steps`) },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.time_step === undefined) return 'Starting the lattice…';
    const shape = `${m.s} columns by ${m.d} rows, ${ruleLabel(m.rule)}`;
    const phase = m.phase === 'input'
      ? `step ${m.time_step}: still reading the ${m.input_source === 'typed' ? 'typed' : 'random'} input (${m.s - m.time_step} columns left)`
      : `step ${m.time_step}: generating; largest recall error so far ${formatSignificant(m.recall_error, 3)}`;
    let text = `Wave lattice of ${shape}, ${phase}. The step matrix has ${m.eigenvalue_count} eigenvalues, spectral radius ` +
      `${formatFixed(m.spectral_radius, 3)}, on average ${formatSignificant(m.roots_of_unity_error_deg, 3)}° from the nearest ${m.s}-th root of unity.`;
    if (m.rnn_roots_error_deg != null) {
      text += ` The RNN trained for ${m.rnn_steps} steps has its leading eigenvalues ${formatSignificant(m.rnn_roots_error_deg, 3)}° from the roots ` +
        `(${formatSignificant(m.rnn_roots_error_deg_untrained, 3)}° before training)` + (m.rnn_matched_error == null ? '.'
          : `; matched one to one with the lattice's eigenvalues, they are on average ${formatSignificant(m.rnn_matched_error, 3)} away ` +
            `(${formatSignificant(m.rnn_matched_error_untrained, 3)} before training).`);
    }
    return text;
  }

  render() {
    const model = this.model;
    const m = model.measures;
    if (m.time_step === undefined) return;
    const { dims, lag } = model.params;
    this.inputLabel.textContent = `Your own input: ${lag} steps of ${dims} number${dims > 1 ? 's' : ''} each, steps separated by ";"`;
    if (document.activeElement !== this.inputField && model.typedInput) this.inputField.value = model.typedInput.text;

    // Kymograph: time across, lattice sites up (column k of the lattice, rows within it).
    const snapshots = model.snapshots;
    const sites = dims * lag;
    const now = Math.max(0, m.time_step - 1);
    const t0 = Math.max(0, now - HISTORY_STEPS + 1);
    const cols = HISTORY_STEPS;
    const values = new Float64Array(sites * cols).fill(NaN);
    let scale = 1e-12;
    for (const { t, lattice } of snapshots) {
      const c = t - t0;
      if (c < 0 || c >= cols) continue;
      for (let i = 0; i < sites; i++) {
        values[i * cols + c] = lattice[i];
        scale = Math.max(scale, Math.abs(lattice[i]));
      }
    }
    this.kymograph.draw({
      xRange: [t0 - 0.5, t0 + cols - 0.5], yRange: [0, lag], xLabel: 'time step t', yLabel: 'lattice column',
      layers: [
        { type: 'heatmap', values, cols, rows: sites, min: -scale, max: scale, colormap: 'diverging',
          xRange: [t0 - 0.5, t0 + cols - 0.5], yRange: [0, lag] },
        { type: 'vline', x: lag - 0.5, color: 'var(--series-6)', dash: [4, 3] },
      ],
    });
    this.kymograph.canvas.setAttribute('aria-label', `Kymograph of the lattice over the last ${cols} steps (now step ${m.time_step}); ` +
      `${m.phase === 'input' ? 'the input is still being written' : 'the boundary rule writes the start column'}.`);

    const times = [];
    const outputs = [];
    const targets = [];
    for (let t = t0; t < model.outputs.length; t++) {
      times.push(t);
      outputs.push(model.outputs[t][0]);
      const target = model.targetAt(t);
      targets.push(target ? target[0] : (model.inputs[t]?.[0] ?? null));
    }
    let low = -1;
    let high = 1;
    for (const v of [...outputs, ...targets]) {
      if (Number.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    this.outputFigure.draw({
      xRange: [t0 - 0.5, t0 + cols - 0.5], yRange: [low - 0.2, high + 0.2], xLabel: 'time step t', yLabel: 'x_t (dim 1)',
      layers: [
        { type: 'vline', x: lag - 0.5, color: 'var(--series-6)', dash: [4, 3] },
        { type: 'line', xs: times, ys: targets, color: 'var(--series-1)', width: 2, dash: [6, 4] },
        { type: 'points', xs: times, ys: outputs, color: 'var(--series-0)', radius: 3 },
      ],
    });
    this.outputFigure.canvas.setAttribute('aria-label', `Output of dimension 1 over time; largest recall error ${m.recall_error == null ? 'not yet measured' : formatSignificant(m.recall_error, 3)}.`);

    this.plane.draw(planeSpec(model.eigen, lag));
    this.plane.canvas.setAttribute('aria-label', `Complex plane: ${m.eigenvalue_count} eigenvalues of the step matrix, spectral radius ` +
      `${formatFixed(m.spectral_radius, 3)}, mean angle ${formatSignificant(m.roots_of_unity_error_deg, 3)} degrees from the ${lag}-th roots of unity.`);

    // The RNN panel.
    this.trainButton.disabled = !model.trainable || model.rnnTraining;
    this.stopButton.disabled = !model.rnnTraining;
    this.rnnProgress.value = model.rnnTraining ? model.rnnProgress : model.rnn ? 1 : 0;
    const rnn = model.rnn;
    if (!model.trainable) {
      this.rnnText.textContent = 'The Fibonacci rule has no training task; choose repeat-copy or lagged copy.';
    } else if (!rnn) {
      this.rnnText.textContent = `Not trained yet: ${model.params.rnn_hidden} hidden units, ${model.params.rnn_steps} steps per press.`;
    } else {
      this.rnnText.textContent = `${model.rnnTraining ? `Training… ${Math.round(100 * model.rnnProgress)}%, ` : ''}` +
        `${rnn.steps} steps trained, loss ${formatSignificant(rnn.loss, 3)}; the ${Math.min(rnn.hidden, dims * lag)} leading eigenvalues of W ` +
        `are ${formatSignificant(rnn.error.meanDegrees, 3)}° (largest ${formatSignificant(rnn.error.maxDegrees, 3)}°) from the ${lag}-th roots of unity ` +
        `(${formatSignificant(rnn.untrainedError, 3)}° before training).`;
    }
    if (rnn?.matched) {
      this.rnnText.textContent += ` Matched one to one with the lattice's ${model.taskModes} nonzero eigenvalues: mean distance ` +
        `${formatSignificant(rnn.matched.mean, 3)} (largest ${formatSignificant(rnn.matched.max, 3)}); the same network before training: ` +
        `${formatSignificant(rnn.untrained.matched.mean, 3)}.`;
    } else if (rnn) {
      this.rnnText.textContent += ` No matched error: the lattice has ${model.taskModes} nonzero eigenvalues and W only ${rnn.hidden}; ` +
        `pairing each with its own eigenvalue of W needs at least ${model.taskModes} hidden units.`;
    }
    // The same network before training, as hollow grey points under the trained ones.
    const untrained = rnn?.untrained && rnn.steps > 0
      ? [{ type: 'points', xs: rnn.untrained.eigen.re, ys: rnn.untrained.eigen.im, color: 'var(--series-6)', radius: 3, hollow: true }] : [];
    this.rnnPlane.draw(planeSpec(rnn?.eigen ?? { re: [], im: [] }, lag, untrained, model.taskSpectrum));
    this.rnnPlane.canvas.setAttribute('aria-label', rnn ? `Complex plane: the ${rnn.hidden} eigenvalues of the RNN's W after ${rnn.steps} ` +
      `training steps; mean angle ${formatSignificant(rnn.error.meanDegrees, 3)} degrees from the ${lag}-th roots of unity; matched error ` +
      `${formatSignificant(rnn.matched?.mean, 3)}` + (untrained.length ? `; the same W before training (matched error ` +
      `${formatSignificant(rnn.untrained.matched?.mean, 3)}) as hollow grey points.` : '.') : 'No RNN trained yet.');
    this.#renderPhi(rnn, dims, lag);
  }

  #renderPhi(rnn, dims, lag) {
    this.setPanelHidden(this.phiPanel, !this.model.trainable);
    const lattice = this.model.latticePhi;
    this.phiLattice.draw(phiSpec(lattice, dims, lag));
    this.phiLattice.canvas.setAttribute('aria-label', `Heatmap of the lattice's Φ, ${dims * lag} by ${dims * lag}: ${phiSummary(lattice, dims, lag)}.`);
    const before = rnn?.untrained?.phi ?? null;
    const after = rnn && rnn.steps > 0 ? rnn.phi : null;
    this.phiBefore.draw(phiSpec(before, dims, lag));
    this.phiAfter.draw(phiSpec(after, dims, lag));
    this.phiBefore.canvas.setAttribute('aria-label', before
      ? `Heatmap of Φ of the network before training: ${phiSummary(before, dims, lag)}; boundary fraction ${formatSignificant(rnn.untrained.boundaryFraction, 3)}.`
      : 'Φ of the network before training: no RNN yet.');
    this.phiAfter.canvas.setAttribute('aria-label', after
      ? `Heatmap of Φ after ${rnn.steps} training steps: ${phiSummary(after, dims, lag)}; boundary fraction ${formatSignificant(rnn.boundaryFraction, 3)}.`
      : 'Φ after training: not trained yet.');
    this.phiText.textContent = after
      ? `Boundary fraction (share of block column 0's weight where the lattice has its F_k; 1 for the lattice): ` +
        `${formatSignificant(rnn.boundaryFraction, 3)} after training, ${formatSignificant(rnn.untrained.boundaryFraction, 3)} before.`
      : 'Train an RNN to see its Φ beside the lattice’s.';
  }

  figures() {
    return [
      { name: 'kymograph', figure: this.kymograph },
      { name: 'output', figure: this.outputFigure },
      { name: 'eigenvalues', figure: this.plane },
      { name: 'rnn-eigenvalues', figure: this.rnnPlane },
      { name: 'phi-before-training', figure: this.phiBefore },
      { name: 'phi-trained', figure: this.phiAfter },
      { name: 'phi-lattice', figure: this.phiLattice },
    ];
  }

  exportData() {
    const model = this.model;
    const { dims } = model.params;
    const columns = ['t', ...Array.from({ length: dims }, (_, j) => `x_${j + 1}`), ...Array.from({ length: dims }, (_, j) => `target_${j + 1}`), 'error'];
    const rows = model.outputs.map((x, t) => {
      const target = model.targetAt(t) ?? new Array(dims).fill(null);
      return [t, ...x, ...target, model.errors[t]];
    });
    return {
      columns, rows,
      json: {
        columns, rows, inputs: model.inputs,
        eigenvalues: model.eigen,
        lattice_phi: model.latticePhi,
        rnn: model.rnn ? { steps: model.rnn.steps, loss: model.rnn.loss, eigenvalues: model.rnn.eigen, roots_error: model.rnn.error,
          untrained_roots_error_deg: model.rnn.untrainedError, matched_error: model.rnn.matched,
          phi: model.rnn.phi, boundary_fraction: model.rnn.boundaryFraction,
          untrained: { eigenvalues: model.rnn.untrained.eigen, matched_error: model.rnn.untrained.matched,
            phi: model.rnn.untrained.phi, boundary_fraction: model.rnn.untrained.boundaryFraction } } : null,
      },
    };
  }

  #useTyped() {
    const { dims, lag } = this.model.params;
    try {
      parseSequence(this.inputField.value, dims, lag);
    } catch (error) {
      this.inputError.textContent = `Input: ${error.message}.`;
      this.inputField.setAttribute('aria-invalid', 'true');
      return;
    }
    this.inputError.textContent = '';
    this.inputField.removeAttribute('aria-invalid');
    this.model.setTypedInput(this.inputField.value);
  }

  #showCursor(t) {
    if (t === null) {
      this.cursorText.textContent = '';
      return;
    }
    const step = Math.round(t);
    const x = this.model.outputs[step];
    if (!x) {
      this.cursorText.textContent = `t = ${step}`;
      return;
    }
    const target = this.model.targetAt(step);
    this.cursorText.textContent = `t = ${step}: xₜ = (${x.map((v) => formatSignificant(v, 3)).join(', ')})` +
      (target ? `, rule asks (${target.map((v) => formatSignificant(v, 3)).join(', ')})` : ', from the input');
  }
}

customElements.define('al-wave-lattice', WaveLatticeWidget);
