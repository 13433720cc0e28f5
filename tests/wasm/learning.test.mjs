// FORCE/LMS readout learning and the wave lattice through wasm, against the native build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBitIdentical, loadLab, runNative, using } from './helpers.mjs';

const lab = await loadLab();

for (const rule of ['force', 'lms']) {
  test(`${rule}: the same readout, outputs and test error natively and in wasm`, async () => {
    const network = { n: 60, inputs: 0, feedback: 1, seed: 4 };
    const learner = rule === 'lms' ? { learning_rate: 0.01 } : { alpha: 1 };
    const native = runNative(['readout', rule, ...Object.entries(network).map(([k, v]) => `net.${k}=${v}`),
      ...Object.entries(learner).map(([k, v]) => `learn.${k}=${v}`), 'train:four_sine:300', 'test:four_sine:100']).json;
    await using(new lab.ReadoutLearning(network, learner, rule), (model) => {
      const outputs = [];
      model.train(lab.ReadoutLearning.fourSineTargets(0, 300, 0.001));
      outputs.push(...model.outputsView());
      const error = model.test(lab.ReadoutLearning.fourSineTargets(300, 100, 0.001));
      outputs.push(...model.outputsView());
      assertBitIdentical(outputs, native.outputs, 'outputs');
      assertBitIdentical(model.readoutView(), native.readout, 'readout');
      assert.ok(Object.is(error, native.test_errors[0]));
      assert.deepEqual(model.measures(), native.measures);
    });
  });
}

test('readout learning rejects bad input with the core\'s message', async () => {
  assert.throws(() => new lab.ReadoutLearning({ n: 10 }, {}, 'hebb'), { message: "readout learning: rule 'hebb' is not known; choose one of force, lms" });
  assert.throws(() => new lab.ReadoutLearning({ n: 1 }, {}, 'force'), { message: /rate network: n = 1 is not allowed/ });
  await using(new lab.ReadoutLearning({ n: 10 }, {}, 'force'), (model) => {
    assert.throws(() => model.train([0.1, NaN]), { message: /a target is nan/ });
    assert.throws(() => model.train('abc'), { message: /expected an array of numbers/ });
    assert.throws(() => model.test([1, 'x']), { message: /element 1 is not a number/ });
  });
});

test('wave lattice: the same activity natively and in wasm; repeat-copy spectrum on the unit circle', async () => {
  const native = runNative(['wave', 'lagged_copy', 'dims=3', 'lag=5', 'input:7', 'run:12']).json;
  await using(new lab.WaveLattice({ dims: 3, lag: 5 }, 'lagged_copy'), (lattice) => {
    const fromNative = native.newest.slice(0, 15);
    for (let t = 0; t < 5; ++t) lattice.stepWithInput(fromNative.slice(3 * t, 3 * t + 3));
    for (let t = 0; t < 12; ++t) lattice.step();
    assertBitIdentical(lattice.latticeView(), native.lattice, 'lattice');
  });
  await using(new lab.WaveLattice({ dims: 2, lag: 6 }, 'repeat_copy'), (lattice) => {
    const { re, im } = lattice.eigenvalues();
    assert.equal(re.length, 12);
    for (let i = 0; i < 12; i++) assert.ok(Math.abs(Math.hypot(re[i], im[i]) - 1) < 1e-9);
    const error = lab.WaveLattice.rootsOfUnityError(lattice.stepMatrixView().slice(), 12, 6, 12);
    assert.ok(error.maxDegrees < 1e-7);
    assert.throws(() => lattice.stepWithInput([1]), { message: /the input has 1 values; the lattice has 2 rows/ });
  });
  assert.throws(() => lab.WaveLattice.rootsOfUnityError([1, 2, 3], 2, 2, 2), { message: /the matrix has 3 entries/ });
});
