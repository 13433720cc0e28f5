// FORCE/LMS readout learning and the wave lattice through wasm, against the native build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertBitIdentical, loadLab, runNative, using } from './helpers.mjs';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build/native/cli/attractor-lab');

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
  // The lattice's own Phi for repeat-copy, d = 2, s = 3: the cyclic block shift.
  await using(new lab.WaveLattice({ dims: 2, lag: 3 }, 'repeat_copy'), (lattice) => {
    const phi = lattice.latticePhi();
    const expected = new Array(36).fill(0);
    for (const [row, col] of [[0, 2], [1, 3], [2, 4], [3, 5], [4, 0], [5, 1]]) expected[col * 6 + row] = 1;
    assert.deepEqual(Array.from(phi, (v) => Math.round(v * 1e12) / 1e12 + 0), expected);
    const spectrum = lattice.spectrum();
    assert.equal(spectrum.re.length, 6);
    assert.equal(lattice.matchedSpectrumError(lattice.stepMatrixView().slice()).max < 1e-9, true);
  });
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

// attractor-lab's trial commands print one JSON line per trial.
function runNativeTrials(args) {
  const result = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`attractor-lab failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line));
}

function nativeArgs(command, rule, network, learner, task, trials) {
  return [command, rule, ...Object.entries(network).map(([k, v]) => `net.${k}=${v}`),
    ...Object.entries(learner).map(([k, v]) => `learn.${k}=${v}`),
    ...Object.entries(task).map(([k, v]) => `task.${k}=${v}`), `trials:${trials}`];
}

// The default interval of the values, [-1, 1], and one clustered on one side, [0.1, 0.9].
for (const [rule, interval] of [['force', {}], ['lms', {}], ['lms', { center: 0.5, spread: 0.4 }]]) {
  test(`learning bench, memory task, ${rule}${interval.center ? ', values in [0.1, 0.9]' : ''}: the same trials natively and in wasm`, async () => {
    const network = { n: 40, g: 0.8, input_scale: 1, feedback_scale: 2, seed: 3 };
    const learner = rule === 'lms' ? { learning_rate: 0.01 } : { alpha: 1 };
    const task = { values: 4, pulse_steps: 20, hold_steps: 200, check_steps: 50, seed: 3, sorted: 1, ...interval };
    const native = runNativeTrials(nativeArgs('memory-trials', rule, network, learner, task, 3));
    const params = { rule, task: 'memory', order: 'sorted', ...network, ...learner, ...task };
    delete params.sorted;
    await using(new lab.LearningBench(params), (bench) => {
      for (const expected of native) {
        const measures = bench.runTrial();
        assert.deepEqual(Object.keys(measures).filter((k) => k !== 'readout_norm'), Object.keys(expected.measures));
        for (const name of ['trials', 'survivors', 'trials_to_criterion', 'last_value', 'fixed_point_survivors']) {
          assert.ok(Object.is(measures[name], expected.measures[name]), name);
        }
        assertBitIdentical(bench.recalledView(), expected.recalled, 'recalled');
        assertBitIdentical(bench.survived(), expected.survived, 'survived');
        assertBitIdentical(bench.valuesView(), expected.values, 'values');
        assertBitIdentical(bench.fixedPointSurvivedView(), expected.fixed_point_survived, 'fixed point survival');
        // Fixed points come from Eigen's solvers: the same to rounding, not to the bit.
        const points = bench.fixedPoints();
        assert.equal(points.length, expected.fixed_points.length);
        points.forEach((point, i) => {
          assert.ok(Math.abs(point.z - expected.fixed_points[i].z) < 1e-9, `fixed point ${i}`);
          assert.equal(point.stability, expected.fixed_points[i].stability);
        });
        const correlations = bench.stateCorrelationsView();
        expected.state_correlations.forEach((value, i) => {
          assert.ok(value === null ? Number.isNaN(correlations[i]) : Math.abs(correlations[i] - value) <= 1e-12, `state correlation ${i}`);
        });
        const changes = bench.outputChangesView();
        expected.output_changes.forEach((value, i) => {
          assert.ok(value === null ? Number.isNaN(changes[i]) : Math.abs(changes[i] - value) <= 1e-12 * (1 + Math.abs(value)));
        });
        assert.ok(Math.abs(measures.readout_norm - expected.readout_norm) <= 1e-12 * expected.readout_norm);
        const targets = bench.targetsView();
        assert.equal(targets.length, 200);
        assert.ok(targets.every((v) => v === measures.last_value));
        assert.equal(bench.outputsView().length, 200);
      }
      assert.equal(bench.trials(), 3);
      assert.equal(bench.limitCycles().length, 0);
    });
  });
}

test('learning bench, pattern task: the same outputs and limit cycles natively and in wasm', async () => {
  const network = { n: 60, g: 1.2, seed: 2 };
  const task = { levels: 2, freq_min: 4, freq_max: 8, train_steps: 400, transient_steps: 100, check_steps: 600, seed: 2 };
  const native = runNativeTrials(nativeArgs('pattern-trials', 'force', network, {}, task, 3));
  await using(new lab.LearningBench({ rule: 'force', task: 'pattern', ...network, ...task }), (bench) => {
    for (const expected of native) {
      const measures = bench.runTrial();
      for (const [name, value] of Object.entries(expected.measures)) assert.ok(Object.is(measures[name] ?? null, value), name);
      assertBitIdentical(bench.outputsView(), expected.outputs, 'outputs');
      assertBitIdentical(bench.survived(), expected.survived, 'survived');
      const cycles = bench.limitCycles();
      const trained = expected.survived.map((s, k) => [s, k]).filter(([s]) => s !== null).map(([, k]) => k);
      assert.equal(cycles.length, trained.length);
      cycles.forEach((cycle, i) => {
        const k = trained[i];
        assert.equal(cycle.level, expected.levels[k]);
        assert.equal(cycle.targetFrequency, expected.frequencies[k]);
        assert.ok(Object.is(cycle.frequency, expected.measured_frequencies[k]));
        assert.ok(Object.is(cycle.amplitude, expected.measured_amplitudes[k]));
        assert.equal(cycle.survived, expected.survived[k] === 1);
      });
      const targets = bench.targetsView();
      assert.equal(targets.length, 400);
      assert.equal(bench.fixedPoints().length, 0);
    }
    const measures = bench.runTrials(2, false);
    assert.equal(measures.trials, 5);
  });
});

test('learning bench rejects bad input with the core\'s message', async () => {
  assert.throws(() => new lab.LearningBench({ rule: 'hebb' }), { message: "readout learning: rule 'hebb' is not known; choose one of force, lms" });
  assert.throws(() => new lab.LearningBench({ task: 'song' }), { message: /task 'song' is not known/ });
  assert.throws(() => new lab.LearningBench({ order: 'backwards' }), { message: /order 'backwards' is not known/ });
  assert.throws(() => new lab.LearningBench({ task: 'memory', levels: 3 }), { message: /parameter 'levels' is not known for the memory task/ });
  assert.throws(() => new lab.LearningBench({ n: 'big' }), { message: /n must be a number/ });
  assert.throws(() => new lab.LearningBench({ task: 'memory', center: 0.5, spread: 0.6 }),
    { message: /the values would span \[-0.1, 1.1\].*spread must be at most 0.5/ });
  assert.throws(() => new lab.LearningBench({ task: 'pattern', freq_max: 500 }), { message: /freq_max must be at most 0.1 \/ dt/ });
  const specs = lab.LearningBench.paramSpecs('pattern');
  assert.ok(specs.some((s) => s.name === 'freq_min') && specs.some((s) => s.name === 'alpha'));
  assert.ok(!specs.some((s) => s.name === 'feedback'));
  await using(new lab.LearningBench({ n: 20, hold_steps: 20, check_steps: 10 }), (bench) => {
    assert.throws(() => bench.runTrials(0, false), { message: /count = 0 is not allowed/ });
    assert.equal(bench.trialsToCriterion(), -1);
  });
});

test('wave analysis of a trained network: Phi, the waves pinv(Psi) h_t and the matched spectrum error as natively', async () => {
  const native = runNative(['wave-train', 'repeat_copy', 'task.dims=2', 'task.lag=4', 'task.steps=12',
    'net.hidden=16', 'net.input_scale=1', 'train.batch=4', 'train.seed=1', 'steps:20']).json;
  const config = { task: 'repeat_copy', taskParams: { dims: 2, lag: 4, steps: 12 },
    network: { hidden: 16, input_scale: 1, bias: 0 }, training: { batch: 4, seed: 1 } };
  await using(new lab.Trainer(config), async (trainer) => {
    assert.equal(trainer.train(20), 20);
    const layout = trainer.layout();
    const p = trainer.parametersView();
    const n = layout.hidden;
    const w = p.slice(layout.recurrentOffset, layout.recurrentOffset + n * n);
    const u = p.slice(layout.inputOffset, layout.inputOffset + n * 2);
    await using(new lab.WaveLattice({ dims: 2, lag: 4 }, 'repeat_copy'), (lattice) => {
      const result = lattice.analyzeNetwork(w, u, [], native.basis_after.inputs);
      // SVD-based: the same to rounding, not to the bit.
      const close = (a, b, what) => {
        assert.equal(a.length, b.length, what);
        for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-8 * (1 + Math.abs(b[i])), `${what}[${i}]`);
      };
      close(result.phi, native.basis_after.phi, 'phi');
      close(result.waves, native.basis_after.waves, 'waves');
      close([result.boundaryFraction, result.waveShift, result.waveStanding],
        [native.basis_after.boundary_fraction, native.basis_after.wave_shift, native.basis_after.wave_standing], 'measures');
      assert.throws(() => lattice.analyzeNetwork([1, 2, 3], u, [], [1, 1]), { message: /w has 3 entries, not N \* N/ });
      // The matched spectrum error and the authors' thresholded angle error of the same W.
      const matched = lattice.matchedSpectrumError(w);
      close([matched.mean, matched.max, matched.unmatchedMaxModulus],
        [native.error_after.matched_mean, native.error_after.matched_max, native.error_after.unmatched_max_modulus], 'matched error');
      assert.equal(matched.aboveThreshold, native.error_after.above_threshold);
      assert.equal(matched.theoryAboveThreshold, native.error_after.theory_above_threshold);
      if (native.error_after.thresholded_angle_rad === null) assert.equal(matched.thresholdedAngleRadians, null);
      else close([matched.thresholdedAngleRadians], [native.error_after.thresholded_angle_rad], 'thresholded angle');
      assert.throws(() => lattice.matchedSpectrumError([1, 2, 3]), { message: /w has 3 entries, not N \* N/ });
      assert.throws(() => lattice.matchedSpectrumError([1, 0, 0, 1]), { message: /the theory has 8 eigenvalues but W only 2/ });
    });
  });
});
