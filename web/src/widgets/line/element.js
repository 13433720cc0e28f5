// <al-line>: store a value in a line attractor, perturb its weights, and watch the memory hold
// (epsilon = 0) or drift at the rate its eigenvalue predicts.
import { CursorGroup, Figure } from '../../plot/figure.js';
import { h } from '../../ui/dom.js';
import { describeRate, formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { LineWidgetModel } from './model.js';
import { lineSchema } from './schema.js';

const PLOT_SECONDS = 20;

class LineWidget extends LabWidget {
  static schema = lineSchema;
  static Model = LineWidgetModel;

  buildView(view) {
    const canvas = h('canvas', { class: 'al-plot' });
    this.cursor = new CursorGroup();
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    this.figure = new Figure(canvas, {
      label: 'Plot of the remembered value over time',
      cursor: this.cursor,
      onCursor: (t) => this.#showCursor(t),
    });
    const store = h('button', { type: 'button', class: 'al-primary', text: 'Store', 'data-control': 'store',
      title: 'Store the value again with an input pulse' });
    store.addEventListener('click', () => this.model.store());
    view.append(canvas, h('p', { class: 'al-legend' }, [
      h('span', { class: 'al-key al-key-0', text: 'remembered value (network)' }),
      h('span', { class: 'al-key al-key-1 al-key-dashed', text: 'prediction from the eigenvalue' }),
      h('span', { class: 'al-key al-key-6 al-key-dotted', text: 'stored value' }),
    ]), this.cursorText, store);
  }

  onResize() {
    this.figure.fit();
  }

  readouts() {
    return [
      { name: 'remembered_value', label: 'Remembered value', title: 'r = m·x, the activity along the memory direction',
        format: (m) => formatFixed(m.remembered_value, 4) },
      { name: 'memory_eigenvalue', label: 'Memory eigenvalue λ', title: 'Eigenvalue of W nearest the tuned one',
        format: (m) => formatFixed(m.memory_eigenvalue, 6) },
      { name: 'predicted_drift_rate_per_s', label: 'Predicted drift (λ − 1)/τ', title: 'per second, from the eigenvalue',
        format: (m) => (m.predicted_drift_rate_per_s == null ? MISSING : `${formatSignificant(m.predicted_drift_rate_per_s, 3)} /s`) },
      { name: 'measured_drift_rate_per_s', label: 'Measured drift d ln r/dt', title: 'per second, from the trajectory',
        format: (m) => (m.measured_drift_rate_per_s == null ? 'settling…' : `${formatSignificant(m.measured_drift_rate_per_s, 3)} /s`) },
      { name: 'memory_fate', label: 'So the memory', format: (m) => describeRate(m.predicted_drift_rate_per_s) },
      { name: 'hold_time_s', label: 'Moves by 10% in', title: 'Time until the remembered value has moved by 10%',
        format: (m) => (m.hold_time_s == null ? MISSING : m.hold_time_s === Infinity ? 'never (tuned)' : `${formatSignificant(m.hold_time_s, 3)} s`) },
      { name: 'time_s', label: 'Time', format: (m) => `${formatFixed(m.time_s, 1)} s` },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.remembered_value === undefined) return 'Starting the network…';
    const tuning = model.params.epsilon === 0 ? 'tuned weights' : `weights perturbed by ε = ${model.params.epsilon}`;
    return `Line attractor of ${model.params.n} neurons with ${tuning}. Stored ${model.params.value}; now remembers ` +
      `${formatFixed(m.remembered_value, 3)} at t = ${formatFixed(m.time_s, 1)} s. Memory eigenvalue ` +
      `${formatFixed(m.memory_eigenvalue, 5)}: the memory ${describeRate(m.predicted_drift_rate_per_s)}.`;
  }

  render() {
    const model = this.model;
    const m = model.measures;
    if (m.time_s === undefined) return;
    const { times, values } = model.history;
    const now = m.time_s;
    const x0 = Math.max(0, now - PLOT_SECONDS);
    const x1 = x0 + PLOT_SECONDS;
    const predicted = { xs: [], ys: [] };
    if (m.drift_reference_time_s != null) {
      const start = Math.max(m.drift_reference_time_s, x0);
      for (let i = 0; i <= 100; i++) {
        const t = start + ((x1 - start) * i) / 100;
        predicted.xs.push(t);
        predicted.ys.push(model.predictedValueAt(t));
      }
    }
    let low = Math.min(0, model.params.value);
    let high = Math.max(0, model.params.value);
    for (const v of values) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    const pad = Math.max(0.1, (high - low) * 0.1);
    this.figure.draw({
      xRange: [x0, x1], yRange: [low - pad, high + pad], xLabel: 'time (s)', yLabel: 'remembered value r',
      layers: [
        { type: 'hline', y: model.params.value, color: 'var(--series-6)', dash: [2, 4] },
        { type: 'line', xs: times, ys: values, color: 'var(--series-0)', width: 2.5 },
        { type: 'line', ...predicted, color: 'var(--series-1)', width: 1.5, dash: [6, 4] },
      ],
    });
    this.figure.canvas.setAttribute('aria-label',
      `Plot of the remembered value over the last ${PLOT_SECONDS} seconds. Now ${formatFixed(m.remembered_value, 3)}, ` +
      `stored ${formatFixed(model.params.value, 2)}.`);
  }

  figures() {
    return [{ name: 'memory', figure: this.figure }];
  }

  exportData() {
    const { times, values } = this.model.history;
    return { columns: ['time_s', 'remembered_value'], rows: times.map((t, i) => [t, values[i]]) };
  }

  #showCursor(t) {
    if (t === null) {
      this.cursorText.textContent = '';
      return;
    }
    const { times, values } = this.model.history;
    let best = -1;
    for (let i = 0; i < times.length; i++) if (best < 0 || Math.abs(times[i] - t) < Math.abs(times[best] - t)) best = i;
    this.cursorText.textContent = best < 0 ? `t = ${formatFixed(t, 2)} s` :
      `t = ${formatFixed(times[best], 2)} s: remembered value ${formatFixed(values[best], 4)}`;
  }
}

customElements.define('al-line', LineWidget);
