// <al-robustness-arena>: predict which mechanism keeps relative information under the same weight
// perturbation and noise, then measure it: the pairwise error of M stored memories against the
// holding time T, for each chosen mechanism on one plot (docs/robustness.md).
import { CursorGroup, Figure } from '../../plot/figure.js';
import { h, uniqueId } from '../../ui/dom.js';
import { formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { ArenaModel } from './model.js';
import { arenaSchema, MECHANISMS, mechanismInfo } from './schema.js';

const seriesOf = (name) => MECHANISMS.findIndex((mechanism) => mechanism.name === name);
const labelOf = (name) => mechanismInfo(name)?.label ?? name;

class RobustnessArenaWidget extends LabWidget {
  static schema = arenaSchema;

  createModel(client, params) {
    return new ArenaModel(client, arenaSchema, params);
  }

  buildView(view) {
    const id = uniqueId('arena');
    this.prediction = h('select', { id: `${id}-prediction`, 'data-control': 'prediction' }, [
      h('option', { value: '', text: '— choose before you run —' }),
      ...MECHANISMS.map(({ name, label }) => h('option', { value: name, text: label })),
    ]);
    this.prediction.addEventListener('change', () => this.model.setPrediction(this.prediction.value));
    this.runButton = h('button', { type: 'button', class: 'al-primary', text: 'Run the measure', 'data-control': 'run',
      title: 'Measure every chosen mechanism not yet measured at these settings' });
    this.runButton.addEventListener('click', () => this.model.play());
    this.stopButton = h('button', { type: 'button', text: 'Stop', 'data-control': 'stop', disabled: true });
    this.stopButton.addEventListener('click', () => this.model.pause());
    this.progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Progress of the measure' });
    this.progressText = h('span', { 'aria-live': 'polite', text: 'Not run yet.' });

    this.cursor = new CursorGroup();
    const errorCanvas = h('canvas', { class: 'al-plot' });
    const statesCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    this.errorFigure = new Figure(errorCanvas, { label: 'Pairwise error against holding time T', cursor: this.cursor,
      onCursor: (x) => this.#showCursor(x) });
    this.statesFigure = new Figure(statesCanvas, { label: 'Distinct end states against holding time T', cursor: this.cursor,
      onCursor: (x) => this.#showCursor(x) });
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    this.legend = h('p', { class: 'al-legend' });

    view.append(
      h('div', { class: 'al-field' }, [
        h('label', { for: this.prediction.id, text: 'Your prediction: which mechanism will keep relative information best?' }),
        this.prediction,
      ]),
      h('div', { class: 'al-progress' }, [this.runButton, this.stopButton, this.progressBar, this.progressText]),
      errorCanvas, this.legend, statesCanvas, this.cursorText,
    );
    this.ui.step.title = 'Measure the next chosen mechanism';
    // The arena has no clock to speed up.
    this.ui.speed.closest('label')?.style.setProperty('display', 'none');
  }

  onResize() {
    this.errorFigure.fit();
    this.statesFigure.fit();
  }

  readouts() {
    const number = (name) => (m) => (m[name] == null ? MISSING : formatFixed(m[name], 3));
    return [
      ...MECHANISMS.map(({ name, label }) => ({
        name: `${name}_pairwise_error`, label, title: 'Pairwise error at the final T (± spread over seeds); end states',
        format: (m) => (m[`${name}_pairwise_error`] == null ? MISSING :
          `${formatFixed(m[`${name}_pairwise_error`], 3)}${m.seeds > 1 ? ` ± ${formatFixed(m[`${name}_pairwise_error_spread`], 3)}` : ''}` +
          ` · ${formatSignificant(m[`${name}_end_states`], 3)} states`),
      })),
      { name: 'best_mechanism', label: 'Keeps relative information best', format: (m) => (m.best_mechanism ? labelOf(m.best_mechanism) : MISSING) },
      { name: 'prediction_correct', label: 'Your prediction',
        format: (m) => (m.prediction_correct === null ? (m.prediction ? labelOf(m.prediction) : MISSING) : m.prediction_correct ? 'right' : 'wrong') },
      { name: 'epsilon', label: 'ε', format: number('epsilon') },
      { name: 'noise', label: 'Noise', format: number('noise') },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.mechanisms_selected === undefined) return 'Starting the arena…';
    if (m.mechanisms_selected === 0) return 'No mechanism is chosen: tick at least one under Mechanisms.';
    const settings = `ε = ${model.params.epsilon}, noise ${model.params.noise}, ${model.params.memories} memories held for ` +
      `${model.params.steps} steps, ${model.params.seeds} seed${model.params.seeds > 1 ? 's' : ''}`;
    if (model.running) return `Measuring ${labelOf(model.current)} (${Math.round(100 * model.progress)}%) at ${settings}.`;
    if (m.mechanisms_measured === 0) {
      return `${m.mechanisms_selected} mechanisms chosen at ${settings}; not measured yet.` +
        (m.prediction ? ` You predict ${labelOf(m.prediction)} keeps relative information best.` : ' Make your prediction, then run.');
    }
    const measured = MECHANISMS.filter(({ name }) => m[`${name}_pairwise_error`] != null)
      .map(({ name, label }) => `${label} ${formatFixed(m[`${name}_pairwise_error`], 3)} (${formatSignificant(m[`${name}_end_states`], 3)} end states)`);
    let text = `At ${settings}, pairwise error at the final T: ${measured.join('; ')}.`;
    if (m.best_mechanism) {
      text += ` ${labelOf(m.best_mechanism)} keeps relative information best, ${labelOf(m.worst_mechanism)} loses most.`;
      if (m.prediction_correct !== null) text += ` Your prediction (${labelOf(m.prediction_at_run)}) was ${m.prediction_correct ? 'right' : 'wrong'}.`;
    } else if (model.stopped) {
      text += ' Stopped before every mechanism was measured.';
    }
    return text;
  }

  render() {
    const model = this.model;
    const m = model.measures;
    this.runButton.disabled = model.running || m.mechanisms_selected === 0;
    this.stopButton.disabled = !model.running;
    this.prediction.value = model.prediction ?? '';
    this.progressBar.value = model.progress;
    this.progressText.textContent = model.running ? `Measuring ${labelOf(model.current)}… ${Math.round(100 * model.progress)}%` :
      model.stopped ? 'Stopped.' : m.mechanisms_measured > 0 ? `Measured ${m.mechanisms_measured} of ${m.mechanisms_selected}.` : 'Not run yet.';

    const horizon = model.params.steps;
    const errorLayers = [];
    const stateLayers = [];
    let top = 1;
    for (const [name, result] of model.results) {
      const color = `var(--series-${seriesOf(name)})`;
      const xs = [0, ...result.steps];
      const finite = (values) => values.map((v) => (Number.isFinite(v) ? v : null));
      // At T = 0 every memory is where it was stored: no error, M distinct states.
      errorLayers.push({ type: 'line', xs, ys: [0, ...finite(result.mean)], color, width: 2.5 });
      errorLayers.push({ type: 'points', xs: result.steps, ys: finite(result.mean), color, radius: 3 });
      if (result.seeds > 1) {
        errorLayers.push({ type: 'line', xs, ys: [0, ...result.mean.map((v, i) => v + result.spread[i])], color, width: 1, dash: [4, 4] });
        errorLayers.push({ type: 'line', xs, ys: [0, ...result.mean.map((v, i) => v - result.spread[i])], color, width: 1, dash: [4, 4] });
      }
      for (let i = 0; i < result.mean.length; i++) {
        if (Number.isFinite(result.mean[i])) top = Math.max(top, result.mean[i] + (result.spread[i] || 0));
      }
      stateLayers.push({ type: 'line', xs, ys: [model.params.memories, ...finite(result.endStates)], color, width: 2 });
      stateLayers.push({ type: 'points', xs: result.steps, ys: finite(result.endStates), color, radius: 3 });
    }
    this.errorFigure.draw({
      xRange: [0, horizon], yRange: [0, Math.min(2, top * 1.05)], xLabel: 'holding time T (steps; the flows take 1 ms per step)',
      yLabel: 'pairwise error', layers: errorLayers,
    });
    this.statesFigure.draw({
      xRange: [0, horizon], yRange: [0, model.params.memories + 1], xLabel: 'holding time T (steps)', yLabel: 'distinct end states',
      layers: stateLayers,
    });
    this.legend.replaceChildren(...model.selected.map((name) => h('span', {
      class: `al-key al-key-${seriesOf(name)}`, text: `${labelOf(name)}${model.results.has(name) ? '' : ' (not measured)'}`,
    })), ...(model.params.seeds > 1 ? [h('span', { class: 'al-key al-key-6 al-key-dashed', text: 'mean ± spread over seeds' })] : []));
    const summary = [...model.results.keys()].map((name) => `${labelOf(name)} ${formatFixed(m[`${name}_pairwise_error`], 2)}`).join(', ');
    this.errorFigure.canvas.setAttribute('aria-label', `Pairwise error against holding time T up to ${horizon} steps. ` +
      (summary ? `At the final T: ${summary}.` : 'Nothing measured yet.'));
    const states = [...model.results.keys()].map((name) => `${labelOf(name)} ${formatSignificant(m[`${name}_end_states`], 3)}`).join(', ');
    this.statesFigure.canvas.setAttribute('aria-label', `Distinct end states of ${model.params.memories} memories against T. ` +
      (states ? `At the final T: ${states}.` : 'Nothing measured yet.'));
  }

  figures() {
    return [{ name: 'pairwise-error', figure: this.errorFigure }, { name: 'end-states', figure: this.statesFigure }];
  }

  exportData() {
    const rows = [];
    for (const [name, result] of this.model.results) {
      result.steps.forEach((steps, r) => rows.push([name, steps, result.times[r], result.mean[r], result.spread[r], result.endStates[r], result.seeds]));
    }
    return {
      columns: ['mechanism', 'T_steps', 'T_model_units', 'pairwise_error_mean', 'pairwise_error_spread', 'end_states_mean', 'seeds'],
      rows,
      json: {
        curves: Object.fromEntries([...this.model.results].map(([name, result]) => [name, {
          T_steps: result.steps, T_model_units: result.times, pairwise_error_mean: result.mean, pairwise_error_spread: result.spread,
          pairwise_error_per_seed: result.perSeed, end_states_mean: result.endStates,
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
      parts.push(`${labelOf(name)} ${formatFixed(result.mean[best], 3)} (${formatSignificant(result.endStates[best], 3)} states) at T = ${result.steps[best]}`);
    }
    this.cursorText.textContent = parts.length ? parts.join('; ') : `T = ${Math.round(x)} steps`;
  }
}

customElements.define('al-robustness-arena', RobustnessArenaWidget);
