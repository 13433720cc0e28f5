// The FORCE-against-LMS bench's model without a browser (the worker replaced by a stand-in): the
// interval of the values reaches the core, the run's state correlation is measured over every
// pair, and Run trials stops after the trial in progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ForceLmsModel } from '../../web/src/widgets/force-lms/model.js';
import { forceLmsSchema } from '../../web/src/widgets/force-lms/schema.js';
import { defaults } from '../../web/src/state/registry.js';

// Each trial trains the next of three values; the output changes and state correlations at the
// other values are given per trial (NaN: not trained yet, or the trial's own value).
function fakeClient(perTrial) {
  const created = [];
  return {
    created,
    async create(kind, params) {
      created.push({ kind, params });
      let trials = 0;
      return {
        measures: { trials: 0 },
        async invoke(method) {
          if (method === 'trials') return { views: { valuesView: [-1, 0, 1] } };
          if (method === 'runTrial') {
            const { changes, correlations } = perTrial[trials % perTrial.length];
            trials += 1;
            return {
              value: { trials, trials_to_criterion: null, last_value: 0, readout_norm: 1 },
              views: { outputsView: [0, 0], targetsView: [0, 0], valuesView: [-1, 0, 1], recalledView: [NaN, NaN, NaN],
                outputChangesView: changes, stateCorrelationsView: correlations },
            };
          }
          if (method === 'survived') return { value: [1, null, null] };
          return { value: [] };
        },
        async dispose() {},
      };
    },
  };
}

const TRIALS = [
  { changes: [NaN, NaN, NaN], correlations: [NaN, NaN, NaN] },
  { changes: [0.2, NaN, NaN], correlations: [-0.9, NaN, NaN] },
  { changes: [0.1, -0.3, NaN], correlations: [0.5, 0.7, NaN] },
];

test('the interval of the values goes to the core with the memory task only', async () => {
  const client = fakeClient(TRIALS);
  const model = new ForceLmsModel(client, forceLmsSchema, { ...defaults(forceLmsSchema), center: 0.75, spread: 0.25 });
  await model.start();
  assert.equal(client.created[0].params.center, 0.75);
  assert.equal(client.created[0].params.spread, 0.25);
  assert.deepEqual([model.measures.center, model.measures.spread], [0.75, 0.25]);
  const pattern = fakeClient(TRIALS);
  await new ForceLmsModel(pattern, forceLmsSchema, { ...defaults(forceLmsSchema), task: 'pattern' }).start();
  assert.ok(!('center' in pattern.created[0].params) && !('spread' in pattern.created[0].params));
});

test('the run\'s state correlation is the mean over every pair so far, signed and absolute', async () => {
  const model = new ForceLmsModel(fakeClient(TRIALS), forceLmsSchema, defaults(forceLmsSchema));
  await model.start();
  assert.equal(model.measures.mean_state_correlation_all_trials, null);
  for (let k = 0; k < 3; k++) assert.ok(await model.step());
  // Pairs: (0.2, -0.9), (0.1, 0.5), (-0.3, 0.7).
  assert.ok(Math.abs(model.measures.mean_state_correlation_all_trials - (-0.9 + 0.5 + 0.7) / 3) < 1e-12);
  assert.ok(Math.abs(model.measures.mean_abs_state_correlation_all_trials - (0.9 + 0.5 + 0.7) / 3) < 1e-12);
  assert.ok(Math.abs(model.measures.mean_output_change_all_trials - (0.2 + 0.1 + 0.3) / 3) < 1e-12);
  assert.ok(Math.abs(model.measures.mean_state_correlation - 0.6) < 1e-12, 'the last trial alone');
});

test('Run trials runs one trial after another and a Stop ends it after the trial in progress', async () => {
  const model = new ForceLmsModel(fakeClient(TRIALS), forceLmsSchema, defaults(forceLmsSchema));
  await model.start();
  const stop = new AbortController();
  const fractions = [];
  const done = await model.runTrials(100, {
    signal: stop.signal,
    onProgress: (fraction) => {
      fractions.push(fraction);
      if (fractions.length === 4) stop.abort();
    },
  });
  assert.equal(done, 4);
  assert.equal(model.measures.trial, 4);
  assert.deepEqual(fractions, [0.01, 0.02, 0.03, 0.04]);
  assert.equal(await model.runTrials(5), 5);
  assert.equal(model.measures.trial, 9);
});

test('a new network keeps the last run with trials as the previous run, compared trial for trial', async () => {
  const model = new ForceLmsModel(fakeClient(TRIALS), forceLmsSchema, { ...defaults(forceLmsSchema), rule: 'lms', order: 'random' });
  await model.start();
  assert.equal(model.measures.previous_rule, null);
  assert.equal(model.measures.previous_interference_at_trial, null);
  for (let k = 0; k < 3; k++) assert.ok(await model.step());
  const random = model.measures.mean_output_change_all_trials;
  // An untouched network in between does not replace the run that ran trials.
  await model.setParam('order', 'sorted');
  await model.setParam('seed', 2);
  assert.deepEqual([model.measures.previous_rule, model.measures.previous_order, model.measures.previous_seed, model.measures.previous_trial],
    ['lms', 'random', 1, 3]);
  assert.equal(model.measures.previous_interference_at_trial, null, 'no trial of this run to compare yet');
  await model.step();
  await model.step();
  // After two trials: the random run's interference after its own second trial, (0.2 + 0.1 + 0.3) / 3 after the third.
  assert.ok(Math.abs(model.measures.previous_interference_at_trial - 0.2) < 1e-12);
  await model.step();
  assert.ok(Math.abs(model.measures.previous_interference_at_trial - random) < 1e-12);
  await model.step();
  assert.equal(model.measures.previous_interference_at_trial, null, 'the previous run ran only 3 trials');
  assert.equal(model.measures.seed, 2);
});
