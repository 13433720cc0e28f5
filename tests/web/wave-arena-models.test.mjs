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

// A stand-in for the worker: each mechanism's sweep ends with a constant pairwise error.
function fakeClient(finalErrors) {
  const quantities = ['residual', 'pairwise_error', 'distinct_end_states', 'gradient_log10_mean', 'near_zero_exponents', 'common_shift', 'slope'];
  return {
    async static() {
      return quantities;
    },
    async create(kind, mechanism, modelParams, config, epsilons, seeds) {
      const size = quantities.length * RECORDS;
      const mean = new Float64Array(size).fill(12);
      mean.fill(finalErrors[mechanism], RECORDS, 2 * RECORDS);
      return {
        async job() {
          return { done: true, values: { times: new Float64Array(RECORDS), mean, spread: new Float64Array(size),
            values: new Float64Array(size * seeds).fill(finalErrors[mechanism]) } };
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
