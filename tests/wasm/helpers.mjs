// Loading the built WebAssembly module in node, and running the native command-line build of the
// same core, so tests can compare the two.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.join(root, 'build/wasm/wasm');
const cli = path.join(root, 'build/native/cli/attractor-lab');

export async function loadLab() {
  const { default: createAttractorLab } = await import(
    pathToFileURL(path.join(wasmDir, 'attractor_lab.mjs')).href
  );
  // Node's fetch cannot load a file path, so the module gets its binary directly.
  return createAttractorLab({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'attractor_lab.wasm')) });
}

// Runs `attractor-lab ...args`; returns {json} on success or {error} with the core's message.
export function runNative(args) {
  const result = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status === 0) return { json: JSON.parse(result.stdout) };
  const match = /^error: (.*)$/m.exec(result.stderr);
  if (!match) throw new Error(`attractor-lab failed unexpectedly: ${result.stderr}`);
  return { error: match[1] };
}

// Creates a model, hands it to `body`, and deletes it whatever happens.
export async function using(model, body) {
  try {
    return await body(model);
  } finally {
    model.delete();
  }
}

// Fails unless `actual` and `expected` hold the same doubles, bit for bit (Object.is, so -0 and
// NaN count too), naming the first index that differs. The native tool writes NaN as null.
export function assertBitIdentical(actual, expected, what) {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: length ${actual.length} differs from ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const same = Object.is(actual[i], expected[i]) || (expected[i] === null && Number.isNaN(actual[i]));
    if (!same) {
      throw new Error(`${what}[${i}]: wasm ${actual[i]} != native ${expected[i]}`);
    }
  }
}

// A scenario as the native tool reads it: `key=value` per parameter, `name:arg:...` per action.
export function scenarioArgs(params, actions = []) {
  return [...Object.entries(params).map(([k, v]) => `${k}=${v}`), ...actions.map((a) => a.join(':'))];
}

// An analysis's options as the native tool reads them: `--key=value`.
export function optionArgs(options) {
  return Object.entries(options).map(([k, v]) => `--${k}=${v}`);
}

// Applies a scenario's actions to a wasm model as the native tool does, and returns the trace of
// every `run` joined. `methods` names the model's method where it differs from the action's name.
export function playActions(model, actions, methods = {}) {
  const trace = [];
  for (const [name, ...args] of actions) {
    model[methods[name] ?? name](...args);
    if (name === 'run') trace.push(...model.traceView());
  }
  return trace;
}

// Fails unless every number in `expected` stands in `actual` under the same key, bit for bit;
// the native JSON writes every non-finite number (NaN, +-Infinity) as null.
export function assertSameNumbers(actual, expected, what = '') {
  for (const key of Object.keys(expected)) {
    const same = expected[key] === null ? !Number.isFinite(actual[key]) : Object.is(actual[key], expected[key]);
    assert.ok(same, `${what}${key}: wasm ${actual[key]} != native ${expected[key]}`);
  }
}

// Advances a chunked analysis to its end, `budget` per call, checking that its progress starts
// at 0, rises at every call and ends at 1.
export function runToEnd(analysis, budget) {
  let previous = analysis.progress();
  assert.equal(previous, 0);
  while (!analysis.done()) {
    analysis.advance(budget);
    const progress = analysis.progress();
    assert.ok(progress > previous && progress <= 1, `progress ${previous} -> ${progress}`);
    previous = progress;
  }
  assert.equal(analysis.progress(), 1);
}

// Plays a scenario natively (`attractor-lab COMMAND`) and on the wasm `model`, which it deletes
// afterwards; returns the native JSON and the wasm trace, state, measures and parameters.
export function playBoth(command, model, params, actions, methods) {
  try {
    const native = runNative([command, ...scenarioArgs(params, actions)]).json;
    const trace = playActions(model, actions, methods);
    return {
      native,
      wasm: { trace, state: Array.from(model.stateView()), measures: model.measures(), params: model.params() },
    };
  } finally {
    model.delete();
  }
}
