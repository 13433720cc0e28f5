// The robustness measure in WebAssembly against the native build of the same core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, assertBitIdentical, optionArgs, runToEnd, scenarioArgs } from './helpers.mjs';

const lab = await loadLab();

function nativeArgs(command, mechanism, params, options) {
  return [command, mechanism, ...scenarioArgs(params), ...optionArgs(options)];
}

const recordFields = [
  ['steps', 'steps'], ['time', 'time'], ['residual', 'residual'],
  ['residualUnits', 'residual_units'], ['pairwiseError', 'pairwise_error'],
  ['commonShift', 'common_shift'], ['slope', 'slope'],
  ['distinctEndStates', 'distinct_end_states'], ['gradientLog10Mean', 'gradient_log10_mean'],
  ['gradientLog10Min', 'gradient_log10_min'], ['gradientLog10Max', 'gradient_log10_max'],
  ['decodedError', 'decoded_error'], ['manifoldExponent', 'manifold_exponent'],
];

test('every mechanism: recalled values, records and Lyapunov exponents are bit-identical to native', () => {
  // Every step is a model's deterministic step (kernels::, det::), the fits use IEEE arithmetic,
  // det:: and phase::angle, and the Lyapunov run is the bit-identical QR method.
  const cases = [
    ['line', { n: 8, seed: 2 }, {}],
    ['ring', { n: 16 }, {}],
    ['limit_cycle', { omega: 3 }, {}],
    ['torus', { n: 8, seed: 3 }, {}],
    ['hd_ring', { n: 16 }, { velocity: 90 }],
    ['hd_oscillator', {}, { velocity: -45 }],
  ];
  for (const [mechanism, params, extra] of cases) {
    const options = {
      epsilon: 0.1, perturbation_seed: 5, memories: 6, steps: 400, records: 2, state_noise: 0.05,
      lyapunov_k: 2, lyapunov_transient: 100, lyapunov_steps: 200, ...extra,
    };
    const native = runNative(nativeArgs('robustness', mechanism, params, options)).json;
    const measure = new lab.RobustnessMeasure(mechanism, params, options);
    try {
      runToEnd(measure, 173);
      assert.equal(measure.storageBlock(), native.storage_block, `${mechanism}: storage block`);
      assertBitIdentical(Array.from(measure.stored()), native.stored, `${mechanism} stored`);
      assertBitIdentical(Array.from(measure.recalled()), native.recalled, `${mechanism} recalled`);
      assertBitIdentical(Array.from(measure.lyapunovExponents()), native.lyapunov_exponents,
        `${mechanism} exponents`);
      assert.equal(measure.nearZeroExponents(), native.near_zero_exponents);
      const records = measure.records();
      assert.equal(records.length, native.records.length);
      records.forEach((record, r) => {
        for (const [js, json] of recordFields) {
          assertBitIdentical([record[js] === null ? NaN : record[js]], [native.records[r][json]],
            `${mechanism} record ${r} ${js}`);
        }
      });
    } finally {
      measure.delete();
    }
  }
});

test('a sweep is bit-identical to native, and its views are zero-copy', () => {
  const options = { memories: 4, steps: 300, records: 3, state_noise: 0.1, lyapunov_k: 1, lyapunov_transient: 50, lyapunov_steps: 100 };
  const native = runNative([...nativeArgs('robustness-sweep', 'line', { n: 6 }, options),
    '--epsilons=0,0.2', '--seeds=2', '--first_seed=3']).json;
  const sweep = new lab.RobustnessSweep('line', { n: 6 }, options, [0, 0.2], 2, 3);
  try {
    runToEnd(sweep, 250);
    assert.deepEqual(Array.from(lab.RobustnessSweep.quantities()), native.quantities);
    assertBitIdentical(Array.from(sweep.times()), native.times, 'times');
    for (const name of ['mean', 'spread', 'minimum', 'maximum', 'values']) {
      assertBitIdentical(Array.from(sweep[name]()), native[name], name);
    }
    const view = sweep.mean();
    assert.ok(view instanceof Float64Array);
    assert.equal(view.buffer, lab.HEAPF64.buffer, 'a view into the module memory');
  } finally {
    sweep.delete();
  }
});

test('errors carry the core message, natively and in wasm; a rejected advance changes nothing', () => {
  const cases = [
    ['spiral', {}, {}],
    ['ring', { n: 16 }, { velocity: 10 }],
    ['torus', { n: 8 }, { block: 4 }],
    ['line', {}, { steps: 5, records: 6 }],
    ['line', { n: 1 }, {}],
  ];
  for (const [mechanism, params, options] of cases) {
    const native = runNative(nativeArgs('robustness', mechanism, params, options));
    assert.ok(native.error, `native accepted ${mechanism} ${JSON.stringify(options)}`);
    assert.throws(() => new lab.RobustnessMeasure(mechanism, params, options),
      (error) => error instanceof Error && error.message === native.error);
  }
  assert.throws(() => new lab.RobustnessMeasure(3, {}, {}), /mechanism must be a string/);
  const measure = new lab.RobustnessMeasure('line', { n: 4 }, { steps: 10 });
  try {
    assert.throws(() => measure.advance(0), /budget = 0/);
    assert.equal(measure.workDone(), 0);
    measure.advance(1e9);
    assert.ok(measure.done());
  } finally {
    measure.delete();
  }
  assert.deepEqual(Array.from(lab.RobustnessMeasure.mechanisms()),
    ['line', 'ring', 'limit_cycle', 'torus', 'hd_ring', 'hd_oscillator']);
  assert.ok(lab.RobustnessMeasure.paramSpecs().some((spec) => spec.name === 'cluster_tolerance'));
  assert.ok(lab.RobustnessMeasure.modelParamSpecs('torus').some((spec) => spec.name === 'seed'));
});
