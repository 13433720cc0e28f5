// <al-robustness-arena>: predict which mechanism keeps information under the same weight
// perturbation and readout noise, then measure it: the decoded error of M stored memories and the
// learning signal along the manifold against the holding time T, for each chosen mechanism on one
// plot each (docs/robustness.md).
import { CursorGroup, Figure } from '../../plot/figure.js';
import { h, uniqueId } from '../../ui/dom.js';
import { formatCount, formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { ArenaModel } from './model.js';
import { arenaSchema, MECHANISMS, mechanismInfo } from './schema.js';

const seriesOf = (name) => MECHANISMS.findIndex((mechanism) => mechanism.name === name);
const labelOf = (name) => mechanismInfo(name)?.label ?? name;

class RobustnessArenaWidget extends LabWidget {
  static schema = arenaSchema;
  static Model = ArenaModel;
  // One way to run the arena: the toolbar's Play is the measure (it was a second button doing the
  // same), and Step measures one mechanism; both sit by the progress bar.
  static runLabels = { play: 'Run the measure', pause: 'Stop', step: 'Measure one mechanism' };

  buildView(view) {
    const id = uniqueId('arena');
    this.prediction = h('select', { id: `${id}-prediction`, 'data-control': 'prediction' }, [
      h('option', { value: '', text: '— choose before you run —' }),
      ...MECHANISMS.map(({ name, label }) => h('option', { value: name, text: label })),
    ]);
    this.prediction.addEventListener('change', () => this.model.setPrediction(this.prediction.value));
    // Play and Step, unless the page hid them, move from the toolbar to the progress bar.
    const runHelpId = `${id}-run-help`;
    const moved = this.runButtonsBeside(runHelpId, ['play', 'step']);
    this.ui.play.classList.add('al-primary');
    this.ui.play.title = 'Measure every chosen mechanism not yet measured at these settings; press again to stop';
    this.runHelp = h('p', { class: 'al-help', id: runHelpId,
      text: 'Run the measure measures every chosen mechanism not yet measured (press it again to stop); Measure one mechanism measures only the next.' });
    this.progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Progress of the measure' });
    this.progressText = h('span', { 'aria-live': 'polite', text: 'Not run yet.' });

    this.cursor = new CursorGroup();
    const errorCanvas = h('canvas', { class: 'al-plot' });
    const signalCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    const statesCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    this.errorFigure = new Figure(errorCanvas, { label: 'Decoded error against holding time T', cursor: this.cursor,
      onCursor: (x) => this.#showCursor(x) });
    this.signalFigure = new Figure(signalCanvas, { label: 'Learning signal along the manifold against holding time T', cursor: this.cursor,
      onCursor: (x) => this.#showCursor(x) });
    this.statesFigure = new Figure(statesCanvas, { label: 'Distinct end states against holding time T', cursor: this.cursor,
      onCursor: (x) => this.#showCursor(x) });
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    this.legend = h('p', { class: 'al-legend' });

    view.append(
      h('div', { class: 'al-field' }, [
        h('label', { for: this.prediction.id, text: 'Your prediction: which mechanism will keep information best?' }),
        this.prediction,
      ]),
      h('div', { class: 'al-progress' }, [...moved, this.progressBar, this.progressText]),
      ...(moved.length ? [this.runHelp] : []),
      errorCanvas, this.legend, signalCanvas, statesCanvas, this.cursorText,
    );
    this.ui.step.title = 'Measure the next chosen mechanism not yet measured';
    // The arena has no clock to speed up.
    this.ui.speed.closest('label')?.style.setProperty('display', 'none');
  }

  onResize() {
    this.errorFigure.fit();
    this.signalFigure.fit();
    this.statesFigure.fit();
  }

  readouts() {
    const number = (name) => (m) => (m[name] == null ? MISSING : formatFixed(m[name], 3));
    const withSpread = (m, name, digits) => `${formatFixed(m[name], digits)}${m.seeds > 1 || (name.startsWith('torus') && m.torus_networks > 1) ? ` ± ${formatFixed(m[`${name}_spread`], digits)}` : ''}`;
    return [
      ...MECHANISMS.map(({ name, label }) => ({
        name: `${name}_decoded_error`, label,
        title: 'At the final T: decoded error (± spread); pairwise error; end states; log10 learning signal; exponent along the manifold per step; Lyapunov exponents within tolerance of zero',
        format: (m) => (m[`${name}_decoded_error`] == null ? MISSING :
          `decoded ${withSpread(m, `${name}_decoded_error`, 3)} · pairwise ${formatFixed(m[`${name}_pairwise_error`], 3)}` +
          ` · end states ${formatCount(m[`${name}_end_states`])} · log₁₀ signal ${formatFixed(m[`${name}_learning_signal_log10`], 2)}` +
          ` · λ ${formatSignificant(m[`${name}_manifold_exponent`], 2)}/step · LEs ≈ 0: ${formatCount(m[`${name}_near_zero_exponents`])} of 2`),
      })),
      { name: 'torus_networks_keeping', label: 'Torus networks keeping the information',
        title: 'Fraction of torus networks with decoded error at most 0.25 at the final T (± spread over perturbation seeds)',
        format: (m) => (m.torus_networks_keeping == null ? MISSING :
          `${formatFixed(m.torus_networks_keeping, 2)}${m.seeds > 1 ? ` ± ${formatFixed(m.torus_networks_keeping_spread, 2)}` : ''} of ${m.torus_networks_measured}`) },
      { name: 'best_mechanism', label: 'Keeps information best', format: (m) => (m.best_mechanism ? labelOf(m.best_mechanism) : MISSING) },
      { name: 'prediction_correct', label: 'Your prediction',
        format: (m) => (m.prediction_correct === null ? (m.prediction ? labelOf(m.prediction) : MISSING) : m.prediction_correct ? 'right' : 'wrong') },
      { name: 'epsilon', label: 'ε', format: number('epsilon') },
      { name: 'state_noise', label: 'Readout noise σ', format: number('state_noise') },
      { name: 'noise', label: 'Activity noise', format: number('noise') },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.mechanisms_selected === undefined) return 'Starting the arena…';
    if (m.mechanisms_selected === 0) return 'No mechanism is chosen: tick at least one under Mechanisms.';
    const p = model.params;
    const settings = `ε = ${p.epsilon}, readout noise σ ${p.state_noise}${p.noise ? `, activity noise ${p.noise}` : ''}, ${p.memories} memories held for ` +
      `${p.steps} steps, ${p.seeds} seed${p.seeds > 1 ? 's' : ''}` +
      (model.selected.includes('torus') ? `, torus network${p.torus_networks > 1 ? `s ${p.torus_network}–${p.torus_network + p.torus_networks - 1}` : ` ${p.torus_network}`}` : '');
    if (model.running) return `Measuring ${labelOf(model.current)} (${Math.round(100 * model.progress)}%) at ${settings}.`;
    if (m.mechanisms_measured === 0) {
      return `${m.mechanisms_selected} mechanisms chosen at ${settings}; not measured yet.` +
        (m.prediction ? ` You predict ${labelOf(m.prediction)} keeps information best.` : ' Make your prediction, then run.');
    }
    const measured = MECHANISMS.filter(({ name }) => m[`${name}_decoded_error`] != null)
      .map(({ name, label }) => `${label} ${formatFixed(m[`${name}_decoded_error`], 3)} (log₁₀ learning signal ${formatFixed(m[`${name}_learning_signal_log10`], 2)}, ` +
        `${formatSignificant(m[`${name}_end_states`], 3)} end states)`);
    let text = `At ${settings}, decoded error at the final T: ${measured.join('; ')}.`;
    if (m.torus_networks_keeping != null) {
      text += ` ${formatFixed(m.torus_networks_keeping, 2)} of ${m.torus_networks_measured} torus network${m.torus_networks_measured > 1 ? 's' : ''} keep the information.`;
    }
    if (m.best_mechanism) {
      text += ` ${labelOf(m.best_mechanism)} keeps information best, ${labelOf(m.worst_mechanism)} loses most.`;
      if (m.prediction_correct !== null) text += ` Your prediction (${labelOf(m.prediction_at_run)}) was ${m.prediction_correct ? 'right' : 'wrong'}.`;
    } else if (model.stopped) {
      text += ' Stopped before every mechanism was measured.';
    }
    return text;
  }

  render() {
    const model = this.model;
    const m = model.measures;
    // Stop stays available while a measure runs; with no mechanism chosen there is nothing to run.
    const locked = this.restrictions.locked;
    if (!this.model.buildError) {
      this.ui.play.disabled = locked.includes('play') || (!model.running && m.mechanisms_selected === 0);
      this.ui.play.textContent = model.running ? 'Stop' : 'Run the measure';
      this.ui.step.disabled = locked.includes('step') || model.running || m.mechanisms_selected === 0;
    }
    this.prediction.value = model.prediction ?? '';
    this.progressBar.value = model.progress;
    this.progressText.textContent = model.running ? `Measuring ${labelOf(model.current)}… ${Math.round(100 * model.progress)}%` :
      model.stopped ? 'Stopped.' : m.mechanisms_measured > 0 ? `Measured ${m.mechanisms_measured} of ${m.mechanisms_selected}.` : 'Not run yet.';

    const horizon = model.params.steps;
    const errorLayers = [];
    const signalLayers = [];
    const stateLayers = [];
    let top = 1;
    let signalLow = -1;
    let signalHigh = 1;
    const finite = (values) => values.map((v) => (Number.isFinite(v) ? v : null));
    for (const [name, result] of model.results) {
      const color = `var(--series-${seriesOf(name)})`;
      const xs = [0, ...result.steps];
      const { mean, spread } = result.decoded;
      // At T = 0 every memory is where it was stored: only the readout noise, M distinct states.
      const start = Math.min(1, model.params.state_noise);
      errorLayers.push({ type: 'line', xs, ys: [start, ...finite(mean)], color, width: 2.5 });
      errorLayers.push({ type: 'points', xs: result.steps, ys: finite(mean), color, radius: 3 });
      if (result.cells.length > 1) {
        errorLayers.push({ type: 'line', xs: result.steps, ys: finite(mean.map((v, i) => v + spread[i])), color, width: 1, dash: [4, 4] });
        errorLayers.push({ type: 'line', xs: result.steps, ys: finite(mean.map((v, i) => v - spread[i])), color, width: 1, dash: [4, 4] });
      }
      for (let i = 0; i < mean.length; i++) {
        if (Number.isFinite(mean[i])) top = Math.max(top, mean[i] + (spread[i] || 0));
      }
      const signal = finite(result.signal.mean);
      signalLayers.push({ type: 'line', xs, ys: [0, ...signal], color, width: 2.5 });
      signalLayers.push({ type: 'points', xs: result.steps, ys: signal, color, radius: 3 });
      for (const v of signal) {
        if (v !== null) {
          signalLow = Math.min(signalLow, v);
          signalHigh = Math.max(signalHigh, v);
        }
      }
      stateLayers.push({ type: 'line', xs, ys: [model.params.memories, ...finite(result.endStates.mean)], color, width: 2 });
      stateLayers.push({ type: 'points', xs: result.steps, ys: finite(result.endStates.mean), color, radius: 3 });
    }
    this.errorFigure.draw({
      xRange: [0, horizon], yRange: [0, Math.min(2, top * 1.05)], xLabel: 'holding time T (steps; the flows take 1 ms per step)',
      yLabel: 'decoded error', layers: errorLayers,
    });
    this.signalFigure.draw({
      xRange: [0, horizon], yRange: [Math.floor(signalLow), Math.ceil(signalHigh)], xLabel: 'holding time T (steps)',
      yLabel: 'log₁₀ ‖∂h_T/∂h_0‖', layers: [{ type: 'hline', y: 0, color: 'var(--plot-axis)', dash: [2, 3] }, ...signalLayers],
    });
    this.statesFigure.draw({
      xRange: [0, horizon], yRange: [0, model.params.memories + 1], xLabel: 'holding time T (steps)', yLabel: 'distinct end states',
      layers: stateLayers,
    });
    const spreadKey = model.params.seeds > 1 || (model.selected.includes('torus') && model.params.torus_networks > 1);
    this.legend.replaceChildren(...model.selected.map((name) => h('span', {
      class: `al-key al-key-${seriesOf(name)}`, text: `${labelOf(name)}${model.results.has(name) ? '' : ' (not measured)'}`,
    })), ...(spreadKey ? [h('span', { class: 'al-key al-key-6 al-key-dashed', text: 'mean ± spread over seeds (and torus networks)' })] : []));
    const summary = [...model.results.keys()].map((name) => `${labelOf(name)} ${formatFixed(m[`${name}_decoded_error`], 2)}`).join(', ');
    this.errorFigure.canvas.setAttribute('aria-label', `Decoded error against holding time T up to ${horizon} steps. ` +
      (summary ? `At the final T: ${summary}.` : 'Nothing measured yet.'));
    const signals = [...model.results.keys()].map((name) => `${labelOf(name)} ${formatFixed(m[`${name}_learning_signal_log10`], 2)}`).join(', ');
    this.signalFigure.canvas.setAttribute('aria-label', `Learning signal along the manifold, log₁₀ of ‖∂h(T)/∂h(0)‖, against T up to ${horizon} steps. ` +
      (signals ? `At the final T: ${signals}.` : 'Nothing measured yet.'));
    const states = [...model.results.keys()].map((name) => `${labelOf(name)} ${formatSignificant(m[`${name}_end_states`], 3)}`).join(', ');
    this.statesFigure.canvas.setAttribute('aria-label', `Distinct end states of ${model.params.memories} memories against T. ` +
      (states ? `At the final T: ${states}.` : 'Nothing measured yet.'));
  }

  figures() {
    return [{ name: 'decoded-error', figure: this.errorFigure }, { name: 'learning-signal', figure: this.signalFigure },
      { name: 'end-states', figure: this.statesFigure }];
  }

  exportData() {
    const rows = [];
    for (const [name, result] of this.model.results) {
      result.steps.forEach((steps, r) => rows.push([name, steps, result.times[r], result.decoded.mean[r], result.decoded.spread[r],
        result.pairwise.mean[r], result.pairwise.spread[r], result.endStates.mean[r], result.signal.mean[r], result.exponent.mean[r], result.cells.length]));
    }
    return {
      columns: ['mechanism', 'T_steps', 'T_model_units', 'decoded_error_mean', 'decoded_error_spread', 'pairwise_error_mean',
        'pairwise_error_spread', 'end_states_mean', 'learning_signal_log10_mean', 'manifold_exponent_per_step', 'runs'],
      rows,
      json: {
        curves: Object.fromEntries([...this.model.results].map(([name, result]) => [name, {
          T_steps: result.steps, T_model_units: result.times,
          decoded_error_mean: result.decoded.mean, decoded_error_spread: result.decoded.spread,
          pairwise_error_mean: result.pairwise.mean, pairwise_error_spread: result.pairwise.spread,
          end_states_mean: result.endStates.mean, learning_signal_log10_mean: result.signal.mean,
          manifold_exponent_per_step: result.exponent.mean, lyapunov_max_per_step: result.lyapunovMax,
          near_zero_exponents: result.nearZero,
          ...(name === 'torus' ? { networks: result.networks, networks_keeping: result.keeping } : {}),
          runs: result.cells.map((cell) => ({ network: cell.network, perturbation_seed: cell.seed, decoded_error: cell.decoded,
            pairwise_error: cell.pairwise, learning_signal_log10: cell.signal })),
        }])),
      },
    };
  }

  #showCursor(x) {
    if (x === null) {
      this.cursorText.textContent = '';
      return;
    }
    const parts = [];
    for (const [name, result] of this.model.results) {
      let best = 0;
      for (let i = 1; i < result.steps.length; i++) if (Math.abs(result.steps[i] - x) < Math.abs(result.steps[best] - x)) best = i;
      parts.push(`${labelOf(name)} decoded ${formatFixed(result.decoded.mean[best], 3)}, log₁₀ signal ${formatFixed(result.signal.mean[best], 2)} ` +
        `(${formatSignificant(result.endStates.mean[best], 3)} states) at T = ${result.steps[best]}`);
    }
    this.cursorText.textContent = parts.length ? parts.join('; ') : `T = ${Math.round(x)} steps`;
  }
}

customElements.define('al-robustness-arena', RobustnessArenaWidget);
