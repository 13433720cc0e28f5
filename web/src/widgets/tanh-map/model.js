// The tanh-map widget's model: the (alpha, theta) plane classified by the explorer in the worker
// (a resumable job with progress and stop), and the one map picked on it, whose orbit is run
// and shown.
import { disposeRemote, disposeRemotes, WidgetModel } from '../base/widget-model.js';

export const KIND_NAMES = ['fixed point', 'periodic', 'invariant circle', 'other'];
// The QPTA region starts just above alpha = 1 (tanh_map_explorer.md).
export const QPTA_ALPHA_MIN = 1.001;
export const QPTA_ALPHA_MAX = 10;
const STEPS_PER_SECOND = 60;
const SETTLE_STEPS = 1000;
const ORBIT_POINTS = 600;
const GRID_CELLS_PER_CHUNK = 150;

export class TanhMapModel extends WidgetModel {
  #map = null;
  #explorer = null;
  #grid = null;
  #generation = 0;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.orbit = { xs: [], ys: [] };
    this.plane = null;
  }

  get stepSeconds() {
    return 10 / STEPS_PER_SECOND;
  }

  get gridRunning() {
    return this.#grid !== null;
  }

  async build() {
    this.#generation += 1;
    this.stopGrid();
    const { grid_size: size, alpha_min: alphaMin, alpha_max: alphaMax, max_period: maxPeriod } = this.params;
    if (!(alphaMax > alphaMin)) throw Object.assign(new Error(`Largest α = ${alphaMax} must be above the smallest α = ${alphaMin}`), { param: 'alpha_max' });
    this.#explorer = await this.client.create('tanhMapExplorer', {
      alpha_min: alphaMin, alpha_max: alphaMax, alpha_count: size, theta_count: size, max_period: maxPeriod,
    });
    this.plane = null;
    this.measures = {};
    this.publish({ grid_size: size, grid_progress: 0, ...this.#cellCounts(this.#explorer.measures) });
    await this.#buildMap();
    // The grid runs beside the picked map's animation; no await, so the widget stays usable.
    this.runGrid();
  }

  async #buildMap() {
    const old = this.#map;
    this.#map = null;
    await disposeRemote(old);
    const { alpha, theta, epsilon, perturbation_seed: seed } = this.params;
    this.#map = await this.client.create('tanhMap', { alpha, theta });
    if (epsilon > 0) await this.#map.perturb(epsilon, seed);
    // Past the transient, so the orbit drawn is the attractor.
    const { trace } = await this.#map.run(SETTLE_STEPS);
    this.orbit = { xs: [], ys: [] };
    this.#appendOrbit(trace.subarray(trace.length - 2 * ORBIT_POINTS));
    await this.#publishMap();
  }

  async teardown() {
    this.stopGrid();
    const remotes = [this.#map, this.#explorer];
    this.#map = null;
    this.#explorer = null;
    await disposeRemotes(remotes);
  }

  async resetState() {
    await this.#buildMap();
  }

  async applyLive(name) {
    if (!['alpha', 'theta', 'epsilon', 'perturbation_seed'].includes(name)) return false;
    await this.#buildMap();
    return true;
  }

  // Picks (alpha, theta) on the plane: one change of both, without reclassifying the plane.
  pick(alpha, theta) {
    const clamp = (value, spec) => Math.min(spec.max, Math.max(spec.min, value));
    const a = Number(clamp(alpha, this.schema.params.alpha).toPrecision(4));
    const t = Number(clamp(theta, this.schema.params.theta).toPrecision(4));
    return this.enqueue('params', async () => {
      const previous = { alpha: this.params.alpha, theta: this.params.theta };
      Object.assign(this.params, { alpha: a, theta: t });
      try {
        await this.#buildMap();
      } catch (error) {
        Object.assign(this.params, previous);
        throw error;
      }
    });
  }

  async advance(seconds) {
    const steps = Math.max(1, Math.round(seconds * STEPS_PER_SECOND));
    const { trace } = await this.#map.run(steps);
    this.#appendOrbit(trace);
    await this.#publishMap();
  }

  #appendOrbit(pairs) {
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      this.orbit.xs.push(pairs[i]);
      this.orbit.ys.push(pairs[i + 1]);
    }
    const excess = this.orbit.xs.length - ORBIT_POINTS;
    if (excess > 0) {
      this.orbit.xs.splice(0, excess);
      this.orbit.ys.splice(0, excess);
    }
  }

  async #publishMap() {
    const m = this.#map.measures;
    const { alpha, theta } = this.params;
    const boundary = alpha >= 1 ? await this.client.static('tanhMapExplorer', 'qptaBoundary', Math.min(alpha, QPTA_ALPHA_MAX)) : null;
    const inAlpha = alpha >= QPTA_ALPHA_MIN && alpha <= QPTA_ALPHA_MAX;
    const half = Math.PI / 2;
    const inRegion = inAlpha && ((theta >= boundary && theta <= half - boundary) || (theta >= half + boundary && theta <= Math.PI - boundary));
    const inTongue = inAlpha && [0, half, Math.PI].some((center) => Math.abs(theta - center) < boundary);
    const code = m.attractor_kind;
    this.publish({
      alpha, theta, epsilon: this.params.epsilon,
      attractor_kind: KIND_NAMES[code] ?? null,
      attractor_kind_code: code ?? null,
      period: code === 0 || code === 1 ? m.period : null,
      rotation_number: m.attractor_rotation_number ?? null,
      in_qpta_region: inRegion,
      in_resonance_tongue: inTongue,
      qpta_boundary_rad: boundary,
      amplitude: m.amplitude ?? null,
      time_steps: m.time_steps,
    });
  }

  #cellCounts(m) {
    return {
      fixed_point_cells: m?.fixed_point_cells ?? 0, periodic_cells: m?.periodic_cells ?? 0,
      invariant_circle_cells: m?.invariant_circle_cells ?? 0, other_cells: m?.other_cells ?? 0,
    };
  }

  // Classifies the plane (or the rest of it) in the worker, with progress; stopGrid() ends it
  // with the cells done so far, and runGrid() again continues where it stopped.
  async runGrid() {
    if (this.#grid || !this.#explorer) return;
    const explorer = this.#explorer;
    const generation = this.#generation;
    const controller = new AbortController();
    this.#grid = controller;
    this.emit('grid');
    try {
      const result = await explorer.job({
        budget: GRID_CELLS_PER_CHUNK,
        views: ['alphasView', 'thetasView', 'kindsView', 'periodsView', 'rotationNumbersView', 'boundaryView'],
        signal: controller.signal,
        onProgress: ({ progress, measures }) => {
          if (generation !== this.#generation) return;
          this.publish({ grid_progress: progress, ...this.#cellCounts(measures) });
          this.#announceMeasures('grid');
        },
      });
      if (generation !== this.#generation) return;
      const v = result.views;
      this.plane = { alphas: v.alphasView, thetas: v.thetasView, kinds: v.kindsView, periods: v.periodsView,
        rotationNumbers: v.rotationNumbersView, boundary: v.boundaryView };
      this.publish({ grid_progress: result.progress, ...this.#cellCounts(result.measures) });
    } catch (error) {
      if (generation === this.#generation && error?.name !== 'WorkerRestarted') {
        this.dispatchEvent(new CustomEvent('error', { detail: { message: error.message, reason: 'grid' } }));
      }
    } finally {
      if (this.#grid === controller) this.#grid = null;
      if (generation === this.#generation) this.#announceMeasures('grid');
    }
  }

  stopGrid() {
    this.#grid?.abort();
    this.#grid = null;
  }

  #announceMeasures(reason) {
    this.emit(reason);
    this.dispatchEvent(new CustomEvent('measures', { detail: { measures: this.measures } }));
  }

  // The classification of the grid cell nearest (alpha, theta), or null before it is done.
  cellAt(alpha, theta) {
    const plane = this.plane;
    if (!plane) return null;
    const rows = plane.alphas.length;
    const cols = plane.thetas.length;
    const nearest = (values, x) => {
      let best = 0;
      for (let i = 1; i < values.length; i++) if (Math.abs(values[i] - x) < Math.abs(values[best] - x)) best = i;
      return best;
    };
    const r = nearest(plane.alphas, alpha);
    const c = nearest(plane.thetas, theta);
    if (r >= rows || c >= cols) return null;
    const index = r * cols + c;
    return { row: r, col: c, kind: plane.kinds[index], period: plane.periods[index], rotationNumber: plane.rotationNumbers[index] };
  }
}
