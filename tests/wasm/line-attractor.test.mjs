// The WebAssembly build of the line attractor against the native build of the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical, playBoth, scenarioArgs } from './helpers.mjs';

const lab = await loadLab();

// The same scenario in wasm and natively: both results.
const bothBuilds = (params, actions) => playBoth('line', new lab.LineAttractor(params), params, actions);

const scenarios = [
  { params: { n: 2, seed: 1 }, actions: [['store', 0.7], ['run', 3000]] },
  { params: { n: 64, seed: 7 }, actions: [['perturb', 0.02, 5], ['store', 1], ['run', 5000]] },
  { params: { n: 257, seed: 3, tuned_eigenvalue: 0.99 }, actions: [['store', -1.5], ['run', 1500], ['perturb', 0.1, 2], ['run', 1500]] },
  { params: { n: 16, tau: 0.02, dt: 0.0005, heterogeneity: 0.9 }, actions: [['perturb', 0.3, 11], ['store', 2], ['run', 4000]] },
];

for (const { params, actions } of scenarios) {
  test(`wasm and native give bit-identical trajectories: ${JSON.stringify(params)}`, () => {
    const { native, wasm } = bothBuilds(params, actions);
    assertBitIdentical(wasm.trace, native.trace, 'trace');
    assertBitIdentical(wasm.state, native.state, 'state');
    // Everything computed by the simulation itself is bit-identical...
    for (const name of ['time_s', 'remembered_value', 'stored_value', 'epsilon',
      'measured_drift_rate_per_s', 'drift_reference_time_s', 'drift_reference_value']) {
      assert.ok(Object.is(wasm.measures[name], native.measures[name]),
        `${name}: wasm ${wasm.measures[name]} != native ${native.measures[name]}`);
    }
    // ...while the eigenvalue comes from Eigen's LU factorization, whose summation order depends
    // on the build's SIMD width, so it may differ in the last bits.
    const lambdaNative = native.measures.memory_eigenvalue;
    assert.ok(Math.abs(wasm.measures.memory_eigenvalue - lambdaNative) <= 1e-12 * Math.abs(lambdaNative),
      `memory_eigenvalue: wasm ${wasm.measures.memory_eigenvalue} vs native ${lambdaNative}`);
    assert.deepEqual(wasm.params, native.params);
  });
}

test('bad configurations reject with the same message as the native core', () => {
  const cases = [
    { n: 1 }, { n: 1025 }, { n: 2.5 }, { dt: 0 }, { dt: 0.05 }, { tau: -1 }, { heterogeneity: 0.99 },
    { neurons: 10 }, { pulse_duration: 0.0005, dt: 0.001 },
  ];
  for (const params of cases) {
    const native = runNative(['line', ...scenarioArgs(params)]);
    assert.ok(native.error, `native accepted ${JSON.stringify(params)}`);
    assert.throws(() => new lab.LineAttractor(params), (error) => {
      assert.ok(error instanceof Error);
      assert.equal(error.message, native.error);
      return true;
    });
  }
});

test('bad calls reject with a clear message and change nothing', async () => {
  await using(new lab.LineAttractor({ n: 8 }), (model) => {
    model.store(0.5);
    model.run(100);
    const before = model.measures();
    assert.throws(() => model.perturb(-0.1, 1), { message: /epsilon = -0.1 is not allowed; epsilon must be a number from 0 to 1/ });
    assert.throws(() => model.perturb(0.1, 1.5), { message: /perturbation_seed = 1.5 is not allowed/ });
    assert.throws(() => model.run(2.5), { message: /steps = 2.5 is not allowed; steps must be an integer/ });
    assert.throws(() => model.run(-1), { message: /steps = -1/ });
    assert.throws(() => model.store(NaN), { message: /value = nan/ });
    assert.throws(() => model.store(Infinity), { message: /value = inf/ });
    assert.deepEqual(model.measures(), before);
  });
  assert.throws(() => new lab.LineAttractor({ n: '64' }), { message: 'line attractor: n must be a number, but a string was given' });
  assert.throws(() => new lab.LineAttractor([1, 2]), { message: /parameters must be an object/ });
  // A failed construction leaves the module usable.
  await using(new lab.LineAttractor({}), (model) => assert.equal(model.size(), 64));
});

test('state and trace are zero-copy views of the module memory', async () => {
  await using(new lab.LineAttractor({ n: 5 }), (model) => {
    model.store(1);
    model.run(10);
    const state = model.stateView();
    const trace = model.traceView();
    assert.ok(state instanceof Float64Array);
    assert.equal(state.buffer, lab.HEAPF64.buffer);
    assert.equal(trace.buffer, lab.HEAPF64.buffer);
    assert.equal(state.length, 5);
    assert.equal(trace.length, 10);
    const before = Array.from(state);
    model.run(10);
    assert.notDeepEqual(Array.from(state), before, 'the view follows the state without a new call');
    const m = model.memoryDirectionView();
    const readout = m.reduce((sum, mi, i) => sum + mi * state[i], 0);
    assert.ok(Math.abs(readout - model.readout()) < 1e-15);
  });
});

test('parameter specs are the same natively and in wasm', () => {
  const native = runNative(['specs', 'line']).json;
  assert.deepEqual(lab.LineAttractor.paramSpecs(), native);
  const args = lab.LineAttractor.argumentSpecs();
  assert.deepEqual(Object.keys(args).sort(), ['epsilon', 'perturbation_seed', 'steps', 'value']);
  assert.equal(args.epsilon.max, 1);
});

test('a tuned network holds its value in wasm too; a perturbed one drifts as predicted', async () => {
  await using(new lab.LineAttractor({ n: 64, seed: 2 }), (model) => {
    model.store(0.8);
    model.run(10050);
    assert.ok(Math.abs(model.readout() - 0.8) < 1e-9);
    model.perturb(0.02, 3);
    model.run(10000);
    const m = model.measures();
    assert.ok(Math.abs(m.measured_drift_rate_per_s - m.predicted_drift_rate_per_s) <
      0.01 * Math.abs(m.predicted_drift_rate_per_s));
  });
});
