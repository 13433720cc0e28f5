// <al-force-lms>: FORCE against LMS, one trial at a time (Beer & Barak 2019). Each trial stores one
// value c (memory) or one frequency (pattern generation) in the readout of a rate network with
// feedback; after every trial each value trained so far is checked. Under LMS each update moves
// the output at the earlier values' states too, and earlier fixed points are destroyed.
import { CursorGroup, Figure } from '../../plot/figure.js';
import { h } from '../../ui/dom.js';
import { formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { ForceLmsModel } from './model.js';
import { forceLmsSchema } from './schema.js';

const DT = 0.001;  // the rate network's time step (s)
// Trials one press of "Run trials" runs: enough for several epochs of the small-η regime.
export const RUN_TRIALS = 100;
const ruleName = (rule) => (rule === 'force' ? 'FORCE' : 'LMS');
const significant = (value, digits = 3) => (value == null ? MISSING : formatSignificant(value, digits));

class ForceLmsWidget extends LabWidget {
  static schema = forceLmsSchema;
  static Model = ForceLmsModel;

  buildView(view) {
    const cell = (title, canvas, legend) => h('figure', { class: 'al-plot-cell' }, [h('figcaption', { text: title }), canvas, legend]);
    const canvases = {};
    for (const name of ['trial', 'survival', 'fixed', 'interference']) canvases[name] = h('canvas', { class: 'al-plot al-plot-small' });
    this.trialCursor = new CursorGroup();
    this.survivalCursor = new CursorGroup();
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    this.trialFigure = new Figure(canvases.trial, { label: 'Output and target during the last trial',
      cursor: this.trialCursor, onCursor: (t) => this.#showTrialCursor(t) });
    this.survivalFigure = new Figure(canvases.survival, { label: 'Which values survived after each trial',
      cursor: this.survivalCursor, onCursor: (k) => this.#showSurvivalCursor(k) });
    this.fixedFigure = new Figure(canvases.fixed, { label: 'Stored values against the fixed points found' });
    this.interferenceFigure = new Figure(canvases.interference, { label: 'Interference against state correlation' });
    this.progressText = h('p', { class: 'al-cursor', 'data-role': 'trial-status', 'aria-live': 'off' });
    this.runButton = h('button', { type: 'button', class: 'al-primary', text: `Run ${RUN_TRIALS} trials`, 'data-control': 'run-trials',
      title: `Run ${RUN_TRIALS} trials one after the other (Stop ends the run after the trial in progress)` });
    this.stopButton = h('button', { type: 'button', text: 'Stop', 'data-control': 'stop-trials', disabled: true });
    this.runProgress = h('progress', { max: 1, value: 0, 'aria-label': `Progress of the run of ${RUN_TRIALS} trials` });
    this.runButton.addEventListener('click', () => this.#runTrials());
    this.stopButton.addEventListener('click', () => this.abort?.abort());
    this.fixedCaption = h('figcaption');
    this.fixedLegend = h('p', { class: 'al-legend' });
    view.append(
      h('div', { class: 'al-progress' }, [this.runButton, this.stopButton, this.runProgress]),
      this.progressText,
      h('div', { class: 'al-plot-grid' }, [
        cell('Last trial: output z and target', canvases.trial, h('p', { class: 'al-legend' }, [
          h('span', { class: 'al-key al-key-0', text: 'output z' }),
          h('span', { class: 'al-key al-key-1 al-key-dashed', text: 'target' }),
        ])),
        cell('After each trial: which values survive', canvases.survival, h('p', { class: 'al-legend' }, [
          h('span', { class: 'al-key al-key-2', text: 'survived (filled)' }),
          h('span', { class: 'al-key al-key-1', text: 'destroyed (ring)' }),
          h('span', { class: 'al-key al-key-6', text: 'trained in that trial (small dot)' }),
        ])),
        h('figure', { class: 'al-plot-cell' }, [this.fixedCaption, canvases.fixed, this.fixedLegend]),
        cell('Interference of the last update at earlier states', canvases.interference, h('p', { class: 'al-legend' }, [
          h('span', { class: 'al-key al-key-5', text: 'every trial so far' }),
          h('span', { class: 'al-key al-key-1', text: 'last trial' }),
        ])),
      ]),
      this.cursorText,
    );
    this.ui.step.title = 'Run one trial';
  }

  async #runTrials() {
    this.abort = new AbortController();
    this.runButton.disabled = true;
    this.stopButton.disabled = false;
    this.runProgress.value = 0;
    this.runUntilTrial = (this.model.measures.trial ?? 0) + RUN_TRIALS;
    await this.model.runTrials(RUN_TRIALS, {
      signal: this.abort.signal,
      onProgress: (fraction) => {
        this.runProgress.value = fraction;
      },
    });
    this.runUntilTrial = null;
    this.runButton.disabled = false;
    this.stopButton.disabled = true;
    this.invalidate();
  }

  onResize() {
    for (const { figure } of this.figures()) figure.fit();
  }

  figures() {
    return [
      { name: 'trial', figure: this.trialFigure },
      { name: 'survival', figure: this.survivalFigure },
      { name: 'fixed-points', figure: this.fixedFigure },
      { name: 'interference', figure: this.interferenceFigure },
    ];
  }

  readouts() {
    return [
      { name: 'trial', label: 'Trial', format: (m) => (m.trial == null ? MISSING : String(m.trial)) },
      { name: 'trials_to_criterion', label: 'Trials to criterion', title: 'First trial after which every value survived',
        format: (m) => (m.trials_to_criterion == null ? 'not yet' : String(m.trials_to_criterion)) },
      { name: 'values_survived', label: 'Values surviving',
        format: (m) => (m.values_stored ? `${m.values_survived} of ${m.values_stored} trained (${m.values} in all)` : `0 of ${m.values ?? MISSING}`) },
      { name: 'fixed_point_survivors', label: 'With an attracting fixed point', title: 'Trained values with an attracting fixed point z* within 0.1',
        format: (m) => (m.fixed_point_survivors == null ? MISSING : String(m.fixed_point_survivors)) },
      { name: 'last_trial_error', label: 'Last trial: RMS error', format: (m) => significant(m.last_trial_error) },
      { name: 'mean_output_change', label: 'Interference mean |Δz|', title: 'Mean output change the last update made at earlier values’ states',
        format: (m) => significant(m.mean_output_change) },
      { name: 'mean_output_change_all_trials', label: 'Interference, run mean', title: 'Mean |Δz| over every update so far at the earlier values’ states',
        format: (m) => significant(m.mean_output_change_all_trials) },
      { name: 'mean_state_correlation_all_trials', label: 'State correlation, run mean', title: 'Mean correlation of r_n and r_m over the same pairs (and its mean absolute value)',
        format: (m) => (m.mean_state_correlation_all_trials == null ? MISSING :
          `${formatFixed(m.mean_state_correlation_all_trials, 2)} (|·| ${formatFixed(m.mean_abs_state_correlation_all_trials, 2)})`) },
      { name: 'readout_norm', label: 'Readout |w|', format: (m) => significant(m.readout_norm) },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.trial === undefined) return 'Building the network…';
    const p = model.params;
    const rule = p.rule === 'force' ? 'FORCE' : `LMS (η = ${formatSignificant(p.eta, 2)})`;
    // The ends of the interval as short as they are exact (0.5, not 0.500).
    const end = (v) => String(Number(v.toFixed(4))).replace('-', '−');
    const interval = p.task === 'memory' ? `, values in [${end(p.center - p.spread)}, ${end(p.center + p.spread)}]` : '';
    const head = `${rule} on the ${p.task === 'memory' ? 'memory' : 'pattern-generation'} task${interval}, N = ${p.n}, g = ${p.g}, ${p.order} order.`;
    if (!m.trial) return `${head} No trial yet: press Step to train one ${p.task === 'memory' ? 'value' : 'level'}.`;
    const criterion = m.trials_to_criterion == null ? 'the criterion is not reached yet' : `the criterion was reached at trial ${m.trials_to_criterion}`;
    const interference = m.mean_output_change == null ? '' : ` The last update moved the output at earlier states by ${formatSignificant(m.mean_output_change, 2)} on average.`;
    return `${head} After ${m.trial} trial${m.trial === 1 ? '' : 's'} ${m.values_survived} of ${m.values_stored} trained values survive; ${criterion}.${interference}`;
  }

  render() {
    const model = this.model;
    const m = model.measures;
    if (m.trial === undefined) return;
    const of = this.runUntilTrial ? ` of ${this.runUntilTrial}` : '';
    this.progressText.textContent = model.running ? `Running trial ${m.trial + 1}${of}…` :
      `${ruleName(model.params.rule)}: ${m.trial} trial${m.trial === 1 ? '' : 's'} run` +
      (m.trials_to_criterion == null ? '' : `; criterion reached at trial ${m.trials_to_criterion}`);
    this.#drawTrial();
    this.#drawSurvival();
    if (model.isMemory) this.#drawFixedPoints(); else this.#drawLimitCycles();
    this.#drawInterference();
  }

  #drawTrial() {
    const { outputs, targets } = this.model;
    const xs = outputs.map((_, t) => (t + 1) * DT);
    let low = -1.2;
    let high = 1.2;
    for (const v of [...outputs, ...targets]) if (Number.isFinite(v)) { low = Math.min(low, v); high = Math.max(high, v); }
    this.trialFigure.draw({
      xRange: [0, Math.max(1, xs.length * DT)], yRange: [low, high], xLabel: 'time in the learning phase (s)', yLabel: 'z',
      layers: [
        { type: 'line', xs, ys: targets, color: 'var(--series-1)', width: 1.5, dash: [6, 4] },
        { type: 'line', xs, ys: outputs, color: 'var(--series-0)', width: 2 },
      ],
    });
    const m = this.model.measures;
    this.trialFigure.canvas.setAttribute('aria-label', m.trial ?
      `Output and target during trial ${m.trial}: target ${formatFixed(m.last_value, 3)}, RMS error ${significant(m.last_trial_error)}.` :
      'Output and target: no trial yet.');
  }

  #drawSurvival() {
    const { survivalHistory, values } = this.model;
    const alive = { xs: [], ys: [] };
    const dead = { xs: [], ys: [] };
    const trained = { xs: [], ys: [] };
    for (const { trial, value, survived } of survivalHistory) {
      survived.forEach((s, i) => {
        if (s === 1) { alive.xs.push(trial); alive.ys.push(values[i]); }
        if (s === 0) { dead.xs.push(trial); dead.ys.push(values[i]); }
      });
      trained.xs.push(trial);
      trained.ys.push(value);
    }
    const trials = Math.max(8, survivalHistory.length);
    this.survivalFigure.draw({
      xRange: [0.5, trials + 0.5], yRange: [-1.2, 1.2], xLabel: 'trial',
      yLabel: this.model.isMemory ? 'value c' : 'input level',
      layers: [
        { type: 'points', ...alive, color: 'var(--series-2)', radius: 4.5 },
        { type: 'points', ...dead, color: 'var(--series-1)', radius: 4.5, hollow: true },
        { type: 'points', ...trained, color: 'var(--series-6)', radius: 1.8 },
      ],
    });
    const m = this.model.measures;
    this.survivalFigure.canvas.setAttribute('aria-label', `Survival of each value after each of ${survivalHistory.length} trials; ` +
      `now ${m.values_survived} of ${m.values_stored} trained values survive.`);
  }

  #drawFixedPoints() {
    const { values, recalled, fixedPointList } = this.model;
    this.fixedCaption.textContent = 'Stored values c against the fixed points z* found';
    this.fixedLegend.replaceChildren(
      h('span', { class: 'al-key al-key-4', text: 'attracting fixed point z*' }),
      h('span', { class: 'al-key al-key-4 al-key-dashed', text: 'other fixed or slow point' }),
      h('span', { class: 'al-key al-key-0', text: 'z after the free run from c' }),
      h('span', { class: 'al-key al-key-6 al-key-dotted', text: 'z = c' }),
    );
    const layers = [{ type: 'line', xs: [-1.2, 1.2], ys: [-1.2, 1.2], color: 'var(--series-6)', width: 1, dash: [2, 4] }];
    for (const point of fixedPointList) {
      if (!Number.isFinite(point.z) || Math.abs(point.z) > 1.5) continue;
      const attracting = point.fixed && (point.stability === 'stable' || point.stability === 'marginal');
      layers.push({ type: 'hline', y: point.z, color: 'var(--series-4)', width: attracting ? 1.5 : 1, dash: attracting ? [] : [5, 4] });
    }
    const xs = [];
    const ys = [];
    recalled.forEach((z, i) => {
      if (Number.isFinite(z)) { xs.push(values[i]); ys.push(Math.max(-1.45, Math.min(1.45, z))); }
    });
    layers.push({ type: 'points', xs, ys, color: 'var(--series-0)', radius: 4 });
    const m = this.model.measures;
    const note = this.model.searchesFixedPoints ? null : this.model.params.fixed_points ? 'Fixed points are not searched above N = 300' : 'Fixed points are not searched (the setting is off)';
    if (note) layers.push({ type: 'text', x: -1.1, y: 1.3, text: note });
    this.fixedFigure.draw({ xRange: [-1.2, 1.2], yRange: [-1.5, 1.5], xLabel: 'stored value c', yLabel: 'z', layers });
    this.fixedFigure.canvas.setAttribute('aria-label', note ? `${note}.` :
      `${m.fixed_points} fixed points found, ${m.attracting_fixed_points} attracting; ${m.fixed_point_survivors} trained values have one within 0.1.`);
  }

  #drawLimitCycles() {
    const cycles = this.model.limitCycleList;
    this.fixedCaption.textContent = 'Target frequency against the frequency of the free-running cycle';
    this.fixedLegend.replaceChildren(
      h('span', { class: 'al-key al-key-1', text: 'target frequency' }),
      h('span', { class: 'al-key al-key-2', text: 'measured, survived' }),
      h('span', { class: 'al-key al-key-0', text: 'measured, lost' }),
    );
    const target = { xs: [], ys: [] };
    const kept = { xs: [], ys: [] };
    const lost = { xs: [], ys: [] };
    let top = 10;
    for (const cycle of cycles) {
      target.xs.push(cycle.level);
      target.ys.push(cycle.targetFrequency);
      top = Math.max(top, cycle.targetFrequency * 1.3);
      if (cycle.frequency != null && Number.isFinite(cycle.frequency)) {
        const series = cycle.survived ? kept : lost;
        series.xs.push(cycle.level);
        series.ys.push(Math.min(cycle.frequency, top));
      }
    }
    this.fixedFigure.draw({
      xRange: [-1.2, 1.2], yRange: [0, top], xLabel: 'input level', yLabel: 'frequency (Hz)',
      layers: [
        { type: 'points', ...target, color: 'var(--series-1)', radius: 6, hollow: true },
        { type: 'points', ...lost, color: 'var(--series-0)', radius: 3.5 },
        { type: 'points', ...kept, color: 'var(--series-2)', radius: 3.5 },
      ],
    });
    this.fixedFigure.canvas.setAttribute('aria-label', `Frequencies of ${cycles.length} trained levels; ${kept.xs.length} keep their target frequency.`);
  }

  #drawInterference() {
    const { interference, lastInterference, isMemory } = this.model;
    const toPoints = (list) => ({ xs: list.map((e) => e.correlation), ys: list.map((e) => Math.log10(Math.max(1e-8, Math.abs(e.change)))) });
    let low = -5;
    let high = 0;
    for (const e of interference) {
      const y = Math.log10(Math.max(1e-8, Math.abs(e.change)));
      low = Math.min(low, Math.floor(y));
      high = Math.max(high, Math.ceil(y));
    }
    const layers = [
      { type: 'points', ...toPoints(interference), color: 'var(--series-5)', radius: 2.5 },
      { type: 'points', ...toPoints(lastInterference), color: 'var(--series-1)', radius: 4 },
    ];
    if (!isMemory) layers.push({ type: 'text', x: -0.9, y: (low + high) / 2, text: 'Measured on the memory task only' });
    this.interferenceFigure.draw({
      xRange: [-1, 1], yRange: [low, high], xLabel: 'correlation of the states r_n, r_m', yLabel: 'log₁₀ |Δz| at earlier state',
      layers,
    });
    const m = this.model.measures;
    this.interferenceFigure.canvas.setAttribute('aria-label', m.mean_output_change == null ? 'Interference: no earlier values yet.' :
      `Interference: the last update moved the output at ${lastInterference.length} earlier states by ${formatSignificant(m.mean_output_change, 2)} on average.`);
  }

  #showTrialCursor(t) {
    const { outputs, targets } = this.model;
    if (t === null || !outputs.length) {
      this.cursorText.textContent = '';
      return;
    }
    const i = Math.max(0, Math.min(outputs.length - 1, Math.round(t / DT) - 1));
    this.cursorText.textContent = `t = ${formatFixed((i + 1) * DT, 3)} s: z = ${formatFixed(outputs[i], 4)}, target ${formatFixed(targets[i], 4)}`;
  }

  #showSurvivalCursor(k) {
    const { survivalHistory, values } = this.model;
    if (k === null || !survivalHistory.length) {
      this.cursorText.textContent = '';
      return;
    }
    const entry = survivalHistory[Math.max(0, Math.min(survivalHistory.length - 1, Math.round(k) - 1))];
    const alive = values.filter((_, i) => entry.survived[i] === 1).map((v) => formatFixed(v, 2));
    const dead = values.filter((_, i) => entry.survived[i] === 0).map((v) => formatFixed(v, 2));
    this.cursorText.textContent = `After trial ${entry.trial} (trained ${formatFixed(entry.value, 2)}): survived ${alive.join(', ') || 'none'}; ` +
      `destroyed ${dead.join(', ') || 'none'}.`;
  }

  exportData() {
    const { survivalHistory, values, interference, outputs, targets } = this.model;
    const columns = ['trial', 'trained_value', ...values.map((v) => `survived_c_${v.toFixed(3)}`)];
    const rows = survivalHistory.map((e) => [e.trial, e.value, ...e.survived.map((s) => (Number.isFinite(s) ? s : null))]);
    return {
      columns,
      rows,
      json: {
        values,
        survival: survivalHistory.map((e) => ({ trial: e.trial, value: e.value, survived: e.survived.map((s) => (Number.isFinite(s) ? s === 1 : null)) })),
        interference,
        fixed_points: this.model.fixedPointList,
        limit_cycles: this.model.limitCycleList,
        last_trial: { dt_s: DT, outputs, targets },
      },
    };
  }
}

customElements.define('al-force-lms', ForceLmsWidget);
