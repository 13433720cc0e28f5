// The simulation worker: owns the WebAssembly module and every model in it, so that stepping a
// network never blocks the page. Requests arrive as {id, op, ...} and are answered with
// {id, ok: true, result} or {id, ok: false, error: {name, message}}; see client.js.
import createAttractorLab from '../../wasm/attractor_lab.mjs';

const modulePromise = createAttractorLab();

// Model kinds the page may create, with the methods it may call on them.
const KINDS = {
  line: { className: 'LineAttractor', methods: ['perturb', 'store', 'reset'] },
};

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
  return { time: model.time(), measures: model.measures() };
}

const operations = {
  async specs({ kind }) {
    const lab = await modulePromise;
    const cls = lab[kindOf(kind).className];
    return { params: cls.paramSpecs(), arguments: cls.argumentSpecs() };
  },

  async create({ kind, params }) {
    const lab = await modulePromise;
    const model = new lab[kindOf(kind).className](params ?? {});
    const handle = nextHandle++;
    models.set(handle, { kind, model });
    return { handle, params: model.params(), size: model.size(), ...snapshot(model) };
  },

  async call({ handle, method, args = [] }) {
    const { kind, model } = entryOf(handle);
    if (!KINDS[kind].methods.includes(method)) {
      throw new Error(`a ${kind} model has no method "${method}"`);
    }
    model[method](...args);
    return snapshot(model);
  },

  // Runs `steps` steps and returns the readout after each as a transferable Float64Array.
  async run({ handle, steps }) {
    const { model } = entryOf(handle);
    model.run(steps);
    const trace = model.traceView().slice();  // copy out of wasm memory, then transfer
    return { result: { trace, ...snapshot(model) }, transfer: [trace.buffer] };
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
  const { id, op, ...payload } = data ?? {};
  try {
    if (!Object.hasOwn(operations, op)) throw new Error(`unknown operation "${op}"`);
    const answer = await operations[op](payload);
    const { result, transfer } = answer?.transfer ? answer : { result: answer, transfer: [] };
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    const name = error?.name ?? 'Error';
    const message = error?.message ?? String(error);
    self.postMessage({ id, ok: false, error: { name, message } });
  }
};
