// The WebAssembly build of the oscillator head-direction integrator against the native build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical } from './helpers.mjs';

const lab = await loadLab();

const same = (a, e) => (e === null ? !Number.isFinite(a) : Object.is(a, e));


const args = (params) => Object.entries(params).map(([k, v]) => `${k}=${v}`);

// A deterministic, irregular velocity signal whose decimal strings round-trip exactly.
const velocities = Array.from({ length: 400 }, (_, t) => Number((3 * Math.sin(t / 17) - 1.3 * Math.cos(t / 5)).toPrecision(17)));

const scenarios = [
  { params: {}, actions: [['drive', 2000, 1.5]] },
  { params: { heading0: 2, mu: 0.5, omega: 10, dt: 0.002 }, actions: [['perturb', 0.05, 3], ['drive', 1000, -2], ['input', velocities]] },
  { params: { heading0: -3 }, actions: [['input', velocities], ['reset'], ['perturb', 0.2, 8], ['drive', 3000, 0]] },
  // Detuned oscillators, perturbed and noisy: a run long enough to slip whole turns.
  { params: { delta_omega: -2.5, noise: 0.05, seed: 7 }, actions: [['perturb', 0.3, 2], ['drive', 6000, 0.5], ['input', velocities]] },
];

for (const { params, actions } of scenarios) {
  test(`hd oscillator: wasm and native bit-identical: ${JSON.stringify(params)}`, async () => {
    const native = runNative(['hd-oscillator', ...args(params),
      ...actions.map(([name, ...rest]) => (name === 'input' ? `input:${rest[0].join(',')}` : [name, ...rest].join(':')))]).json;
    await using(new lab.HeadDirectionOscillator(params), (model) => {
      const trace = [];
      for (const [name, ...rest] of actions) {
        if (name === 'input') model.driveInput(new Float64Array(rest[0]));
        else model[name](...rest);
        if (name === 'drive' || name === 'input') trace.push(...model.traceView());
      }
      assertBitIdentical(trace, native.trace, 'trace');
      assertBitIdentical(model.stateView(), native.state, 'state');
      const m = model.measures();
      for (const key of Object.keys(native.measures)) {
        assert.ok(same(m[key], native.measures[key]), `${key}: wasm ${m[key]} != native ${native.measures[key]}`);
      }
    });
  });
}

test('hd oscillator: tracks the heading, rejects bad input as natively and changes nothing', async () => {
  await using(new lab.HeadDirectionOscillator({}), (model) => {
    model.driveInput(velocities.map((v) => v / 2));
    assert.ok(model.measures().rms_heading_error < 1e-4);
    const before = model.measures();
    assert.throws(() => model.drive(10, 100), { message: /velocity = 100 is not allowed/ });
    assert.throws(() => model.driveInput([0, NaN]), { message: /velocity = nan/ });
    assert.throws(() => model.driveInput('fast'), { message: /velocities must be a Float64Array or an array/ });
    assert.throws(() => model.perturb(0.1, 2.5), { message: /perturbation_seed = 2.5 is not allowed/ });
    assert.deepEqual(model.measures(), before);
    assert.equal(model.traceView().buffer, lab.HEAPF64.buffer);
  });
  for (const params of [{ heading0: 5 }, { dt: 0.1 }, { gain: 2 }, { delta_omega: 12 }, { omega: 95, delta_omega: 10 }]) {
    const native = runNative(['hd-oscillator', ...args(params)]);
    assert.ok(native.error);
    assert.throws(() => new lab.HeadDirectionOscillator(params), { message: native.error });
  }
  assert.deepEqual(lab.HeadDirectionOscillator.paramSpecs(), runNative(['specs', 'hd-oscillator']).json);
});
