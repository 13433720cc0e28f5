// The simulation worker: owns the WebAssembly module and every model in it, so that stepping a
// network never blocks the page. Requests arrive as {id, op, ...} and are answered with
// {id, ok: true, result} or {id, ok: false, error: {name, message}}; see client.js.
import createAttractorLab from '../../wasm/attractor_lab.mjs';
import { nextChunkSize } from './chunks.js';
import { PAGE_MODULE_WORKER } from './page-module.js';
import { instantiateWasmResponse } from './wasm-response.js';

// The offline single-file build puts the module's bytes in a global before this script runs.
const wasmBinary = globalThis.attractorLabWasmBinary;
// A page that compiled the module itself (it preloads it) names the worker PAGE_MODULE_WORKER and
// sends the compiled module as a message {op: 'module', module}; null there means fetch it here.
let receivePageModule = null;
const modulePromise = wasmBinary ? createAttractorLab({ wasmBinary })
  : self.name === PAGE_MODULE_WORKER
    ? new Promise((resolve) => {
      receivePageModule = resolve;
    }).then((module) => (module ? startFromModule(module) : startFromServer()))
    : startFromServer();

function startFromModule(module) {
  return new Promise((resolve, reject) => {
    createAttractorLab({
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance, module), reject);
        return {};
      },
    }).then(resolve, reject);
  });
}

function startFromServer() {
  const url = new URL('../../wasm/attractor_lab.wasm', import.meta.url);
  return new Promise((resolve, reject) => {
    createAttractorLab({
      // Replaces the module's own loader, which tries streaming first and fetches again after it fails.
      instantiateWasm(imports, receiveInstance) {
        fetch(url, { credentials: 'same-origin' })
          .then((response) => instantiateWasmResponse(response, imports))
          .then(({ instance, module }) => receiveInstance(instance, module), reject);
        return {};
      },
    }).then(resolve, reject);
  });
}

// Model kinds the page may create: the module's class, the methods a page may call on an instance
// (`call` answers with the measures, `invoke` with the method's own result), the zero-copy views
// it may read (copied out before they cross to the page), and the static functions it may call.
// Every simulation (wasm/simulation_binding.hpp) shares perturb, reset and its trace and state
// views; a simulation kind lists only its own methods and views.
const simulation = (className, { methods = [], views = [] } = {}) => ({
  className, methods: ['perturb', 'reset', ...methods], views: ['traceView', 'stateView', ...views],
});

const KINDS = {
  line: simulation('LineAttractor', { methods: ['store'], views: ['memoryDirectionView'] }),
  trainer: {
    className: 'Trainer',
    methods: ['setParameters', 'measures', 'stepsTaken', 'stopReason', 'recurrentEigenvalues', 'lyapunovExponents', 'validationBatch', 'validationTrial', 'validationGradientNorms', 'layout', 'lossAndGradient'],
    views: ['lossesView', 'gradientNormsView', 'hiddenGradientNormsView', 'parametersView'],
    statics: ['taskNames', 'taskSpecs', 'networkSpecs', 'optimizerSpecs', 'trainingSpecs'],
  },
  ring: simulation('RingAttractor', { methods: ['cue', 'setVelocity', 'runVelocities', 'driftProfile', 'profileFixedPoints'], views: ['ratesView'] }),
  torus: simulation('TorusNetwork', { methods: ['blocks'], views: ['rotationNumbersView', 'amplitudesView', 'phasesView', 'sectionView'] }),
  tanhMap: simulation('TanhMap', { methods: ['classify'] }),
  tanhMapExplorer: {
    className: 'TanhMapExplorer',
    methods: ['reset', 'alphaCount', 'thetaCount'],
    views: ['alphasView', 'thetasView', 'kindsView', 'periodsView', 'rotationNumbersView', 'boundaryView', 'boundaryGridView'],
    statics: ['qptaBoundary', 'sampleQptaBlocks'],
  },
  stuartLandau: simulation('StuartLandau'),
  headDirectionOscillator: simulation('HeadDirectionOscillator', { methods: ['drive', 'driveInput'] }),
  learningBench: {
    className: 'LearningBench',
    methods: ['runTrial', 'runTrials', 'measures', 'trials', 'trialsToCriterion', 'rule', 'task', 'survived', 'fixedPoints', 'limitCycles'],
    views: ['outputsView', 'targetsView', 'readoutView', 'valuesView', 'fixedPointSurvivedView', 'recalledView', 'outputChangesView', 'stateCorrelationsView'],
    statics: ['paramSpecs'],
  },
  waveLattice: {
    className: 'WaveLattice',
    methods: ['stepWithInput', 'step', 'reset', 'eigenvalues', 'spectrum', 'latticePhi', 'matchedSpectrumError', 'analyzeNetwork', 'dims', 'lag', 'growth', 'rootsOfUnityError'],
    views: ['latticeView', 'stepMatrixView'],
    statics: ['paramSpecs', 'rootsOfUnityError'],
  },
  robustnessSweep: {
    className: 'RobustnessSweep',
    methods: ['seeds', 'records', 'epsilons', 'times', 'mean', 'spread', 'minimum', 'maximum', 'values', 'quantities'],
    views: [],
    statics: ['quantities'],
  },
};

// Analyses that can run on any model above (each is a resumable object in the module).
const ANALYSES = {
  lyapunov: { className: 'LyapunovSpectrum', results: ['exponents', 'historyTimes', 'history', 'state'] },
  fixedPoints: { className: 'FixedPoints', results: ['points', 'finishedStarts', 'rejected'] },
  gradientPersistence: { className: 'GradientPersistence', results: ['recordSteps', 'recordTimes', 'logSingularValues'] },
};

// Copies a result out of wasm memory: typed-array views become arrays of their own.
function detach(value) {
  return ArrayBuffer.isView(value) ? value.slice() : value;
}

// Long jobs run in chunks of about CHUNK_MS (see chunks.js); between chunks the worker reports
// progress and yields so that a 'cancel' message (Stop, Pause, a new setting) can arrive.
const cancelled = new Set();
const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

// Chunk sizes for one job: the first chunk is `first` units (1 when the cost is unknown), at
// most `max` units per chunk (callers keep small models reporting often enough to draw).
function chunkSizer(first = 1, max = Infinity) {
  let size = Math.max(1, Math.min(Math.floor(Number.isFinite(first) ? first : 1), max));
  return {
    get size() {
      return size;
    },
    // Records that `units` units took `milliseconds` and sets the next chunk's size.
    measured(units, milliseconds) {
      size = Math.floor(nextChunkSize(units, milliseconds, { max }));
    },
  };
}

// Runs `work(units)` chunk after chunk until it answers false (nothing left), reporting after
// each chunk; resolves to true when a cancel for job `id` arrived (the job then ends after the
// running chunk, the work done so far kept).
async function runChunks(id, sizer, work, report) {
  for (;;) {
    const units = sizer.size;
    const start = performance.now();
    const more = work(units);
    report();  // timed with the chunk: a trainer's report evaluates the validation batch
    sizer.measured(units, performance.now() - start);
    if (!more) {
      cancelled.delete(id);
      return false;
    }
    await yieldToMessages();
    if (cancelled.delete(id)) return true;
  }
}

function progress(id, value) {
  self.postMessage({ id, progress: value });
}

const models = new Map();
let nextHandle = 1;

function kindOf(name) {
  if (!Object.hasOwn(KINDS, name)) {
    throw new Error(`unknown model kind "${name}"; known kinds: ${Object.keys(KINDS).join(', ')}`);
  }
  return KINDS[name];
}

function entryOf(handle) {
  const entry = models.get(handle);
  if (!entry) throw new Error(`no model with handle ${handle} (it was disposed or never created)`);
  return entry;
}

function snapshot(model) {
  return { time: model.time?.() ?? null, measures: model.measures?.() ?? null };
}

function allowed(list, name, what, kind) {
  if (!(list ?? []).includes(name)) {
    throw new Error(`a ${kind} model has no ${what} "${name}"; allowed: ${(list ?? []).join(', ') || 'none'}`);
  }
}

// Copies the named views out of wasm memory, each as its own transferable array.
function readViews(kind, model, names = []) {
  const views = {};
  for (const name of names) {
    allowed(KINDS[kind].views, name, 'view', kind);
    views[name] = model[name]().slice();
  }
  return views;
}

function transfersOf(views) {
  return Object.values(views).map((view) => view.buffer);
}

const operations = {
  async specs({ kind }) {
    const lab = await modulePromise;
    const cls = lab[kindOf(kind).className];
    return { params: cls.paramSpecs?.() ?? null, arguments: cls.argumentSpecs?.() ?? null };
  },

  // Calls one of a kind's allowed static functions (for example the tasks a trainer knows).
  async static({ kind, method, args = [] }) {
    const lab = await modulePromise;
    allowed(kindOf(kind).statics, method, 'static function', kind);
    // Some statics are free functions of the module (Module.qptaBoundary), not of the class.
    const cls = lab[KINDS[kind].className];
    const owner = typeof cls[method] === 'function' ? cls : lab;
    return detach(owner[method](...args));
  },

  // `args` are the constructor's arguments after the parameters object, for the kinds that take more.
  async create({ kind, params, args = [] }) {
    const lab = await modulePromise;
    const model = new lab[kindOf(kind).className](params ?? {}, ...args);
    const handle = nextHandle++;
    models.set(handle, { kind, model });
    return {
      handle,
      params: model.params ? model.params() : params,
      size: model.size ? model.size() : null,
      ...snapshot(model),
    };
  },

  async call({ handle, method, args = [] }) {
    const { kind, model } = entryOf(handle);
    if (!KINDS[kind].methods.includes(method)) {
      throw new Error(`a ${kind} model has no method "${method}"`);
    }
    model[method](...args);
    return snapshot(model);
  },

  // Calls an allowed method and answers with its result, the named views read after it, and
  // the model's time and measures: one round trip per user action or animation frame.
  async invoke({ handle, method, args = [], views = [] }) {
    const { kind, model } = entryOf(handle);
    allowed(KINDS[kind].methods, method, 'method', kind);
    const value = detach(model[method](...args));
    const copies = readViews(kind, model, views);
    return { result: { value, views: copies, ...snapshot(model) }, transfer: transfersOf(copies) };
  },

  // Runs `steps` steps and returns the readout after each as a transferable Float64Array, and
  // any other views asked for.
  async run({ handle, steps, views = [] }) {
    const { kind, model } = entryOf(handle);
    model.run(steps);
    const trace = model.traceView().slice();  // copy out of wasm memory, then transfer
    const copies = readViews(kind, model, views);
    return { result: { trace, views: copies, ...snapshot(model) }, transfer: [trace.buffer, ...transfersOf(copies)] };
  },

  // Advances a model that is itself a long job (advance/progress/done: the tanh-map explorer, a
  // robustness measure) in chunks of about CHUNK_MS (chunks.js) until done, with progress and
  // stop; `budget` is the most units a chunk may advance (the first chunk advances `first`,
  // default 1). Answers with the named views and methods' results at the end (or where it was
  // stopped).
  async job({ id, handle, budget = 1000, first = 1, views = [], results = [] }) {
    const { kind, model } = entryOf(handle);
    let wasCancelled = false;
    if (!model.done()) {
      wasCancelled = await runChunks(id, chunkSizer(first, budget), (units) => {
        model.advance(units);
        return !model.done();
      }, () => progress(id, { progress: model.progress(), ...snapshot(model) }));
    }
    const values = {};
    for (const name of results) {
      allowed(KINDS[kind].methods, name, 'method', kind);
      values[name] = detach(model[name]());
    }
    const copies = readViews(kind, model, views);
    return {
      result: { cancelled: wasCancelled, done: model.done(), progress: model.progress(), values, views: copies, ...snapshot(model) },
      transfer: transfersOf(copies),
    };
  },

  // Trains up to `steps` steps in chunks of about CHUNK_MS (at most `chunk` steps; the first
  // chunk is `first` steps, default 1), reporting {done, total, measures} after each chunk.
  // Resolves with the losses of this job and the final measures; a cancel ends it after the
  // running chunk with what was done so far (cancelled: true), never with lost work.
  async train({ id, handle, steps, chunk = 25, first = 1 }) {
    const { kind, model } = entryOf(handle);
    if (kind !== 'trainer') throw new Error(`a ${kind} model cannot be trained`);
    if (!Number.isInteger(steps) || steps < 0) throw new Error(`steps = ${steps} must be a whole number of at least 0`);
    const start = model.lossesView().length;
    let done = 0;
    let wasCancelled = false;
    let stopped = false;
    if (steps > 0) {
      wasCancelled = await runChunks(id, chunkSizer(first, chunk), (units) => {
        const taken = model.train(Math.min(units, steps - done));
        done += taken;
        stopped = taken === 0 || Boolean(model.stopReason());
        return !stopped && done < steps;
      }, () => {
        if (!stopped) progress(id, { done, total: steps, measures: model.measures() });
      });
    }
    const losses = model.lossesView().slice(start);
    return {
      result: { done, cancelled: wasCancelled, stopReason: model.stopReason(), losses, measures: model.measures() },
      transfer: [losses.buffer],
    };
  },

  // Runs an analysis of a model in chunks of about CHUNK_MS (at most `budget` steps; the first
  // chunk `first` steps, default 1), reporting {progress} (0 to 1) after each; a cancel ends it
  // with the partial results (cancelled: true).
  async analyze({ id, handle, analysis, config = {}, budget = 500, first = 1 }) {
    const { model } = entryOf(handle);
    if (!Object.hasOwn(ANALYSES, analysis)) {
      throw new Error(`unknown analysis "${analysis}"; known analyses: ${Object.keys(ANALYSES).join(', ')}`);
    }
    const lab = await modulePromise;
    const spec = ANALYSES[analysis];
    const job = new lab[spec.className](model, config);
    try {
      let wasCancelled = false;
      if (!job.done()) {
        wasCancelled = await runChunks(id, chunkSizer(first, budget), (units) => {
          job.advance(units);
          return !job.done();
        }, () => progress(id, { progress: job.progress() }));
      }
      const result = { cancelled: wasCancelled, done: job.done(), progress: job.progress() };
      for (const name of spec.results) result[name] = detach(job[name]());
      return result;
    } finally {
      job.delete();
    }
  },

  // PCA of a trajectory of any model (one call, short): the trajectory on the first k components
  // (k x samples, column-major), the explained variance ratios, and `points` (dimension x m,
  // column-major, e.g. fixed points) projected on the same components. `initial`: the
  // trajectory's first state (otherwise drawn from the config's seed).
  async pca({ handle, config = {}, points = null, initial = null }) {
    const { model } = entryOf(handle);
    const lab = await modulePromise;
    const pca = initial ? new lab.Pca(model, config, initial) : new lab.Pca(model, config);
    try {
      const trajectory = pca.trajectory().slice();
      const projected = points && points.length ? pca.project(points) : new Float64Array(0);
      return {
        result: { k: pca.count(), samples: trajectory.length / pca.count(), trajectory,
          explainedRatio: detach(pca.explainedRatio()), projected },
        transfer: [trajectory.buffer],
      };
    } finally {
      pca.delete();
    }
  },

  // A versioned JSON text that restores the trainer exactly (see restore).
  async checkpoint({ handle }) {
    const { kind, model } = entryOf(handle);
    if (kind !== 'trainer') throw new Error(`a ${kind} model has no checkpoint`);
    return { checkpoint: model.checkpoint() };
  },

  async restore({ checkpoint }) {
    const lab = await modulePromise;
    if (typeof checkpoint !== 'string') throw new Error('checkpoint must be the text of a checkpoint file');
    const model = lab.Trainer.fromCheckpoint(checkpoint);
    const handle = nextHandle++;
    models.set(handle, { kind: 'trainer', model });
    return { handle, params: null, size: null, ...snapshot(model) };
  },

  // The module's memory in bytes and the number of live models (leak checks in the soak test).
  async heapSize() {
    const lab = await modulePromise;
    return { bytes: lab.HEAP8.length, models: models.size };
  },

  // Traps the module on purpose (tests of the recovery after a crash).
  async trapForTesting() {
    const lab = await modulePromise;
    lab.trapForTesting();
    return {};
  },

  async cancel({ target }) {
    cancelled.add(target);
    return {};
  },

  async dispose({ handle }) {
    const entry = models.get(handle);
    if (entry) {
      entry.model.delete();
      models.delete(handle);
    }
    return {};
  },
};

self.onmessage = async ({ data }) => {
  if (data?.op === 'module') {
    receivePageModule?.(data.module);
    return;
  }
  const { id, op, ...payload } = data ?? {};
  try {
    if (!Object.hasOwn(operations, op)) throw new Error(`unknown operation "${op}"`);
    const answer = await operations[op]({ id, ...payload });
    const { result, transfer } = answer?.transfer ? answer : { result: answer, transfer: [] };
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    const name = error?.name ?? 'Error';
    const message = error?.message ?? String(error);
    // A trap (or an abort, which emscripten raises as a RuntimeError) leaves the module's memory
    // in an unknown state: the page must start a new worker.
    const fatal = error instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, fatal, error: { name, message } });
  }
};
