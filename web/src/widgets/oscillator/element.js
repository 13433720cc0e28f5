// <al-oscillator>: a limit cycle or a torus, perturbed beside an unperturbed copy: the attractor
// persists and only its frequency (and so its phase) moves.
import { CursorGroup, Figure } from '../../plot/figure.js';
import { h } from '../../ui/dom.js';
import { formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { OscillatorModel } from './model.js';
import { oscillatorSchema } from './schema.js';

const zeroExponents = (count) => `${count} zero Lyapunov exponent${count === 1 ? '' : 's'}`;
const yesNo = (value) => (value === null || value === undefined ? 'settling…' : value ? 'yes' : 'no');

function extent(arrays, pad = 0.1, minimum = 0.1) {
  let low = Infinity;
  let high = -Infinity;
  for (const values of arrays) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  if (!Number.isFinite(low)) return [-1, 1];
  const span = Math.max(minimum, high - low);
  return [low - span * pad, high + span * pad];
}

class OscillatorWidget extends LabWidget {
  static schema = oscillatorSchema;
  static Model = OscillatorModel;

  // The figures exist before the view is built, since the base lists them for its export menu.
  #ensureFigures() {
    if (this.portrait) return;
    const canvas = (cls, name) => h('canvas', { class: `al-plot ${cls}`, 'data-figure': name });
    this.cursor = new CursorGroup();
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    this.portrait = new Figure(canvas('al-plot-square', 'portrait'), { label: 'Phase portrait' });
    this.sectionFigure = new Figure(canvas('al-plot-square', 'section'), { label: 'Poincaré section' });
    const onCursor = (t) => this.#showCursor(t);
    this.series = new Figure(canvas('al-plot-small', 'series'), { label: 'Time series', cursor: this.cursor, onCursor });
    this.phaseFigure = new Figure(canvas('al-plot-small', 'phase'), { label: 'Phase difference', cursor: this.cursor, onCursor });
    this.rotationFigure = new Figure(canvas('al-plot-small', 'rotation'), { label: 'Rotation-number shift per block' });
  }

  buildView(view) {
    this.#ensureFigures();
    this.lyapunovButton = h('button', { type: 'button', class: 'al-primary', text: 'Lyapunov spectrum', 'data-control': 'lyapunov',
      title: 'Compute the Lyapunov spectrum of the perturbed model and count its zero exponents' });
    this.lyapunovButton.addEventListener('click', () => this.model.runLyapunov());
    this.stopButton = h('button', { type: 'button', text: 'Stop', 'data-control': 'lyapunov-stop', disabled: true });
    this.stopButton.addEventListener('click', () => this.model.stopLyapunov());
    this.progress = h('progress', { max: 1, value: 0, 'aria-label': 'Lyapunov spectrum progress' });
    this.progressText = h('span', { 'aria-live': 'polite', text: '' });
    this.model.addEventListener('change', (event) => {
      if (event.detail.reason === 'lyapunov') this.#updateLyapunovControls();
    });

    this.panels = {
      portrait: h('figure', { class: 'al-panel' }, [this.portrait.canvas,
        h('figcaption', { class: 'al-legend' }, [h('span', { class: 'al-key al-key-0', text: 'perturbed' }),
          h('span', { class: 'al-key al-key-1', text: 'reference, ε = 0' })])]),
      section: h('figure', { class: 'al-panel' }, [this.sectionFigure.canvas,
        h('figcaption', { class: 'al-legend' }, [h('span', { class: 'al-key al-key-0', text: 'section, perturbed' }),
          h('span', { class: 'al-key al-key-1 al-key-dotted', text: 'section, reference' })])]),
      series: h('figure', { class: 'al-panel al-panel-wide' }, [this.series.canvas]),
      phase: h('figure', { class: 'al-panel al-panel-wide' }, [this.phaseFigure.canvas]),
      rotation: h('figure', { class: 'al-panel al-panel-wide' }, [this.rotationFigure.canvas]),
    };
    view.append(
      h('div', { class: 'al-panels' }, Object.values(this.panels)),
      this.cursorText,
      h('div', { class: 'al-progress' }, [this.lyapunovButton, this.stopButton, this.progress, this.progressText]),
    );
  }

  onResize() {
    for (const { figure } of this.figures()) figure.fit();
  }

  readouts() {
    const torus = () => this.model?.isTorus;
    return [
      { name: 'attractor_persists', label: 'Attractor persists', format: (m) => yesNo(m.attractor_persists) },
      { name: 'amplitude', label: 'Amplitude (mean radius)', format: (m) => formatSignificant(m.amplitude, 5) },
      { name: 'amplitude_reference', label: '  at ε = 0', format: (m) => formatSignificant(m.amplitude_reference, 5) },
      { name: 'frequency_hz', label: 'Frequency / rotation number', title: 'Hz for the oscillator; turns per step (mean over blocks) for the torus',
        format: (m) => (torus() ? formatSignificant(m.rotation_number_mean, 6) : m.frequency_hz == null ? MISSING : `${formatSignificant(m.frequency_hz, 6)} Hz`) },
      { name: 'frequency_shift', label: 'Frequency shift vs ε = 0', title: 'Oscillator: Hz, signed. Torus: mean |shift| of the rotation numbers, turns per step',
        format: (m) => (m.frequency_shift == null ? MISSING : `${formatSignificant(m.frequency_shift, 3)}${torus() ? '' : ' Hz'}`) },
      { name: 'relative_frequency_shift', label: 'Relative shift', format: (m) => (m.relative_frequency_shift == null ? MISSING : `${formatSignificant(100 * m.relative_frequency_shift, 3)} %`) },
      { name: 'phase_difference_rad', label: 'Phase moved', title: 'Perturbed minus reference phase (observed block for the torus)',
        format: (m) => (m.phase_difference_rad == null ? MISSING : `${formatFixed(m.phase_difference_rad, 3)} rad`) },
      { name: 'zero_lyapunov_count', label: 'Zero Lyapunov exponents', format: (m) => (m.zero_lyapunov_count == null ? 'not computed' : String(m.zero_lyapunov_count)) },
      { name: 'lyapunov_gap', label: 'Nearest non-zero |λ|', format: (m) => formatSignificant(m.lyapunov_gap, 3) },
      { name: 'epsilon', label: 'ε', format: (m) => formatSignificant(m.epsilon, 3) },
      { name: 'time_s', label: 'Time', format: (m) => (torus() ? `${m.time_steps ?? 0} steps` : `${formatFixed(m.time_s, 2)} s`) },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.time_s === undefined) return 'Starting the model…';
    const what = model.isTorus ? `A torus network of ${model.params.blocks} rotation blocks` : 'A Stuart-Landau oscillator';
    const perturbation = m.epsilon === 0 ? 'with unperturbed weights' : `with weights perturbed by ε = ${m.epsilon}`;
    if (!m.measuring) return `${what} ${perturbation}, settling onto its attractor.`;
    const persists = m.attractor_persists ? 'The attractor persists' : 'The attractor is gone';
    const amplitude = `mean radius ${formatSignificant(m.amplitude, 4)} (${formatSignificant(m.amplitude_reference, 4)} at ε = 0)`;
    const frequency = model.isTorus
      ? `rotation numbers moved by ${formatSignificant(m.rotation_number_shift_mean_abs, 2)} turns per step on average`
      : `frequency ${formatSignificant(m.frequency_hz, 5)} Hz, shifted by ${formatSignificant(m.frequency_shift_hz, 2)} Hz`;
    const zeros = m.zero_lyapunov_count == null ? '' : ` ${zeroExponents(m.zero_lyapunov_count)}.`;
    return `${what} ${perturbation}. ${persists}: ${amplitude}; ${frequency}; the phase has moved ` +
      `${formatFixed(m.phase_difference_rad, 2)} rad from the unperturbed run.${zeros}`;
  }

  render() {
    const model = this.model;
    const m = model.measures;
    if (m.time_s === undefined) return;
    const torus = model.isTorus;
    this.#showModelControls(torus);
    this.panels.section.hidden = !torus;
    this.panels.rotation.hidden = !torus;
    this.#drawPortrait(torus);
    if (torus) {
      this.#drawSection();
      this.#drawRotation();
    }
    this.#drawSeries(torus);
    this.#updateLyapunovControls();
  }

  #showModelControls(torus) {
    const groups = { 'Stuart-Landau': !torus, 'Torus network': torus };
    for (const fieldset of this.querySelectorAll('.al-controls fieldset')) {
      const legend = fieldset.querySelector('legend')?.textContent;
      if (legend in groups) this.setPanelHidden(fieldset, !groups[legend]);
    }
  }

  #drawPortrait(torus) {
    const { main, reference } = this.model;
    const [x0, x1] = extent([main.trail.xs, reference.trail.xs, [0]]);
    const [y0, y1] = extent([main.trail.ys, reference.trail.ys, [0]]);
    const what = torus ? `block ${this.model.params.observed_block}` : 'the oscillator';
    this.portrait.draw({
      xRange: [x0, x1], yRange: [y0, y1], equalAspect: true, xLabel: torus ? `x of ${what}` : 'x', yLabel: torus ? `y of ${what}` : 'y',
      layers: [
        { type: 'line', xs: reference.trail.xs, ys: reference.trail.ys, color: 'var(--series-1)', width: 1.5 },
        { type: 'line', xs: main.trail.xs, ys: main.trail.ys, color: 'var(--series-0)', width: 2 },
      ],
    });
    const m = this.model.measures;
    this.portrait.canvas.setAttribute('aria-label', `Phase portrait of ${what}: the perturbed orbit (solid) over the unperturbed one (dashed). ` +
      `Mean radius ${formatSignificant(m.amplitude, 4)} against ${formatSignificant(m.amplitude_reference, 4)} at ε = 0.`);
  }

  #drawSection() {
    const { section, params, measures: m } = this.model;
    const split = (pairs) => ({ xs: pairs.filter((_, i) => i % 2 === 0), ys: pairs.filter((_, i) => i % 2 === 1) });
    const a = split(section.main);
    const b = split(section.reference);
    const [x0, x1] = extent([a.xs, b.xs, [0]]);
    const [y0, y1] = extent([a.ys, b.ys, [0]]);
    this.sectionFigure.draw({
      xRange: [x0, x1], yRange: [y0, y1], equalAspect: true,
      xLabel: `x of block ${params.observed_block}`, yLabel: `y, when block ${params.section_block} crosses 0`,
      layers: [
        { type: 'points', ...b, color: 'var(--series-1)', radius: 3.5, hollow: true },
        { type: 'points', ...a, color: 'var(--series-0)', radius: 1.8 },
      ],
    });
    this.sectionFigure.canvas.setAttribute('aria-label', `Poincaré section: block ${params.observed_block} each time block ` +
      `${params.section_block} crosses phase 0; ${m.section_points ?? 0} points, lying on a closed curve when the torus persists.`);
  }

  #drawRotation() {
    const { rotation, measures: m } = this.model;
    const shifts = rotation.main ? rotation.main.map((r, i) => r - rotation.reference[i]) : [];
    const xs = shifts.map((_, i) => i);
    // Before the first averages there is nothing to scale to: show a range of 1e-3 turns per step.
    const limit = shifts.length ? Math.max(1e-6, ...shifts.map(Math.abs)) * 1.15 : 1e-3;
    this.rotationFigure.draw({
      xRange: [-0.5, this.model.params.blocks - 0.5], yRange: [-limit, limit], xLabel: 'block', yLabel: 'Δ rotation number',
      layers: [
        { type: 'hline', y: 0, color: 'var(--series-6)', dash: [2, 4] },
        { type: 'points', xs, ys: shifts, color: 'var(--series-2)', radius: 3 },
      ],
    });
    this.rotationFigure.canvas.setAttribute('aria-label', `Shift of each block's rotation number against ε = 0: mean ` +
      `${formatSignificant(m.rotation_number_shift_mean_abs, 2)}, largest ${formatSignificant(m.rotation_number_shift_max_abs, 2)} turns per step.`);
  }

  #drawSeries(torus) {
    const { history, measures: m } = this.model;
    const now = m.time_s ?? 0;
    const span = history.x.windowSeconds;
    const x0 = Math.max(0, now - span);
    const xLabel = torus ? 'step' : 'time (s)';
    const [y0, y1] = extent([history.x.values, history.reference.values], 0.1, 0.5);
    this.series.draw({
      xRange: [x0, x0 + span], yRange: [y0, y1], xLabel, yLabel: torus ? `x of block ${this.model.params.observed_block}` : 'x',
      layers: [
        { type: 'line', xs: history.reference.times, ys: history.reference.values, color: 'var(--series-1)', width: 1.5 },
        { type: 'line', xs: history.x.times, ys: history.x.values, color: 'var(--series-0)', width: 2 },
      ],
    });
    const [p0, p1] = extent([history.phaseDifference.values, [0]], 0.1, 0.02);
    this.phaseFigure.draw({
      xRange: [x0, x0 + span], yRange: [p0, p1], xLabel, yLabel: 'phase moved (rad)',
      layers: [
        { type: 'hline', y: 0, color: 'var(--series-6)', dash: [2, 4] },
        { type: 'line', xs: history.phaseDifference.times, ys: history.phaseDifference.values, color: 'var(--series-3)', width: 2 },
      ],
    });
    this.series.canvas.setAttribute('aria-label', `Time series of x, perturbed (solid) and at ε = 0 (dashed), over the last ${span} ${torus ? 'steps' : 's'}.`);
    this.phaseFigure.canvas.setAttribute('aria-label', `Phase of the perturbed run minus the unperturbed one: now ${formatFixed(m.phase_difference_rad, 3)} rad.`);
  }

  #updateLyapunovControls() {
    const m = this.model.measures;
    const running = this.model.lyapunovRunning;
    this.lyapunovButton.disabled = running;
    this.stopButton.disabled = !running;
    this.progress.value = m.lyapunov_progress ?? (m.zero_lyapunov_count == null ? 0 : 1);
    this.progressText.textContent = running ? `${Math.round(100 * (m.lyapunov_progress ?? 0))} %`
      : m.zero_lyapunov_count == null ? '' : `${zeroExponents(m.zero_lyapunov_count)} (|λ| < ${formatSignificant(m.lyapunov_zero_tolerance, 2)})`;
  }

  figures() {
    this.#ensureFigures();
    const all = [{ name: 'portrait', figure: this.portrait }, { name: 'timeseries', figure: this.series },
      { name: 'phase', figure: this.phaseFigure }];
    return [...all, { name: 'section', figure: this.sectionFigure }, { name: 'rotation', figure: this.rotationFigure }];
  }

  exportData() {
    const { history, main, reference, rotation, lyapunovExponents } = this.model;
    const rows = history.x.times.map((t, i) => [t, history.x.values[i], history.reference.values[i] ?? null]);
    return {
      columns: ['time', 'x_perturbed', 'x_reference'],
      rows,
      json: {
        time_series: { time: history.x.times, x_perturbed: history.x.values, x_reference: history.reference.values },
        phase_difference: { time: history.phaseDifference.times, radians: history.phaseDifference.values },
        portrait: { perturbed: { x: main.trail.xs, y: main.trail.ys }, reference: { x: reference.trail.xs, y: reference.trail.ys } },
        rotation_numbers: rotation.main ? { perturbed: rotation.main, reference: rotation.reference } : null,
        lyapunov_exponents: lyapunovExponents,
      },
    };
  }

  #showCursor(t) {
    if (t === null) {
      this.cursorText.textContent = '';
      return;
    }
    const { history } = this.model;
    const near = (series) => {
      let best = -1;
      for (let i = 0; i < series.times.length; i++) if (best < 0 || Math.abs(series.times[i] - t) < Math.abs(series.times[best] - t)) best = i;
      return best;
    };
    const i = near(history.x);
    const j = near(history.phaseDifference);
    const unit = this.model.isTorus ? 'step ' : 't = ';
    this.cursorText.textContent = i < 0 ? '' : `${unit}${formatFixed(history.x.times[i], this.model.isTorus ? 0 : 3)}: x ${formatFixed(history.x.values[i], 4)} ` +
      `(ε = 0: ${formatFixed(history.reference.values[i], 4)})${j < 0 ? '' : `, phase moved ${formatFixed(history.phaseDifference.values[j], 4)} rad`}`;
  }
}

customElements.define('al-oscillator', OscillatorWidget);
