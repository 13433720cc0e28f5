// The wave-lattice and robustness-arena widget models without a browser: input parsing, the
// rule's targets, and how the arena judges a prediction (the worker replaced by a stand-in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSequence, randomSigns, WaveLatticeModel } from '../../web/src/widgets/wave-lattice/model.js';
import { waveSchema } from '../../web/src/widgets/wave-lattice/schema.js';
import { ArenaModel, RECORDS } from '../../web/src/widgets/robustness-arena/model.js';
import { arenaSchema } from '../../web/src/widgets/robustness-arena/schema.js';
import { defaults } from '../../web/src/state/registry.js';

test('a typed sequence needs s steps of d numbers', () => {
  assert.deepEqual(parseSequence('1 -1; 0.5, 2\n-1 1', 2, 3), [[1, -1], [0.5, 2], [-1, 1]]);
  assert.throws(() => parseSequence('1 -1; 1 1', 2, 3), /needs 3 steps/);
  assert.throws(() => parseSequence('1 -1; 1; 1 1', 2, 3), /step 2 \("1"\) must be 2 numbers/);
  assert.throws(() => parseSequence('1 x; 1 1; 1 1', 2, 3), /step 1/);
  assert.throws(() => parseSequence('1 11; 1 1; 1 1', 2, 3), /from −10 to 10/);
});

test('the seeded input is ±1, repeatable, and differs between seeds', () => {
  const a = randomSigns(1, 64);
  assert.deepEqual(a, randomSigns(1, 64));
  assert.ok(a.every((v) => v === 1 || v === -1));
  assert.ok(a.includes(1) && a.includes(-1));
  assert.notDeepEqual(a, randomSigns(2, 64));
});

test('the targets follow each rule from the earlier outputs', () => {
  const model = new WaveLatticeModel({}, waveSchema, { ...defaults(waveSchema), lag: 3, dims: 2 });
  model.outputs = [[1, 2], [3, 4], [5, 6], [7, 8]];
  model.params.rule = 'repeat_copy';
  assert.equal(model.targetAt(2), null, 'no target while the input is written');
  assert.deepEqual(model.targetAt(3), [1, 2]);
  model.params.rule = 'lagged_copy';
  // dimension 0 repeats with lag 3, dimension 1 with lag 2
  assert.deepEqual(model.targetAt(3), [1, 4]);
  model.params.rule = 'fibonacci';
  model.growth = 2;
  assert.deepEqual(model.targetAt(3), [5 / 2 + 3 / 4 + 1 / 8, 6 / 2 + 4 / 4 + 2 / 8]);
});

// A stand-in for the worker: each mechanism's sweep ends with a constant decoded (and pairwise)
// error; for the torus, `finalErrors.torus` may give one error per network seed.
function fakeClient(finalErrors) {
  const quantities = ['residual', 'pairwise_error', 'distinct_end_states', 'gradient_log10_mean', 'near_zero_exponents', 'common_shift',
    'slope', 'decoded_error', 'manifold_exponent', 'lyapunov_max'];
  return {
    async static() {
      return quantities;
    },
    async create(kind, mechanism, modelParams, config, epsilons, seeds) {
      const error = typeof finalErrors[mechanism] === 'object' ? finalErrors[mechanism][modelParams.seed] : finalErrors[mechanism];
      const values = new Float64Array(quantities.length * RECORDS * seeds).fill(12);
      for (const name of ['pairwise_error', 'decoded_error']) {
        const q = quantities.indexOf(name);
        values.fill(error, q * seeds * RECORDS, (q + 1) * seeds * RECORDS);
      }
      return {
        async job() {
          return { done: true, values: { times: new Float64Array(RECORDS).map((_, r) => r + 1), values } };
        },
        async dispose() {},
      };
    },
  };
}

test('the arena names the best mechanism and judges the prediction made before the run', async () => {
  const params = { ...defaults(arenaSchema) };
  const model = new ArenaModel(fakeClient({ line: 0.5, ring: 0.6, limit_cycle: 0.001, torus: 0.1 }), arenaSchema, params);
  await model.start();
  assert.equal(model.measures.prediction_correct, null);
  model.setPrediction('torus');
  await model.runMeasures({ all: true });
  assert.equal(model.measures.mechanisms_measured, 4);
  assert.equal(model.measures.best_mechanism, 'limit_cycle');
  assert.equal(model.measures.worst_mechanism, 'ring');
  assert.equal(model.measures.torus_pairwise_error, 0.1);
  assert.equal(model.measures.torus_decoded_error, 0.1);
  assert.equal(model.measures.prediction_correct, false);
  // Changing the answer afterwards does not change the verdict on the run.
  model.setPrediction('limit_cycle');
  assert.equal(model.measures.prediction_correct, false);
  assert.equal(model.measures.prediction, 'limit_cycle');
  // New settings clear the curves; the next run records the new prediction.
  await model.setParam('epsilon', 0.05);
  assert.equal(model.measures.mechanisms_measured, 0);
  assert.equal(model.measures.prediction_correct, null);
  await model.runMeasures({ all: true });
  assert.equal(model.measures.prediction_correct, true);
});

test('the arena averages the torus over networks and counts the networks that keep the information', async () => {
  const params = { ...defaults(arenaSchema), use_line: false, use_ring: false, use_limit_cycle: false, torus_network: 3, torus_networks: 4, seeds: 2 };
  // Networks 3 and 5 keep the information (decoded error at most 0.25), 4 and 6 do not.
  const model = new ArenaModel(fakeClient({ torus: { 3: 0.1, 4: 0.5, 5: 0.25, 6: 0.9 } }), arenaSchema, params);
  await model.start();
  await model.runMeasures({ all: true });
  const m = model.measures;
  assert.equal(m.torus_networks_measured, 4);
  assert.equal(m.torus_networks_keeping, 0.5);
  assert.equal(m.torus_networks_keeping_spread, 0, 'the same share on both seeds');
  assert.ok(Math.abs(m.torus_decoded_error - (0.1 + 0.5 + 0.25 + 0.9) / 4) < 1e-12);
  assert.deepEqual(model.results.get('torus').networks, [3, 4, 5, 6]);
  assert.equal(model.results.get('torus').cells.length, 8, 'four networks x two perturbation seeds');
});
