// The WebAssembly build of the QPTA torus network against the native build of the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical, assertSameNumbers, playActions, scenarioArgs } from './helpers.mjs';

const lab = await loadLab();

const scenarios = [
  { params: { n: 2, seed: 1, observed_block: 0 }, actions: [['run', 3000]] },
  { params: { n: 64, seed: 7 }, actions: [['run', 500], ['perturb', 0.05, 3], ['run', 1000]] },
  { params: { n: 512, seed: 2, section_block: 5, observed_block: 200 }, actions: [['run', 200], ['perturb', 0.1, 1], ['run', 100]] },
  { params: { n: 10, seed: 9 }, actions: [['perturb', 0.3, 2], ['run', 800], ['reset'], ['perturb', 0, 2], ['run', 800]] },
];

for (const { params, actions } of scenarios) {
  test(`torus network: wasm and native bit-identical: ${JSON.stringify(params)}`, async () => {
    const native = runNative(['torus', ...scenarioArgs(params, actions)]).json;
    await using(new lab.TorusNetwork(params), (model) => {
      const trace = playActions(model, actions);
      assertBitIdentical(trace, native.trace, 'trace');
      assertBitIdentical(model.stateView(), native.state, 'state');
      assertBitIdentical(model.rotationNumbersView(), native.rotation_numbers, 'rotation numbers');
      assertBitIdentical(model.amplitudesView(), native.amplitudes, 'amplitudes');
      assertBitIdentical(model.phasesView(), native.phases, 'phases');
      assertBitIdentical(model.sectionView(), native.section, 'section');
      const blocks = model.blocks();
      assertBitIdentical(blocks.alpha, native.alphas, 'alphas');
      assertBitIdentical(blocks.theta, native.thetas, 'thetas');
      const m = model.measures();
      assertSameNumbers(m, native.measures);
      assert.deepEqual(model.params(), native.params);
    });
  });
}

test('torus network: errors as natively, rejected calls change nothing, zero-copy views', async () => {
  for (const params of [{ n: 7 }, { n: 1024 }, { n: 2 }, { n: 8, section_block: 4 }, { size: 8 }]) {
    const native = runNative(['torus', ...scenarioArgs(params)]);
    assert.ok(native.error, `native accepted ${JSON.stringify(params)}`);
    assert.throws(() => new lab.TorusNetwork(params), { message: native.error });
  }
  await using(new lab.TorusNetwork({ n: 8 }), (model) => {
    model.run(20);
    const before = model.measures();
    assert.throws(() => model.perturb(2, 1), { message: /epsilon = 2 is not allowed/ });
    assert.throws(() => model.run(-5), { message: /steps = -5 is not allowed/ });
    assert.deepEqual(model.measures(), before);
    const phases = model.phasesView();
    assert.equal(phases.buffer, lab.HEAPF64.buffer);
    assert.equal(phases.length, 4);
  });
  assert.deepEqual(lab.TorusNetwork.paramSpecs(), runNative(['specs', 'torus']).json);
});

test('torus network in wasm: a perturbation shifts rotation numbers only a little', async () => {
  await using(new lab.TorusNetwork({ n: 32, seed: 3 }), async (tuned) => {
    await using(new lab.TorusNetwork({ n: 32, seed: 3 }), (perturbed) => {
      perturbed.perturb(0.05, 4);
      tuned.run(3000);
      perturbed.run(3000);
      const a = tuned.rotationNumbersView(), b = perturbed.rotationNumbersView();
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 0.05);
      assert.ok(perturbed.measures().mean_amplitude > 0.5 * tuned.measures().mean_amplitude);
    });
  });
});
