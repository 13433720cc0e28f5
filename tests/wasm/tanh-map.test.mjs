// The WebAssembly build of the 2-D tanh map, its explorer and the QPTA sampler against the native
// build of the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical, assertSameNumbers, playActions, scenarioArgs } from './helpers.mjs';

const lab = await loadLab();

function assertSameObject(actual, expected, what) {
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `${what}: keys`);
  assertSameNumbers(actual, expected, `${what}.`);
}

const mapScenarios = [
  { params: { alpha: 1.5, theta: 1 }, actions: [['run', 3000]] },
  { params: { alpha: 0.9, theta: 2, x0: -0.3, y0: 0.7 }, actions: [['run', 500]] },
  { params: { alpha: 3, theta: 3.1 }, actions: [['perturb', 0.2, 4], ['run', 1000], ['reset'], ['run', 700]] },
  { params: { alpha: 7, theta: 0.7 }, actions: [['run', 100], ['perturb', 0.05, 9], ['run', 2000]] },
];

for (const { params, actions } of mapScenarios) {
  test(`tanh map: wasm and native bit-identical: ${JSON.stringify(params)}`, async () => {
    const native = runNative(['tanh-map', ...scenarioArgs(params, actions)]).json;
    await using(new lab.TanhMap(params), (model) => {
      const trace = playActions(model, actions);
      assertBitIdentical(trace, native.trace, 'trace');
      assertBitIdentical(model.stateView(), native.state, 'state');
      assertSameObject(model.measures(), native.measures, 'measures');
      assertSameObject(model.classify(), native.classification, 'classification');
      assert.deepEqual(model.params(), native.params);
    });
  });
}

test('explorer: wasm and native classify a grid identically, in chunks', async () => {
  const params = { alpha_min: 0.9, alpha_max: 6, alpha_count: 8, theta_count: 61 };
  const native = runNative(['tanh-map-explorer', ...scenarioArgs(params), 'advance:100000']).json;
  await using(new lab.TanhMapExplorer(params), (explorer) => {
    let last = 0;
    while (!explorer.done()) {
      assert.ok(explorer.advance(37) > 0);
      assert.ok(explorer.progress() > last);
      last = explorer.progress();
    }
    assertBitIdentical(explorer.kindsView(), native.kinds, 'kinds');
    assertBitIdentical(explorer.periodsView(), native.periods, 'periods');
    assertBitIdentical(explorer.rotationNumbersView(), native.rotation_numbers, 'rotation numbers');
    assertBitIdentical(explorer.boundaryView(), native.boundary, 'boundary');
    assertBitIdentical(explorer.boundaryGridView(), native.boundary_grid, 'boundary_grid');
    assertBitIdentical(explorer.boundaryPeriod4View(), native.boundary_period4, 'boundary_period4');
    assertBitIdentical(explorer.boundaryPeriod2View(), native.boundary_period2, 'boundary_period2');
    assertSameObject(explorer.measures(), native.measures, 'measures');
    assert.ok(explorer.kindsView() instanceof Int32Array);
    assert.equal(explorer.kindsView().buffer, lab.HEAP8.buffer);
    // L grows with alpha above 1 and is missing below.
    const b = explorer.boundaryView();
    assert.ok(Number.isNaN(b[0]));
    for (let i = 2; i < b.length; i++) assert.ok(b[i] > b[i - 1]);
  });
});

test('QPTA sampler and boundary table: bit-identical, admissible', () => {
  for (const [count, seed] of [[1, 0], [50, 3], [2000, 12345]]) {
    const native = runNative(['qpta-sample', `count=${count}`, `seed=${seed}`]).json;
    const blocks = lab.sampleQptaBlocks(count, seed);
    assertBitIdentical(blocks.alpha, native.alphas, 'alpha');
    assertBitIdentical(blocks.theta, native.thetas, 'theta');
    assertBitIdentical(lab.qptaBoundaryTableView(), native.boundary_table, 'table');
    for (let i = 0; i < count; i++) {
      const l = lab.qptaBoundary(blocks.alpha[i]);
      const t = blocks.theta[i];
      assert.ok((t >= l && t <= Math.PI / 2 - l) || (t >= Math.PI / 2 + l && t <= Math.PI - l));
    }
  }
  assert.throws(() => lab.qptaBoundary(0.5), { message: 'qpta boundary: alpha = 0.5 is not allowed; alpha must be a number from 1 to 10' });
  assert.throws(() => lab.sampleQptaBlocks(0, 1), { message: /count = 0 is not allowed/ });
});

test('bad configurations and calls reject with the native message and change nothing', async () => {
  for (const [command, Class, params] of [
    ['tanh-map', lab.TanhMap, { alpha: 20 }], ['tanh-map', lab.TanhMap, { theta: 4 }],
    ['tanh-map', lab.TanhMap, { gain: 1 }], ['tanh-map-explorer', lab.TanhMapExplorer, { alpha_min: 5, alpha_max: 2 }],
    ['tanh-map-explorer', lab.TanhMapExplorer, { theta_count: 2 }], ['tanh-map-explorer', lab.TanhMapExplorer, { window: 8.5 }],
  ]) {
    const native = runNative([command, ...scenarioArgs(params)]);
    assert.ok(native.error, `native accepted ${JSON.stringify(params)}`);
    assert.throws(() => new Class(params), { message: native.error });
  }
  await using(new lab.TanhMap({}), (model) => {
    model.run(10);
    const before = model.measures();
    assert.throws(() => model.perturb(1.5, 1), { message: /epsilon = 1.5 is not allowed/ });
    assert.throws(() => model.perturb(0.1, -1), { message: /perturbation_seed = -1 is not allowed/ });
    assert.throws(() => model.run(1.5), { message: /steps = 1.5 is not allowed/ });
    assert.deepEqual(model.measures(), before);
  });
  await using(new lab.TanhMapExplorer({ alpha_count: 2, theta_count: 3 }), (explorer) => {
    assert.throws(() => explorer.advance(-2), { message: /cells = -2 is not allowed/ });
    assert.equal(explorer.measures().cells_done, 0);
  });
});

test('specs match the native ones; views are zero-copy', async () => {
  assert.deepEqual(lab.TanhMap.paramSpecs(), runNative(['specs', 'tanh-map']).json);
  assert.deepEqual(lab.TanhMapExplorer.paramSpecs(), runNative(['specs', 'tanh-map-explorer']).json);
  assert.deepEqual(Object.keys(lab.TanhMap.argumentSpecs()).sort(), ['epsilon', 'perturbation_seed', 'steps']);
  await using(new lab.TanhMap({}), (model) => {
    model.run(5);
    const state = model.stateView();
    assert.equal(state.buffer, lab.HEAPF64.buffer);
    const before = Array.from(state);
    model.run(1);
    assert.notDeepEqual(Array.from(state), before);
    assert.equal(model.traceView().length, 2);
  });
});
