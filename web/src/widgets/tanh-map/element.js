// <al-tanh-map>: the (alpha, theta) plane of h <- tanh(alpha R(theta) h), classified cell by
// cell, with the resonance tongues, the QPTA boundary L(alpha), and the attractor of a picked map.
import { Figure, PALETTE } from '../../plot/figure.js';
import { h } from '../../ui/dom.js';
import { formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { TanhMapModel } from './model.js';
import { tanhMapSchema } from './schema.js';

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
// Okabe-Ito colours by class: the three tongues QPTA excludes stand out from the other periods.
const COLORS = {
  fixedPoint: rgb(PALETTE[0]),
  period2: rgb(PALETTE[1]),
  period4: rgb(PALETTE[4]),
  periodOther: rgb(PALETTE[3]),
  circle: [236, 236, 228],
  other: [40, 40, 40],
  pending: [255, 255, 255],
};
const LEGEND = [
  ['fixed point (1:1 tongue)', COLORS.fixedPoint],
  ['period 2 (1:2)', COLORS.period2],
  ['period 4 (1:4)', COLORS.period4],
  ['other periods (3, 5 … 16)', COLORS.periodOther],
  ['invariant circle', COLORS.circle],
  ['other', COLORS.other],
];

// Cell code: kind * 100 + period, so one value array carries both.
function cellColor(code) {
  if (!Number.isFinite(code) || code < 0) return COLORS.pending;
  const kind = Math.floor(code / 100);
  const period = code % 100;
  if (kind === 0) return COLORS.fixedPoint;
  if (kind === 1) return period === 2 ? COLORS.period2 : period === 4 ? COLORS.period4 : COLORS.periodOther;
  if (kind === 2) return COLORS.circle;
  return COLORS.other;
}

function describeCell(m) {
  if (!m.attractor_kind) return MISSING;
  if (m.attractor_kind === 'periodic') return `period ${m.period}`;
  return m.attractor_kind;
}

class TanhMapWidget extends LabWidget {
  static schema = tanhMapSchema;
  static Model = TanhMapModel;

  #ensureFigures() {
    if (this.plane) return;
    this.plane = new Figure(h('canvas', { class: 'al-plot al-plot-square', 'data-figure': 'plane' }),
      { label: 'The (θ, α) plane classified by attractor' });
    this.attractor = new Figure(h('canvas', { class: 'al-plot al-plot-square', 'data-figure': 'attractor' }),
      { label: 'The attractor of the picked map' });
    this.candidate = null;
  }

  buildView(view) {
    this.#ensureFigures();
    const canvas = this.plane.canvas;
    canvas.tabIndex = 0;
    canvas.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown Enter');
    canvas.addEventListener('click', (event) => {
      const point = this.plane.dataAt(event.offsetX, event.offsetY);
      if (point) this.#pick(point.y, point.x);
    });
    canvas.addEventListener('keydown', (event) => this.#onKey(event));
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });

    this.gridButton = h('button', { type: 'button', text: 'Continue grid', 'data-control': 'grid-run' });
    this.gridButton.addEventListener('click', () => this.model.runGrid());
    this.stopButton = h('button', { type: 'button', text: 'Stop grid', 'data-control': 'grid-stop' });
    this.stopButton.addEventListener('click', () => this.model.stopGrid());
    this.progress = h('progress', { max: 1, value: 0, 'aria-label': 'Classification of the plane' });
    this.progressText = h('span', { text: '' });
    this.model.addEventListener('change', (event) => {
      if (event.detail.reason === 'grid') this.#updateGridControls();
    });

    const legend = h('p', { class: 'al-legend' }, LEGEND.map(([text, [r, g, b]]) =>
      h('span', { class: 'al-swatch-key' }, [h('span', { class: 'al-swatch', style: `background: rgb(${r} ${g} ${b})` }), text])));
    const lines = h('p', { class: 'al-legend' }, [
      h('span', { class: 'al-key al-key-2', text: 'QPTA boundary: θ = L(α), π/2 ± L(α), π − L(α)' }),
      h('span', { class: 'al-key al-key-6 al-key-dotted', text: 'picked map (hollow: keyboard cursor)' }),
    ]);
    view.append(
      h('div', { class: 'al-panels' }, [
        h('figure', { class: 'al-panel' }, [this.plane.canvas]),
        h('figure', { class: 'al-panel' }, [this.attractor.canvas]),
      ]),
      legend, lines, this.cursorText,
      h('div', { class: 'al-progress' }, [this.gridButton, this.stopButton, this.progress, this.progressText]),
    );
  }

  onResize() {
    this.plane.fit();
    this.attractor.fit();
  }

  readouts() {
    return [
      { name: 'attractor_kind', label: 'Attractor', format: describeCell },
      { name: 'rotation_number', label: 'Rotation number', format: (m) => formatSignificant(m.rotation_number, 5) },
      { name: 'in_qpta_region', label: 'In the QPTA region', format: (m) => (m.in_qpta_region == null ? MISSING : m.in_qpta_region ? 'yes' : 'no') },
      { name: 'qpta_boundary_rad', label: 'L(α)', format: (m) => (m.qpta_boundary_rad == null ? MISSING : `${formatFixed(m.qpta_boundary_rad, 4)} rad`) },
      { name: 'alpha', label: 'α', format: (m) => formatSignificant(m.alpha, 4) },
      { name: 'theta', label: 'θ', format: (m) => (m.theta == null ? MISSING : `${formatFixed(m.theta, 4)} rad`) },
      { name: 'amplitude', label: 'Mean radius', format: (m) => formatSignificant(m.amplitude, 4) },
      { name: 'grid_progress', label: 'Plane classified', format: (m) => (m.grid_progress == null ? MISSING : `${Math.round(100 * m.grid_progress)} %`) },
      { name: 'periodic_cells', label: 'Cells: fixed / periodic / circle', format: (m) => `${m.fixed_point_cells ?? 0} / ${m.periodic_cells ?? 0} / ${m.invariant_circle_cells ?? 0}` },
    ];
  }

  describe() {
    const m = this.model.measures;
    if (m.alpha === undefined) return 'Starting…';
    const where = m.in_qpta_region ? 'inside the QPTA region' : m.in_resonance_tongue ? 'inside a resonance tongue that QPTA excludes' : 'outside the QPTA region';
    const what = m.attractor_kind === 'periodic' ? `a period-${m.period} orbit` : m.attractor_kind === 'fixed point' ? 'a fixed point'
      : m.attractor_kind === 'invariant circle' ? 'an invariant circle' : 'an attractor of no simple kind';
    return `The map with α = ${formatSignificant(m.alpha, 4)}, θ = ${formatFixed(m.theta, 3)} rad is ${where} and settles on ${what}` +
      `${m.rotation_number == null ? '' : `, rotation number ${formatSignificant(m.rotation_number, 4)}`}. ` +
      `The plane is ${Math.round(100 * (m.grid_progress ?? 0))} % classified.`;
  }

  render() {
    if (this.model.measures.alpha === undefined) return;
    this.#drawPlane();
    this.#drawAttractor();
    this.#updateGridControls();
  }

  #drawPlane() {
    const { model } = this;
    const { params, plane } = model;
    const layers = [];
    if (plane) {
      const values = Array.from(plane.kinds, (kind, i) => (kind < 0 ? -1 : kind * 100 + Math.min(99, plane.periods[i])));
      const rows = plane.alphas.length;
      const cols = plane.thetas.length;
      const dTheta = (plane.thetas[cols - 1] - plane.thetas[0]) / (cols - 1);
      const dAlpha = (plane.alphas[rows - 1] - plane.alphas[0]) / (rows - 1);
      layers.push({ type: 'heatmap', values, rows, cols, colorOf: cellColor,
        xRange: [plane.thetas[0] - dTheta / 2, plane.thetas[cols - 1] + dTheta / 2],
        yRange: [plane.alphas[0] - dAlpha / 2, plane.alphas[rows - 1] + dAlpha / 2] });
      const alphas = Array.from(plane.alphas);
      const L = Array.from(plane.boundary);
      for (const edge of [(l) => l, (l) => Math.PI / 2 - l, (l) => Math.PI / 2 + l, (l) => Math.PI - l]) {
        layers.push({ type: 'line', xs: L.map(edge), ys: alphas, color: 'var(--series-2)', width: 2.5 });
      }
    }
    const m = model.measures;
    layers.push({ type: 'points', xs: [m.theta], ys: [m.alpha], color: 'var(--series-6)', radius: 6, hollow: true });
    layers.push({ type: 'points', xs: [m.theta], ys: [m.alpha], color: 'var(--series-6)', radius: 2.5 });
    if (this.candidate) layers.push({ type: 'points', xs: [this.candidate.theta], ys: [this.candidate.alpha], color: 'var(--series-5)', radius: 8, hollow: true });
    const pad = (params.alpha_max - params.alpha_min) / (2 * params.grid_size);
    this.plane.draw({
      xRange: [0, Math.PI], yRange: [params.alpha_min - pad, params.alpha_max + pad], xLabel: 'θ (rad)', yLabel: 'α',
      xTickFormat: (t) => formatSignificant(t, 2), margin: { left: 48, right: 12 }, layers,
    });
    this.plane.canvas.setAttribute('aria-label', `The (θ, α) plane of the tanh map, ${Math.round(100 * (m.grid_progress ?? 0))} % classified: ` +
      `${m.fixed_point_cells} fixed-point cells, ${m.periodic_cells} periodic, ${m.invariant_circle_cells} invariant circles. ` +
      `Picked α = ${formatSignificant(m.alpha, 4)}, θ = ${formatFixed(m.theta, 3)}. Arrow keys move a cursor, Enter picks.`);
  }

  #drawAttractor() {
    const { orbit, measures: m } = this.model;
    const last = orbit.xs.length - 1;
    this.attractor.draw({
      xRange: [-1.05, 1.05], yRange: [-1.05, 1.05], equalAspect: true, xLabel: 'h₁', yLabel: 'h₂',
      layers: [
        { type: 'points', xs: orbit.xs, ys: orbit.ys, color: 'var(--series-0)', radius: 1.8 },
        ...(last >= 0 ? [{ type: 'points', xs: [orbit.xs[last]], ys: [orbit.ys[last]], color: 'var(--series-1)', radius: 4.5 }] : []),
      ],
    });
    this.attractor.canvas.setAttribute('aria-label', `The attractor of the picked map: ${describeCell(m)}, ` +
      `mean radius ${formatSignificant(m.amplitude, 3)}; the last ${orbit.xs.length} points of its orbit.`);
  }

  #updateGridControls() {
    const m = this.model.measures;
    const running = this.model.gridRunning;
    this.stopButton.disabled = !running;
    this.gridButton.disabled = running || (m.grid_progress ?? 0) >= 1;
    this.progress.value = m.grid_progress ?? 0;
    this.progressText.textContent = `${Math.round(100 * (m.grid_progress ?? 0))} %${running ? ' (classifying…)' : ''}`;
  }

  #pick(alpha, theta) {
    this.candidate = null;
    this.model.pick(alpha, theta).then((ok) => {
      if (!ok) return;
      this.dispatchEvent(new CustomEvent('statechange', { bubbles: true, composed: true,
        detail: { widget: this.widgetName, query: this.query, params: { ...this.model.params } } }));
    });
  }

  // Arrow keys move a cursor by one grid cell (Shift: ten), Enter picks it, Escape drops it.
  #onKey(event) {
    const { params } = this.model;
    const dTheta = Math.PI / (params.grid_size - 1);
    const dAlpha = (params.alpha_max - params.alpha_min) / (params.grid_size - 1);
    const factor = event.shiftKey ? 10 : 1;
    const at = this.candidate ?? { alpha: params.alpha, theta: params.theta };
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [1, 0], ArrowDown: [-1, 0] };
    if (moves[event.key]) {
      const [da, dt] = moves[event.key];
      this.candidate = {
        alpha: Math.min(params.alpha_max, Math.max(params.alpha_min, at.alpha + da * dAlpha * factor)),
        theta: Math.min(Math.PI, Math.max(0, at.theta + dt * dTheta * factor)),
      };
      const cell = this.model.cellAt(this.candidate.alpha, this.candidate.theta);
      const verdict = cell && cell.kind >= 0 ? (cell.kind === 1 ? `period ${cell.period}` : ['fixed point', 'periodic', 'invariant circle', 'other'][cell.kind]) : 'not classified yet';
      this.cursorText.textContent = `Cursor at α = ${formatSignificant(this.candidate.alpha, 4)}, θ = ${formatFixed(this.candidate.theta, 3)} rad: ${verdict}. Enter picks it.`;
    } else if (event.key === 'Enter' || event.key === ' ') {
      this.#pick(at.alpha, at.theta);
      this.cursorText.textContent = '';
    } else if (event.key === 'Escape') {
      this.candidate = null;
      this.cursorText.textContent = '';
    } else {
      return;
    }
    event.preventDefault();
    this.invalidate();
  }

  figures() {
    this.#ensureFigures();
    return [{ name: 'plane', figure: this.plane }, { name: 'attractor', figure: this.attractor }];
  }

  exportData() {
    const { plane, orbit } = this.model;
    const rows = [];
    if (plane) {
      const cols = plane.thetas.length;
      for (let r = 0; r < plane.alphas.length; r++) {
        for (let c = 0; c < cols; c++) {
          const i = r * cols + c;
          const kind = plane.kinds[i];
          rows.push([plane.alphas[r], plane.thetas[c], kind < 0 ? '' : ['fixed point', 'periodic', 'invariant circle', 'other'][kind],
            kind === 0 || kind === 1 ? plane.periods[i] : null, Number.isFinite(plane.rotationNumbers[i]) ? plane.rotationNumbers[i] : null]);
        }
      }
    }
    return {
      columns: ['alpha', 'theta', 'attractor_kind', 'period', 'rotation_number'],
      rows,
      json: {
        grid: { columns: ['alpha', 'theta', 'attractor_kind', 'period', 'rotation_number'], rows },
        boundary: plane ? { alpha: Array.from(plane.alphas), L: Array.from(plane.boundary, (v) => (Number.isFinite(v) ? v : null)) } : null,
        orbit: { x: orbit.xs, y: orbit.ys },
      },
    };
  }
}

customElements.define('al-tanh-map', TanhMapWidget);
