// <al-hd-duel>: the ring integrator and the two-oscillator integrator receive the same head
// turns, the same state noise and the same weight perturbation; which one still points the
// right way after a minute?
import { CursorGroup, Figure } from '../../plot/figure.js';
import { addDescription, h, uniqueId } from '../../ui/dom.js';
import { formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { HdDuelModel, SCAN_DELTA_OMEGAS, SCAN_EPSILONS } from './model.js';
import { hdDuelSchema } from './schema.js';

const RUN_SECONDS = 60;
const LOCKED_COLOR = [46, 110, 170];
const DRIFTING_COLOR = [222, 222, 222];
// Plain decimals as the sliders show them (0.135, not 0.135000 or 1.35e-1).
const plain = (value) => String(Number(value.toPrecision(3)));
const radiansPerSecond = (value) => (value === null || value === undefined ? MISSING : `${formatSignificant(value, 3)} rad/s`);
const degrees = (value) => (value === null || value === undefined ? MISSING : `${formatFixed(value, 1)}°`);

// Splits a wrapped-angle series into segments where it jumps across 0/360 (or has no value), one
// line layer each, so the plot draws no vertical line at a wrap.
function wrappedLines(times, angles, style) {
  const layers = [];
  let xs = [];
  let ys = [];
  const flush = () => {
    if (xs.length > 1) layers.push({ type: 'line', xs, ys, ...style });
    xs = [];
    ys = [];
  };
  for (let i = 0; i < times.length; i++) {
    if (angles[i] === null) {
      flush();
      continue;
    }
    if (ys.length && Math.abs(angles[i] - ys.at(-1)) > 180) flush();
    xs.push(times[i]);
    ys.push(angles[i]);
  }
  flush();
  return layers;
}

class HdDuelWidget extends LabWidget {
  static schema = hdDuelSchema;
  static Model = HdDuelModel;

  buildView(view) {
    this.cursor = new CursorGroup();
    const onCursor = (t) => this.#showCursor(t);
    const headingCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    const errorCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    this.headings = new Figure(headingCanvas, { label: 'True and decoded headings over time', cursor: this.cursor, onCursor });
    this.errors = new Figure(errorCanvas, { label: 'Heading error of each integrator over time', cursor: this.cursor, onCursor });
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    this.runButton = h('button', { type: 'button', class: 'al-primary', text: `Run to ${RUN_SECONDS} s`, 'data-control': 'run' });
    this.stopButton = h('button', { type: 'button', text: 'Stop', 'data-control': 'stop', disabled: true });
    this.progress = h('progress', { max: 1, value: 0, 'aria-label': `Progress of the run to ${RUN_SECONDS} s` });
    this.runButton.addEventListener('click', () => this.#runMinute());
    // Play, Step and Run to 60 s all advance the same duel: one text says how they differ, and
    // each of them points to it.
    const runHelpId = `${uniqueId('hd-duel')}-run-help`;
    this.runHelp = h('p', { class: 'al-help', id: runHelpId,
      text: `Play runs the duel as you watch and Step advances it a little; Run to ${RUN_SECONDS} s computes the rest of the minute at full speed and then shows it (Stop ends it early). All three continue the same run.` });
    for (const button of [this.ui.play, this.ui.step, this.runButton]) addDescription(button, runHelpId);
    const mapCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    this.tongueMap = new Figure(mapCanvas, { label: 'Tongue map: locked or drifting phase difference by frequency difference and perturbation' });
    this.scanButton = h('button', { type: 'button', text: 'Map the tongue', 'data-control': 'scan' });
    this.scanProgress = h('progress', { max: 1, value: 0, 'aria-label': 'Progress of the tongue map' });
    this.scanStatus = h('p', { class: 'al-cursor', 'aria-live': 'polite', 'data-role': 'scan-status' });
    this.scanButton.addEventListener('click', () => this.#scan());
    this.stopButton.addEventListener('click', () => this.abort?.abort());
    view.append(
      headingCanvas,
      h('p', { class: 'al-legend' }, [
        h('span', { class: 'al-key al-key-6 al-key-dashed', text: 'true heading' }),
        h('span', { class: 'al-key al-key-0', text: 'ring (bump angle)' }),
        h('span', { class: 'al-key al-key-1', text: 'oscillators (phase difference)' }),
      ]),
      errorCanvas,
      h('p', { class: 'al-legend' }, [
        h('span', { class: 'al-key al-key-0', text: 'ring error' }),
        h('span', { class: 'al-key al-key-1', text: 'oscillator error' }),
      ]),
      this.cursorText,
      h('div', { class: 'al-progress' }, [this.runButton, this.stopButton, this.progress]),
      this.runHelp,
      mapCanvas,
      h('p', { class: 'al-legend' }, [
        ...[[LOCKED_COLOR, 'locked'], [DRIFTING_COLOR, 'drifting']].map(([[r, g, b], text]) =>
          h('span', { class: 'al-swatch-key' }, [h('span', { class: 'al-swatch', style: `background: rgb(${r} ${g} ${b})` }), text])),
        h('span', { class: 'al-key al-key-6', text: 'your setting (Δω, ε)' }),
      ]),
      h('div', { class: 'al-progress' }, [this.scanButton, this.scanProgress]),
      this.scanStatus,
    );
  }

  // The tongue map runs in the worker cell by cell; Stop keeps the measured cells for a resume.
  async #scan() {
    this.model.pause();
    this.abort = new AbortController();
    this.runButton.disabled = true;
    this.scanButton.disabled = true;
    this.stopButton.disabled = false;
    this.scanStatus.textContent = 'Mapping the tongue…';
    let finished = false;
    try {
      finished = await this.model.scanTongue({
        signal: this.abort.signal,
        onProgress: (fraction) => {
          this.scanProgress.value = fraction;
        },
      });
    } catch (error) {
      this.scanStatus.textContent = `The tongue map stopped: ${error.message}`;
      finished = null;
    }
    if (finished !== null) {
      const m = this.model.measures;
      this.scanStatus.textContent = finished
        ? `Tongue map done: ${m.map_cells_locked} of ${m.map_cells_measured} cells locked.`
        : `Tongue map stopped after ${m.map_cells_measured} cells; Map the tongue resumes it.`;
    }
    this.runButton.disabled = false;
    this.scanButton.disabled = false;
    this.stopButton.disabled = true;
    this.invalidate();
  }

  async #runMinute() {
    this.model.pause();
    this.abort = new AbortController();
    this.scanButton.disabled = true;
    this.runButton.disabled = true;
    this.stopButton.disabled = false;
    this.progress.value = 0;
    const target = Math.max(RUN_SECONDS, Math.ceil(((this.model.measures.time_s ?? 0) + 1e-9) / RUN_SECONDS) * RUN_SECONDS);
    await this.model.runUntil(target, {
      signal: this.abort.signal,
      onProgress: (fraction) => {
        this.progress.value = fraction;
      },
    });
    this.runButton.disabled = false;
    this.scanButton.disabled = false;
    this.stopButton.disabled = true;
    this.invalidate();
  }

  onResize() {
    this.headings.fit();
    this.errors.fit();
    this.tongueMap.fit();
  }

  readouts() {
    return [
      { name: 'true_heading_deg', label: 'True heading', format: (m) => degrees(m.true_heading_deg) },
      { name: 'ring_heading_deg', label: 'Ring says', format: (m) => degrees(m.ring_heading_deg) },
      { name: 'oscillator_heading_deg', label: 'Oscillators say', format: (m) => degrees(m.oscillator_heading_deg) },
      { name: 'ring_error_deg', label: 'Ring error', format: (m) => degrees(m.ring_error_deg) },
      { name: 'oscillator_error_deg', label: 'Oscillator error', format: (m) => degrees(m.oscillator_error_deg) },
      { name: 'ring_rms_error_deg', label: 'Ring rms error', format: (m) => degrees(m.ring_rms_error_deg) },
      { name: 'oscillator_rms_error_deg', label: 'Oscillator rms error', format: (m) => degrees(m.oscillator_rms_error_deg) },
      { name: 'oscillator_drift_rad_per_s', label: 'Oscillator drift (mean)', format: (m) => radiansPerSecond(m.oscillator_drift_rad_per_s) },
      { name: 'oscillator_recent_drift_rad_per_s', label: 'Oscillator drift (last 10 s)', format: (m) => radiansPerSecond(m.oscillator_recent_drift_rad_per_s) },
      { name: 'oscillator_locked', label: 'Phase difference', format: (m) => (m.oscillator_locked === null || m.oscillator_locked === undefined ? MISSING : m.oscillator_locked ? 'locked (at rest)' : 'drifting') },
      { name: 'oscillator_phase_slips', label: 'Phase slips', format: (m) => (m.oscillator_phase_slips === undefined ? MISSING : `${m.oscillator_phase_slips} turns`) },
      { name: 'tongue_gap_rad_per_s', label: 'Runs at rest, this ε', format: (m) => this.#tongueSummary(m) },
      { name: 'velocity_deg_per_s', label: 'Turning now', format: (m) => (m.velocity_deg_per_s === undefined ? MISSING : `${formatSignificant(m.velocity_deg_per_s, 3)} °/s`) },
      { name: 'time_s', label: 'Time', format: (m) => (m.time_s === undefined ? MISSING : `${formatFixed(m.time_s, 1)} s`) },
    ];
  }

  // The runs at rest at the current perturbation, and the narrowest locked/drifting gap.
  #tongueSummary(m) {
    const runs = this.model.tongueRuns;
    if (!runs.length) return 'none yet';
    const list = (locked) => runs.filter((run) => run.locked === locked).map((run) => plain(run.deltaOmega)).join(', ') || MISSING;
    const gap = m.tongue_gap_rad_per_s === null || m.tongue_gap_rad_per_s === undefined ? '' : `; edge within ${plain(m.tongue_gap_rad_per_s)} rad/s`;
    return `locked at Δω = ${list(true)}; drifted at ${list(false)}${gap}`;
  }

  describe() {
    const m = this.model.measures;
    if (m.time_s === undefined) return 'Starting both integrators…';
    const profile = hdDuelSchema.params.profile.options.find((option) => option.value === this.model.params.profile).label.toLowerCase();
    const detuning = m.delta_omega ? `, Δω = ${plain(m.delta_omega)} rad/s` : '';
    const conditions = `ε = ${formatSignificant(m.epsilon, 3)}${detuning}, noise ${formatSignificant(m.noise, 3)}`;
    if (m.time_s === 0) return `Both integrators start at heading 0 (${profile}; ${conditions}). Press Play or run to ${RUN_SECONDS} s.`;
    const ring = m.ring_error_deg === null ? 'the ring has lost its bump' : `the ring is ${formatFixed(m.ring_error_deg, 1)} degrees off`;
    let verdict = 'Both are equally close.';
    if (m.ring_error_deg !== null && Math.abs(m.ring_error_deg - m.oscillator_error_deg) >= 0.5) {
      verdict = m.ring_error_deg < m.oscillator_error_deg ? 'The ring points closer to the truth.' : 'The oscillators point closer to the truth.';
    }
    return `After ${formatFixed(m.time_s, 1)} s (${profile}; ${conditions}) the true heading is ${formatFixed(m.true_heading_deg, 0)} degrees: ` +
      `${ring}, the oscillators ${formatFixed(m.oscillator_error_deg, 1)} degrees. ${verdict}${this.#slipText(m)}`;
  }

  #slipText(m) {
    if (!m.oscillator_phase_slips) return '';
    return ` The oscillators' phase difference has slipped ${Math.abs(m.oscillator_phase_slips)} whole turn${Math.abs(m.oscillator_phase_slips) === 1 ? '' : 's'}.`;
  }

  render() {
    const m = this.model.measures;
    if (m.time_s === undefined) return;
    this.#drawTongueMap();
    const hist = this.model.history;
    const x1 = Math.max(RUN_SECONDS, Math.ceil(m.time_s / 10) * 10);
    const x0 = Math.max(0, x1 - 600);
    this.headings.draw({
      xRange: [x0, x1], yRange: [0, 360], yTickStep: 90, xLabel: 'time (s)', yLabel: 'heading (°)',
      layers: [
        ...wrappedLines(hist.times, hist.truth, { color: 'var(--series-6)', width: 3, dash: [6, 4] }),
        ...wrappedLines(hist.times, hist.ring, { color: 'var(--series-0)', width: 1.75 }),
        ...wrappedLines(hist.times, hist.oscillator, { color: 'var(--series-1)', width: 1.75 }),
      ],
    });
    let largest = 5;
    for (let i = 0; i < hist.times.length; i++) largest = Math.max(largest, hist.ringError[i] ?? 0, hist.oscillatorError[i]);
    this.errors.draw({
      xRange: [x0, x1], yRange: [0, Math.min(180, largest * 1.1)], xLabel: 'time (s)', yLabel: '|error| (°)',
      layers: [
        { type: 'line', xs: hist.times, ys: hist.ringError.map((v) => v ?? NaN), color: 'var(--series-0)', width: 2 },
        { type: 'line', xs: hist.times, ys: hist.oscillatorError, color: 'var(--series-1)', width: 2 },
      ],
    });
    this.headings.canvas.setAttribute('aria-label', `Headings over time: true ${degrees(m.true_heading_deg)}, ring ${degrees(m.ring_heading_deg)}, ` +
      `oscillators ${degrees(m.oscillator_heading_deg)} at ${formatFixed(m.time_s, 1)} s.`);
    this.errors.canvas.setAttribute('aria-label', `Heading errors over time: ring ${degrees(m.ring_error_deg)}, oscillators ${degrees(m.oscillator_error_deg)} ` +
      `at ${formatFixed(m.time_s, 1)} s; rms ${degrees(m.ring_rms_error_deg)} and ${degrees(m.oscillator_rms_error_deg)}.`);
  }

  #drawTongueMap() {
    const map = this.model.tongueMap;
    const cols = SCAN_DELTA_OMEGAS.length;
    const rows = SCAN_EPSILONS.length;
    const dx = SCAN_DELTA_OMEGAS[1] - SCAN_DELTA_OMEGAS[0];
    const dy = SCAN_EPSILONS[1] - SCAN_EPSILONS[0];
    const xRange = [SCAN_DELTA_OMEGAS[0] - dx / 2, SCAN_DELTA_OMEGAS[cols - 1] + dx / 2];
    const yRange = [SCAN_EPSILONS[0] - dy / 2, SCAN_EPSILONS[rows - 1] + dy / 2];
    const values = map ? map.locked.map((cell) => (cell === null ? NaN : cell ? 1 : 0)) : new Array(cols * rows).fill(NaN);
    const p = this.model.params;
    this.tongueMap.draw({
      xRange, yRange, xLabel: 'frequency difference Δω (rad/s)', yLabel: 'perturbation ε',
      layers: [
        { type: 'heatmap', values, rows, cols, xRange, yRange, colorOf: (v) => (v === 1 ? LOCKED_COLOR : DRIFTING_COLOR) },
        { type: 'points', xs: [p.delta_omega], ys: [p.epsilon], color: 'var(--series-6)', radius: 6, hollow: true },
      ],
    });
    this.tongueMap.canvas.setAttribute('aria-label', this.#tongueMapText());
  }

  // The map in words: per perturbation, the range of frequency differences that locked.
  #tongueMapText() {
    const map = this.model.tongueMap;
    if (!map) return 'Tongue map: not measured yet (press Map the tongue).';
    const rows = SCAN_EPSILONS.map((epsilon, r) => {
      const cells = map.locked.slice(r * SCAN_DELTA_OMEGAS.length, (r + 1) * SCAN_DELTA_OMEGAS.length);
      if (cells.some((cell) => cell === null)) return null;
      const locked = SCAN_DELTA_OMEGAS.filter((_, c) => cells[c]);
      return `ε ${epsilon}: ${locked.length ? `locked from Δω = ${plain(locked[0])} to ${plain(locked.at(-1))} rad/s` : 'nothing locked'}`;
    }).filter(Boolean);
    return `Tongue map at perturbation seed ${map.seed}${rows.length ? `; ${rows.join('; ')}` : ': no complete row yet'}.`;
  }

  figures() {
    return [{ name: 'headings', figure: this.headings }, { name: 'errors', figure: this.errors }, { name: 'tongue', figure: this.tongueMap }];
  }

  exportData() {
    const hist = this.model.history;
    return {
      columns: ['time_s', 'true_heading_deg', 'ring_heading_deg', 'oscillator_heading_deg', 'ring_error_deg', 'oscillator_error_deg'],
      rows: hist.times.map((t, i) => [t, hist.truth[i], hist.ring[i], hist.oscillator[i], hist.ringError[i], hist.oscillatorError[i]]),
    };
  }

  #showCursor(t) {
    if (t === null) {
      this.cursorText.textContent = '';
      return;
    }
    const hist = this.model.history;
    let i = hist.times.findIndex((time) => time >= t);
    if (i < 0) i = hist.times.length - 1;
    this.cursorText.textContent = i < 0 ? `t = ${formatFixed(t, 2)} s` :
      `t = ${formatFixed(hist.times[i], 2)} s: true ${degrees(hist.truth[i])}, ring ${degrees(hist.ring[i])} ` +
      `(error ${degrees(hist.ringError[i])}), oscillators ${degrees(hist.oscillator[i])} (error ${degrees(hist.oscillatorError[i])})`;
  }
}

customElements.define('al-hd-duel', HdDuelWidget);
