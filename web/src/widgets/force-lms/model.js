// The FORCE-against-LMS bench's model: one LearningBench in the worker (a rate network with one
// input and readout feedback, trained one trial at a time) and the history the views draw: which
// values survived after every trial, and the interference each update caused at earlier states.
import { WidgetModel } from '../base/widget-model.js';
import { MEMORY_SETTINGS, PATTERN_SETTINGS } from './schema.js';

const TRIAL_VIEWS = ['outputsView', 'targetsView', 'valuesView', 'recalledView', 'outputChangesView', 'stateCorrelationsView'];
// Above this size the fixed-point search (about N^3 work per solver iteration, per trained value)
// would make one trial take minutes; only the free-run check runs.
export const MAX_FIXED_POINT_N = 300;
const finiteOrNull = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export class ForceLmsModel extends WidgetModel {
  // The settings of the run now built, and the last run that ran a trial before it.
  #runParams = null;
  #previous = null;

  constructor(client, schema, params) {
    super(client, schema, params);
    this.#clear();
  }

  // One press of Step is one trial, whatever its length in model time.
  get stepSeconds() {
    return 1;
  }

  get isMemory() {
    return this.params.task === 'memory';
  }

  get searchesFixedPoints() {
    return this.params.fixed_points && this.params.n <= MAX_FIXED_POINT_N;
  }

  // The flat parameter object of the core's LearningBench.
  benchParams() {
    const p = this.params;
    const common = { rule: p.rule, task: p.task, order: p.order, n: p.n, g: p.g, seed: p.seed, learning_rate: p.eta };
    return this.isMemory
      ? { ...common, ...MEMORY_SETTINGS, values: p.values, center: p.center, spread: p.spread,
        find_fixed_points: this.searchesFixedPoints ? 1 : 0 }
      : { ...common, ...PATTERN_SETTINGS, levels: p.values };
  }

  async build() {
    // The run being replaced becomes the previous run a lesson compares with, if it ran a trial
    // (a Reset of a run makes it its own previous run: the same settings, run again).
    if (this.#runParams && this.survivalHistory.length) {
      this.#previous = { ...this.#runParams, trials: this.survivalHistory.length, interference: this.interferenceByTrial.slice() };
    }
    this.#runParams = { ...this.params };
    this.#clear();
    this.remote = await this.client.create('learningBench', this.benchParams());
    const { views } = await this.remote.invoke('trials', [], { views: ['valuesView'] });
    this.values = Array.from(views.valuesView);
    this.#publish(this.remote.measures ?? {});
  }

  // Runs one trial in the worker (Play runs one per frame, one after the other).
  async advance() {
    this.running = true;
    this.emit('progress');
    try {
      const { value: measures, views } = await this.remote.invoke('runTrial', [], { views: TRIAL_VIEWS });
      const { value: survived } = await this.remote.invoke('survived');
      const { value: shapes } = await this.remote.invoke(this.isMemory ? 'fixedPoints' : 'limitCycles');
      this.#record(measures, views, Array.from(survived), shapes);
    } catch (error) {
      if (error?.name === 'WorkerRestarted') throw error;
      this.playing = false;
      throw Object.assign(new Error(`${String(error.message).replace(/\.$/, '')}. The training was paused; press Reset to start again.`), { divergence: true });
    } finally {
      this.running = false;
    }
  }

  // Runs up to `count` trials, one at a time, so that a Stop (`signal`) ends the run after the
  // trial in progress and every trial's measures are published. Resolves to the trials run.
  async runTrials(count, { signal, onProgress } = {}) {
    this.pause();
    const remote = this.remote;
    let done = 0;
    // A new network (a changed setting, Reset) ends the run too.
    while (done < count && !signal?.aborted && !this.disposed && this.remote === remote) {
      if (!(await this.step())) break;
      done += 1;
      onProgress?.(done / count);
    }
    return done;
  }

  isDiverged() {
    const m = this.measures;
    return [m.readout_norm, m.last_trial_error].some((v) => typeof v === 'number' && !Number.isFinite(v));
  }

  #clear() {
    this.values = [];
    this.outputs = [];
    this.targets = [];
    this.recalled = [];
    this.survived = [];
    this.fixedPointList = [];
    this.limitCycleList = [];
    // Per trial: { trial, value, survived: [1 | 0 | NaN per value] }.
    this.survivalHistory = [];
    // Per earlier value at every trial: { trial, correlation, change }.
    this.interference = [];
    this.lastInterference = [];
    // mean_output_change_all_trials after each trial (index 0: after trial 1).
    this.interferenceByTrial = [];
    this.running = false;
  }

  #record(measures, views, survived, shapes) {
    this.outputs = Array.from(views.outputsView);
    this.targets = Array.from(views.targetsView);
    this.values = Array.from(views.valuesView);
    this.recalled = Array.from(views.recalledView);
    this.survived = survived.map((s) => (s === null ? NaN : s));
    const trial = measures.trials;
    const value = this.isMemory ? measures.last_value : measures.last_level;
    this.survivalHistory.push({ trial, value, survived: this.survived.slice() });
    if (this.isMemory) {
      this.fixedPointList = shapes;
      const changes = views.outputChangesView;
      const correlations = views.stateCorrelationsView;
      this.lastInterference = [];
      for (let m = 0; m < changes.length; m++) {
        if (!Number.isFinite(changes[m]) || !Number.isFinite(correlations[m])) continue;
        this.lastInterference.push({ trial, value: this.values[m], correlation: correlations[m], change: changes[m] });
      }
      this.interference.push(...this.lastInterference);
    } else {
      this.limitCycleList = shapes;
    }
    this.#publish(measures);
  }

  #publish(core) {
    const p = this.params;
    const stored = this.survived.filter((s) => Number.isFinite(s)).length;
    const alive = this.survived.filter((s) => s === 1).length;
    let squares = 0;
    for (let t = 0; t < this.outputs.length; t++) squares += (this.outputs[t] - this.targets[t]) ** 2;
    const last = this.outputs.length - 1;
    const changes = this.lastInterference.map((e) => Math.abs(e.change));
    const mean = (list) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : null);
    const memoryMean = (of) => (this.isMemory ? mean(this.interference.map(of)) : null);
    const trial = core.trials ?? 0;
    const interferenceAllTrials = memoryMean((e) => Math.abs(e.change));
    if (trial > 0) this.interferenceByTrial[trial - 1] = interferenceAllTrials;
    const before = this.#previous;
    this.publish({
      rule: p.rule,
      task: p.task,
      trial,
      trials_to_criterion: core.trials_to_criterion ?? null,
      values_stored: stored,
      values_survived: alive,
      values_destroyed: stored - alive,
      fraction_survived: stored ? alive / stored : null,
      fixed_points: finiteOrNull(core.fixed_points),
      attracting_fixed_points: finiteOrNull(core.attracting_fixed_points),
      fixed_point_survivors: finiteOrNull(core.fixed_point_survivors),
      last_value: core.trials ? finiteOrNull(this.isMemory ? core.last_value : core.last_level) : null,
      last_trial_error: this.outputs.length ? Math.sqrt(squares / this.outputs.length) : null,
      last_trial_end_error: this.outputs.length ? Math.abs(this.outputs[last] - this.targets[last]) : null,
      mean_output_change: this.isMemory ? mean(changes) : null,
      mean_output_change_all_trials: interferenceAllTrials,
      max_output_change: this.isMemory && changes.length ? Math.max(...changes) : null,
      mean_state_correlation: this.isMemory ? mean(this.lastInterference.map((e) => e.correlation)) : null,
      mean_state_correlation_all_trials: memoryMean((e) => e.correlation),
      mean_abs_state_correlation_all_trials: memoryMean((e) => Math.abs(e.correlation)),
      readout_norm: finiteOrNull(core.readout_norm) ?? 0,
      n: p.n,
      g: p.g,
      eta: p.eta,
      order: p.order,
      values: p.values,
      spread: p.spread,
      center: p.center,
      seed: p.seed,
      previous_rule: before?.rule ?? null,
      previous_order: before?.order ?? null,
      previous_eta: before?.eta ?? null,
      previous_seed: before?.seed ?? null,
      previous_values: before?.values ?? null,
      previous_center: before?.center ?? null,
      previous_spread: before?.spread ?? null,
      previous_trial: before?.trials ?? null,
      previous_interference_at_trial: (before && trial > 0 && trial <= before.trials) ? before.interference[trial - 1] ?? null : null,
    });
  }
}
