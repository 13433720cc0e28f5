// The analysis tools in WebAssembly against the native build of the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using, assertBitIdentical, optionArgs, runToEnd, scenarioArgs } from './helpers.mjs';

const lab = await loadLab();

// `attractor-lab ANALYSIS line ...` and the same analysis through wasm, advanced in chunks.
function nativeRun(analysis, params, actions, options) {
  return runNative([analysis, 'line', ...scenarioArgs(params, actions), ...optionArgs(options)]);
}

function lineModel(params, actions) {
  const model = new lab.LineAttractor(params);
  for (const [name, ...args] of actions) model[name](...args);
  return model;
}

function assertClose(actual, expected, tolerance, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance * scale,
      `${what}[${i}]: wasm ${actual[i]} vs native ${expected[i]}`);
  }
}

test('Lyapunov spectra are bit-identical to native, whatever the chunk size', () => {
  // The QR method uses only the model's step and Jacobian, kernels::matvec, Gram-Schmidt with
  // kernels::dot, sqrt and det::log: no Eigen reduction, so every bit agrees.
  const cases = [
    { params: { n: 16, seed: 2 }, actions: [['perturb', 0.05, 3]], options: { k: 3, transient_steps: 1000, steps: 4000, records: 8 } },
    { params: { n: 5 }, actions: [], options: { transient_steps: 500, steps: 2000, seed: 7 } },
  ];
  for (const { params, actions, options } of cases) {
    const native = nativeRun('lyapunov', params, actions, options).json;
    const model = lineModel(params, actions);
    try {
      const analysis = new lab.LyapunovSpectrum(model, options);
      try {
        runToEnd(analysis, 333);
        assertBitIdentical(Array.from(analysis.exponents()), native.exponents, 'exponents');
        assertBitIdentical(Array.from(analysis.history()), native.history, 'history');
        assertBitIdentical(Array.from(analysis.historyTimes()), native.history_times, 'history times');
        assertBitIdentical(Array.from(analysis.state()), native.state, 'state');
      } finally {
        analysis.delete();
      }
    } finally {
      model.delete();
    }
  }
});

test('a perturbed line attractor: the top exponent is the drift rate, in wasm too', async () => {
  await using(lineModel({ n: 32, seed: 4 }, [['perturb', 0.03, 1]]), async (model) => {
    const drift = model.measures().predicted_drift_rate_per_s;
    await using(new lab.LyapunovSpectrum(model, { k: 1, transient_steps: 5000, steps: 5000 }), (analysis) => {
      runToEnd(analysis, 2500);
      const expected = Math.log1p(0.001 * drift) / 0.001;
      assert.ok(Math.abs(analysis.exponents()[0] - expected) < 1e-6 * Math.abs(expected));
    });
  });
});

test('fixed points agree with native to rounding: a continuum when tuned, the origin when not', () => {
  // Eigen's Cholesky, products and eigensolver sum in build-dependent order (SIMD width), so
  // points and eigenvalues agree to rounding, not the bit: 1e-9 relative is far above that and
  // far below any real difference.
  for (const actions of [[], [['perturb', 0.05, 2]]]) {
    const params = { n: 12, seed: 3 };
    const options = { starts: 6, trajectory_steps: 100, start_noise: 0.5 };
    const native = nativeRun('fixed-points', params, actions, options).json;
    const model = lineModel(params, actions);
    try {
      const finder = new lab.FixedPoints(model, options);
      try {
        runToEnd(finder, 7);
        const points = finder.points();
        assert.equal(points.length, actions.length ? 1 : 6);
        assert.equal(points.length, native.points.length);
        points.forEach((point, i) => {
          const expected = native.points[i];
          assertClose(Array.from(point.x), expected.x, 1e-9, `point ${i} x`);
          assertClose(Array.from(point.growthRates), expected.growth_rates, 1e-9, `point ${i} rates`);
          assert.equal(point.stability, expected.stability);
          assert.equal(point.fixed, true);
          assert.equal(point.hits, expected.hits);
          assert.equal(point.neutral, actions.length ? 0 : 1);
        });
        assert.equal(finder.rejected(), native.rejected);
      } finally {
        finder.delete();
      }
    } finally {
      model.delete();
    }
  }
});

test('gradient persistence and PCA agree with native to rounding', async () => {
  const params = { n: 10, seed: 5 };
  const actions = [['perturb', 0.02, 4], ['store', 1], ['run', 100]];
  await using(lineModel(params, actions), async (model) => {
    // Eigen's matrix product and SVD: agreement to rounding, compounded over 500 steps.
    const gpOptions = { steps: 500, records: 5, k: 3 };
    const native = nativeRun('gradient-persistence', params, actions, gpOptions).json;
    await using(new lab.GradientPersistence(model, gpOptions), (analysis) => {
      runToEnd(analysis, 64);
      assertBitIdentical(Array.from(analysis.recordSteps()), native.record_steps, 'record steps');
      assertClose(Array.from(analysis.logSingularValues()), native.log_singular_values, 1e-9, 'log sv');
    });
    // PCA from the model's own state (passed explicitly, as a Float64Array).
    const pcaOptions = { k: 2, steps: 400 };
    const nativePca = nativeRun('pca', params, actions, { ...pcaOptions, initial: 'state' }).json;
    await using(new lab.Pca(model, pcaOptions, model.stateView()), (pca) => {
      assertClose(Array.from(pca.variances()), nativePca.variances, 1e-9, 'variances');
      assertClose(Array.from(pca.components()), nativePca.components, 1e-7, 'components');
      assertClose(Array.from(pca.trajectory()), nativePca.trajectory, 1e-7, 'trajectory');
      // Projecting the mean gives the origin.
      const origin = pca.project(pca.mean());
      assert.ok(origin instanceof Float64Array && origin.length === 2);
      assert.ok(Math.hypot(...origin) < 1e-12);
    });
  });
});

test('bad input rejects with the same message as the native core', async () => {
  const cases = [
    ['lyapunov', { k: 11 }],
    ['lyapunov', { steps: 0 }],
    ['lyapunov', { exponents: 2 }],
    ['lyapunov', { transient_steps: -1 }],
    ['fixed-points', { starts: 0 }],
    ['fixed-points', { fixed_tolerance: 1, slow_tolerance: 0.5 }],
    ['gradient-persistence', { k: 2.5 }],
    ['pca', { k: 0, steps: 1 }],
  ];
  const classes = {
    lyapunov: lab.LyapunovSpectrum, 'fixed-points': lab.FixedPoints,
    'gradient-persistence': lab.GradientPersistence, pca: lab.Pca,
  };
  await using(new lab.LineAttractor({ n: 10 }), (model) => {
    for (const [analysis, options] of cases) {
      const native = nativeRun(analysis, { n: 10 }, [], options);
      assert.ok(native.error, `native accepted ${analysis} ${JSON.stringify(options)}`);
      assert.throws(() => new classes[analysis](model, options), { message: native.error });
    }
    // Initial states: wrong length, non-finite.
    for (const initial of [[1, 2, 3], [0, 0, 0, 0, 0, NaN, 0, 0, 0, 0]]) {
      const native = nativeRun('lyapunov', { n: 10 }, [], { initial: initial.join(',') });
      assert.throws(() => new lab.LyapunovSpectrum(model, {}, initial), { message: native.error });
      assert.throws(() => new lab.FixedPoints(model, {}, Float64Array.from(initial)),
        { message: native.error.replace('lyapunov spectrum', 'fixed points') });
    }
    assert.throws(() => new lab.LyapunovSpectrum(model, {}, 'zeros'),
      { message: 'lyapunov spectrum: the initial state must be an array or Float64Array of numbers' });
    assert.throws(() => new lab.LyapunovSpectrum(model, { k: '3' }),
      { message: 'lyapunov spectrum: k must be a number, but a string was given' });
    const analysis = new lab.LyapunovSpectrum(model, { steps: 10 });
    try {
      assert.throws(() => analysis.advance(0), { message: /lyapunov spectrum advance: budget = 0 is not allowed/ });
      assert.throws(() => analysis.advance(NaN), { message: /budget = nan/ });
      assert.equal(analysis.progress(), 0);
    } finally {
      analysis.delete();
    }
  });
  assert.throws(() => new lab.LyapunovSpectrum({ n: 3 }, {}), { message: /the first argument must be a model/ });
});

test('an analysis keeps its model alive; a deleted model cannot start one', () => {
  const model = lineModel({ n: 6 }, [['perturb', 0.1, 1]]);
  const analysis = new lab.LyapunovSpectrum(model, { k: 1, transient_steps: 100, steps: 1000 });
  try {
    analysis.advance(500);
    model.delete();  // the user's handle goes; the analysis still holds the model
    assert.throws(() => new lab.FixedPoints(model, {}), { message: 'fixed points: the model has already been deleted' });
    finish(analysis);
    assert.ok(Number.isFinite(analysis.exponents()[0]));
  } finally {
    analysis.delete();
  }
});

// Advances without the progress checks of runToEnd (the analysis is already under way).
function finish(analysis) {
  while (!analysis.done()) analysis.advance(100);
}

test('eigenvaluesAt: one zero rate on the tuned line, the drift rate when perturbed', async () => {
  await using(new lab.LineAttractor({ n: 8 }), (model) => {
    const tuned = lab.eigenvaluesAt(model, new Float64Array(8));
    assert.equal(tuned.continuousTime, true);
    assert.equal(tuned.stability, 'marginal');
    assert.ok(Math.abs(tuned.growthRates[0]) < 1e-9);
    assert.ok(tuned.growthRates[1] < -4);
    model.perturb(0.05, 2);
    const perturbed = lab.eigenvaluesAt(model, new Float64Array(8), 1e-6);
    const drift = model.measures().predicted_drift_rate_per_s;
    assert.ok(Math.abs(perturbed.growthRates[0] - drift) < 1e-8 * Math.abs(drift));
    assert.throws(() => lab.eigenvaluesAt(model, [1, 2]), { message: /eigenvalues: the state has 2 entries/ });
  });
});

test('analysis specs are the same natively and in wasm', () => {
  assert.deepEqual(lab.LyapunovSpectrum.paramSpecs(), runNative(['specs', 'lyapunov']).json);
  assert.deepEqual(lab.FixedPoints.paramSpecs(), runNative(['specs', 'fixed-points']).json);
  assert.deepEqual(lab.GradientPersistence.paramSpecs(), runNative(['specs', 'gradient-persistence']).json);
  assert.deepEqual(lab.Pca.paramSpecs(), runNative(['specs', 'pca']).json);
});
