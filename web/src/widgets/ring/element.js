// <al-ring>: a bump of activity on a ring of neurons. Tuned, it stays wherever it is cued and
// moves exactly as fast as its velocity input says; with perturbed weights it drifts to one of a
// few stable fixed points, which the drift profile predicts.
import { COLORMAPS, CursorGroup, Figure } from '../../plot/figure.js';
import { h } from '../../ui/dom.js';
import { formatAboveTolerance, formatFixed, formatSignificant, MISSING } from '../../ui/format.js';
import { LabWidget } from '../base/lab-widget.js';
import { RASTER_STEP_INTERVAL, RingWidgetModel } from './model.js';
import { ringSchema } from './schema.js';

const PLOT_SECONDS = 10;
// Rates lie in [0, 1]: a lookup table keeps colouring the raster cheap on every frame.
const RATE_COLORS = Array.from({ length: 256 }, (_, i) => COLORMAPS.sequential(i / 255));
const rateColor = (rate) => RATE_COLORS[Math.max(0, Math.min(255, Math.round(rate * 255)))] ?? RATE_COLORS[0];

const degrees = (value, decimals = 1) => (value === null || value === undefined ? MISSING : `${formatFixed(value, decimals)}°`);
// Drifts below this are rounding noise of a tuned ring (about 1e-12 °/s), not a drift; the
// smallest perturbation the slider offers drifts at about 0.01 °/s.
const DRIFT_TOLERANCE_DEG_PER_S = 1e-6;
const degreesPerSecond = (value) => formatAboveTolerance(value, DRIFT_TOLERANCE_DEG_PER_S, 3, '°/s');

// Splits a wrapped-angle series into segments where it jumps across 0/360, one line layer each,
// so the plot draws no vertical line at a wrap.
function wrappedLines(times, angles, from, style) {
  const layers = [];
  let start = from;
  for (let i = from + 1; i <= times.length; i++) {
    if (i === times.length || Math.abs(angles[i] - angles[i - 1]) > 180) {
      if (i - start > 1) layers.push({ type: 'line', xs: times.slice(start, i), ys: angles.slice(start, i), ...style });
      start = i;
    }
  }
  return layers;
}

function firstIndexAtOrAfter(times, t) {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid] < t) low = mid + 1;
    else high = mid;
  }
  return low;
}

class RingWidget extends LabWidget {
  static schema = ringSchema;
  static Model = RingWidgetModel;

  buildView(view) {
    this.cursor = new CursorGroup();
    const onCursor = (t) => this.#showCursor(t);
    const rasterCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    const bumpCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    const profileCanvas = h('canvas', { class: 'al-plot al-plot-small' });
    this.raster = new Figure(rasterCanvas, { label: 'Activity raster: firing rate of every neuron over time', cursor: this.cursor, onCursor });
    this.bump = new Figure(bumpCanvas, { label: 'Bump position over time', cursor: this.cursor, onCursor });
    this.profile = new Figure(profileCanvas, { label: 'Drift profile: bump speed against angle' });
    this.cursorText = h('p', { class: 'al-cursor', 'aria-live': 'polite' });
    const cue = h('button', { type: 'button', class: 'al-primary', text: 'Cue the bump', 'data-control': 'cue',
      title: 'Place the bump at the cue angle again' });
    cue.addEventListener('click', () => this.model.cue());
    view.append(
      rasterCanvas,
      h('p', { class: 'al-legend', text: 'Rate of each neuron (rows, by preferred angle) over time: dark 0, bright 1.' }),
      bumpCanvas,
      h('p', { class: 'al-legend' }, [
        h('span', { class: 'al-key al-key-0', text: 'bump position' }),
        h('span', { class: 'al-key al-key-1 al-key-dashed', text: 'commanded heading (cue + integrated velocity)' }),
        h('span', { class: 'al-key al-key-2 al-key-dotted', text: 'stable fixed points' }),
      ]),
      this.cursorText,
      profileCanvas,
      h('p', { class: 'al-legend' }, [
        h('span', { class: 'al-key al-key-3', text: 'drift speed of a bump held at each angle' }),
        h('span', { text: '● stable fixed point, ○ unstable; the dashed line marks the bump' }),
      ]),
      cue,
    );
  }

  onResize() {
    this.raster.fit();
    this.bump.fit();
    this.profile.fit();
  }

  readouts() {
    return [
      { name: 'bump_deg', label: 'Bump at', format: (m) => degrees(m.bump_deg) },
      { name: 'drift_deg_per_s', label: 'Drift (measured)', title: 'Bump speed minus commanded velocity over the last second',
        format: (m) => (m.drift_deg_per_s == null ? 'settling…' : degreesPerSecond(m.drift_deg_per_s)) },
      { name: 'predicted_drift_deg_per_s', label: 'Drift (profile)', title: 'What the drift profile predicts at the bump\'s angle',
        format: (m) => degreesPerSecond(m.predicted_drift_deg_per_s) },
      { name: 'bump_speed_deg_per_s', label: 'Bump speed', title: 'Velocity input included, over the last second',
        format: (m) => (m.bump_speed_deg_per_s == null ? 'settling…' : degreesPerSecond(m.bump_speed_deg_per_s)) },
      { name: 'velocity_deg_per_s', label: 'Commanded velocity', format: (m) => degreesPerSecond(m.velocity_deg_per_s) },
      { name: 'fixed_point_count', label: 'Stable fixed points', title: 'Where the perturbed ring collapses (0: a continuum)',
        format: (m) => (m.fixed_point_count === undefined ? MISSING : m.epsilon === 0 && m.fixed_point_count === 0 ? 'none: a continuum' : String(m.fixed_point_count)) },
      { name: 'profile_rms_drift_deg_per_s', label: 'RMS drift over angles', format: (m) => degreesPerSecond(m.profile_rms_drift_deg_per_s) },
      { name: 'epsilon', label: 'ε', format: (m) => (m.epsilon === undefined ? MISSING : formatSignificant(m.epsilon, 3)) },
      { name: 'time_s', label: 'Time', format: (m) => (m.time_s === undefined ? MISSING : `${formatFixed(m.time_s, 2)} s`) },
    ];
  }

  describe() {
    const model = this.model;
    const m = model.measures;
    if (m.time_s === undefined) return 'Starting the network…';
    const weights = m.epsilon === 0 ? 'tuned weights' : `weights perturbed by ε = ${formatSignificant(m.epsilon, 3)}`;
    const parts = [`Ring of ${model.params.n} neurons with ${weights}.`];
    if (m.bump_deg === null) {
      parts.push('There is no bump: the activity is nearly uniform.');
    } else {
      const drift = m.drift_deg_per_s;
      let motion = 'settling after the last change';
      if (drift !== null) {
        motion = Math.abs(drift) < 0.05 ? 'holding its angle (drift below 0.05 degrees per second)'
          : `drifting ${formatSignificant(Math.abs(drift), 2)} degrees per second ${drift > 0 ? 'counter-clockwise' : 'clockwise'}`;
      }
      const command = m.velocity_deg_per_s !== 0 && m.bump_speed_deg_per_s !== null
        ? ` It moves at ${formatSignificant(m.bump_speed_deg_per_s, 3)} degrees per second for a command of ${formatSignificant(m.velocity_deg_per_s, 3)}.` : '';
      parts.push(`Bump at ${formatFixed(m.bump_deg, 0)} degrees at t = ${formatFixed(m.time_s, 1)} s, ${motion}.${command}`);
    }
    if (m.fixed_point_count > 0) {
      const toward = m.nearest_fixed_point_deg !== null && m.velocity_deg_per_s === 0
        ? ` The bump is heading for the one at ${formatFixed(m.nearest_fixed_point_deg, 0)} degrees.` : '';
      parts.push(`The ring has collapsed onto ${m.fixed_point_count} stable fixed point${m.fixed_point_count === 1 ? '' : 's'} ` +
        `(profile drift ${formatSignificant(m.profile_rms_drift_deg_per_s, 2)} degrees per second rms).${toward}`);
    } else if (m.epsilon > 0) {
      parts.push('The drift never changes sign: no fixed point is left, the bump circulates.');
    }
    return parts.join(' ');
  }

  render() {
    const model = this.model;
    const m = model.measures;
    if (m.time_s === undefined) return;
    const now = m.time_s;
    const x0 = Math.max(0, now - PLOT_SECONDS);
    const x1 = x0 + PLOT_SECONDS;
    this.#drawRaster(x0, x1);

    const from = firstIndexAtOrAfter(model.times, x0);
    const stable = model.fixedPoints.filter((point) => point.stable);
    this.bump.draw({
      xRange: [x0, x1], yRange: [0, 360], yTickStep: 90, xLabel: 'time (s)', yLabel: 'bump angle (°)',
      layers: [
        ...stable.map((point) => ({ type: 'hline', y: point.angleDeg, color: 'var(--series-2)', width: 1.5, dash: [2, 4] })),
        ...wrappedLines(model.times, model.commanded, from, { color: 'var(--series-1)', width: 1.5, dash: [6, 4] }),
        ...wrappedLines(model.times, model.angles, from, { color: 'var(--series-0)', width: 2.5 }),
      ],
    });
    this.bump.canvas.setAttribute('aria-label', `Bump position over the last ${PLOT_SECONDS} seconds: now ${degrees(m.bump_deg)}, ` +
      `drift ${degreesPerSecond(m.drift_deg_per_s)}; ${stable.length} stable fixed points` +
      `${stable.length ? ` at ${stable.map((point) => degrees(point.angleDeg, 0)).join(', ')}` : ''}.`);
    this.#drawProfile(m);
  }

  #drawRaster(x0, x1) {
    const columns = this.model.raster.filter((column) => column.time >= x0 - 1e-9);
    const layers = [];
    if (columns.length) {
      const rows = columns[0].rates.length;
      const cols = columns.length;
      const values = new Float32Array(rows * cols);
      for (let c = 0; c < cols; c++) {
        const rates = columns[c].rates;
        for (let r = 0; r < rows; r++) values[r * cols + c] = rates[r];
      }
      const half = (this.model.dt * RASTER_STEP_INTERVAL) / 2;
      const rowHalf = 180 / rows;
      layers.push({ type: 'heatmap', values, rows, cols, min: 0, max: 1, colorOf: rateColor,
        xRange: [columns[0].time - half, columns.at(-1).time + half], yRange: [-rowHalf, 360 - rowHalf] });
    }
    this.raster.draw({ xRange: [x0, x1], yRange: [0, 360], yTickStep: 90, xLabel: 'time (s)', yLabel: 'neuron (preferred °)', layers });
    const m = this.model.measures;
    this.raster.canvas.setAttribute('aria-label', `Activity raster of ${this.model.params.n} neurons over the last ${PLOT_SECONDS} seconds; ` +
      `the bright band, the bump, is now at ${degrees(m.bump_deg)}, ${formatFixed(m.bump_width_deg, 0)} degrees wide.`);
  }

  #drawProfile(m) {
    const profile = this.model.profile ?? [];
    const xs = profile.map((_, i) => (360 * i) / profile.length);
    const ys = [...profile];
    if (profile.length) {
      xs.push(360);
      ys.push(profile[0]);
    }
    const largest = Math.max(1, ...profile.map(Math.abs));
    const stable = this.model.fixedPoints.filter((point) => point.stable);
    const unstable = this.model.fixedPoints.filter((point) => !point.stable);
    const layers = [
      { type: 'hline', y: 0, color: 'var(--series-6)', width: 1 },
      { type: 'line', xs, ys, color: 'var(--series-3)', width: 2 },
      { type: 'points', xs: stable.map((p) => p.angleDeg), ys: stable.map(() => 0), color: 'var(--series-2)', radius: 5 },
      { type: 'points', xs: unstable.map((p) => p.angleDeg), ys: unstable.map(() => 0), color: 'var(--series-1)', radius: 5, hollow: true },
    ];
    if (m.bump_deg !== null) layers.push({ type: 'vline', x: m.bump_deg, color: 'var(--series-0)', width: 1.5, dash: [5, 4] });
    this.profile.draw({ xRange: [0, 360], xTickStep: 90, yRange: [-largest * 1.15, largest * 1.15], xLabel: 'bump angle (°)', yLabel: 'drift (°/s)', layers });
    this.profile.canvas.setAttribute('aria-label', `Drift profile: speed of a bump held at each angle, largest ${degreesPerSecond(m.profile_max_drift_deg_per_s)}. ` +
      (stable.length ? `Stable fixed points at ${stable.map((p) => degrees(p.angleDeg, 0)).join(', ')}; unstable at ${unstable.map((p) => degrees(p.angleDeg, 0)).join(', ') || 'none'}.`
        : 'No fixed points: the drift does not change sign.'));
  }

  figures() {
    return [{ name: 'raster', figure: this.raster }, { name: 'bump', figure: this.bump }, { name: 'drift-profile', figure: this.profile }];
  }

  exportData() {
    const model = this.model;
    const rows = model.times.map((t, i) => [t, model.angles[i], model.commanded[i], model.tracking[i]]);
    const profile = model.profile ?? [];
    return {
      columns: ['time_s', 'bump_deg', 'commanded_deg', 'tracking_error_deg'],
      rows,
      json: {
        columns: ['time_s', 'bump_deg', 'commanded_deg', 'tracking_error_deg'],
        rows,
        drift_profile: profile.map((drift, i) => ({ angle_deg: (360 * i) / profile.length, drift_deg_per_s: drift })),
        fixed_points: model.fixedPoints.map((point) => ({ angle_deg: point.angleDeg, stable: point.stable })),
      },
    };
  }

  #showCursor(t) {
    if (t === null) {
      this.cursorText.textContent = '';
      return;
    }
    const { times, angles, commanded } = this.model;
    const i = Math.min(times.length - 1, firstIndexAtOrAfter(times, t));
    this.cursorText.textContent = i < 0 ? `t = ${formatFixed(t, 2)} s` :
      `t = ${formatFixed(times[i], 2)} s: bump at ${degrees(angles[i])}, commanded ${degrees(commanded[i])}`;
  }
}

customElements.define('al-ring', RingWidget);
