// The WebAssembly build of the Stuart-Landau oscillator against the native build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical, assertSameNumbers, playActions, scenarioArgs } from './helpers.mjs';

const lab = await loadLab();

const scenarios = [
  { params: {}, actions: [['run', 3000]] },
  { params: { mu: 0.3, omega: 20, dt: 0.002, x0: 2, y0: -1 }, actions: [['run', 1000], ['perturb', 0.3, 5], ['run', 2000]] },
  { params: { mu: 4, omega: 1, dt: 0.0005 }, actions: [['perturb', 0.1, 2], ['run', 500], ['reset'], ['run', 500]] },
];

for (const { params, actions } of scenarios) {
  test(`stuart-landau: wasm and native: ${JSON.stringify(params)}`, async () => {
    const native = runNative(['stuart-landau', ...scenarioArgs(params, actions)]).json;
    await using(new lab.StuartLandau(params), (model) => {
      const trace = playActions(model, actions);
      assertBitIdentical(trace, native.trace, 'trace');
      assertBitIdentical(model.stateView(), native.state, 'state');
      const m = model.measures();
      // All measures, the RK4 Floquet analysis included, use only IEEE arithmetic: bit-identical.
      assertSameNumbers(m, native.measures);
      assert.deepEqual(model.params(), native.params);
    });
  });
}

test('stuart-landau: Floquet multipliers match theory in wasm; errors as natively', async () => {
  await using(new lab.StuartLandau({ mu: 0.5, omega: 3 }), (model) => {
    const m = model.measures();
    const period = (2 * Math.PI) / 3;
    assert.ok(Math.abs(m.period_s - period) < 1e-9);
    assert.ok(Math.abs(m.floquet_multiplier_1 - 1) < 1e-7);
    assert.ok(Math.abs(m.floquet_multiplier_2 - Math.exp(-2 * 0.5 * period)) < 1e-7);
    const before = model.measures();
    assert.throws(() => model.perturb(-1, 1), { message: /epsilon = -1 is not allowed/ });
    assert.throws(() => model.run(0.5), { message: /steps = 0.5 is not allowed/ });
    assert.deepEqual(model.measures(), before);
    model.run(3);
    assert.equal(model.stateView().buffer, lab.HEAPF64.buffer);
  });
  for (const params of [{ dt: 0.05 }, { omega: 60, dt: 0.01 }, { mu: -1 }, { nu: 1 }]) {
    const native = runNative(['stuart-landau', ...scenarioArgs(params)]);
    assert.ok(native.error);
    assert.throws(() => new lab.StuartLandau(params), { message: native.error });
  }
  assert.deepEqual(lab.StuartLandau.paramSpecs(), runNative(['specs', 'stuart-landau']).json);
});
