// The rnn-trainer widget's configurations against the core (web/src/widgets/rnn-trainer): every
// task and initialization the widget offers, at the widget's defaults, builds a trainer that the
// core accepts and that trains, and a choice the schema refuses is one the core refuses too; the
// settings read back from a checkpoint are the ones it was built from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, using } from './helpers.mjs';
import { defaults } from '../../web/src/state/registry.js';
import { INITIALIZATIONS, TASKS, rnnTrainerSchema } from '../../web/src/widgets/rnn-trainer/schema.js';
import { paramsFromCheckpoint, trainerConfig } from '../../web/src/widgets/rnn-trainer/model.js';

const lab = await loadLab();
const base = { ...defaults(rnnTrainerSchema), hidden: 8, batch: 2, trial_length: 12 };

test('every task and initialization the widget offers builds a trainer the core accepts', async () => {
  for (const { value: task } of TASKS) {
    for (const { value: initialization } of INITIALIZATIONS) {
      const params = { ...base, task, initialization };
      for (const constraint of rnnTrainerSchema.constraints) assert.ok(constraint.check(params), `${task}, ${initialization}: ${constraint.settings}`);
      await using(new lab.Trainer(trainerConfig(params)), (trainer) => {
        assert.equal(trainer.train(2), 2, `${task}, ${initialization}`);
        assert.equal(trainer.layout().architecture, initialization === 'lstm' ? 'lstm' : 'rnn');
      });
    }
  }
});

test('the LSTM with a perturbation: refused by the schema and by the core', () => {
  const params = { ...base, initialization: 'lstm', epsilon: 0.1 };
  const rule = rnnTrainerSchema.constraints.find((constraint) => constraint.settings.includes('epsilon'));
  assert.equal(rule.check(params), false);
  assert.match(rule.allowed(params), /the LSTM takes ε = 0/);
  const config = trainerConfig({ ...params, initialization: 'identity' });
  config.initialization = 'lstm';
  assert.throws(() => new lab.Trainer(config), /lstm: unknown parameter '(bias|epsilon|gain)'; known parameters: inputs, hidden, outputs, cell_memory, readout_bias, seed/);
});

// Settings a checkpoint does not carry: how many steps a press trains, and the copy tasks' own
// settings for the other tasks.
const notInCheckpoint = (params) => ['train_steps', ...(['repeat_copy', 'lagged_copy'].includes(params.task) ? [] : ['copy_lag', 'copy_dims'])];

test('a checkpoint gives back the settings its network was built from', async () => {
  const cases = [
    base,
    // Park et al.'s protocol (experiments/park-n16.json, QPTA), every setting away from its default.
    { ...base, task: 'angular_integration', initialization: 'qpta', hidden: 16, continuous: true, dt: 0.2, input_scale: 1,
      trained_initial_state: true, clip_norm: 0, decay_every: 300, decay_factor: 0.75, learning_rate: 1e-4, bias: false,
      epsilon: 0.05, perturbation_seed: 7, seed: 3, gain: 1.5 },
    { ...base, task: 'lagged_copy', copy_lag: 5, copy_dims: 3, trial_length: 20, initialization: 'identity' },
  ];
  for (const params of cases) {
    await using(new lab.Trainer(trainerConfig(params)), (trainer) => {
      const restored = paramsFromCheckpoint(trainer.checkpoint());
      for (const name of Object.keys(rnnTrainerSchema.params)) {
        if (notInCheckpoint(params).includes(name)) continue;
        assert.equal(restored[name], params[name], `${params.task}, ${params.initialization}: ${name}`);
      }
    });
  }
});

test('an LSTM checkpoint gives back the settings an LSTM uses', async () => {
  const params = { ...base, initialization: 'lstm', hidden: 6, seed: 4, learning_rate: 0.002, clip_norm: 0, decay_every: 100, decay_factor: 0.75 };
  await using(new lab.Trainer(trainerConfig(params)), (trainer) => {
    const restored = paramsFromCheckpoint(trainer.checkpoint());
    for (const name of ['task', 'trial_length', 'initialization', 'hidden', 'seed', 'learning_rate', 'clip_norm', 'decay_every', 'decay_factor', 'batch']) {
      assert.equal(restored[name], params[name], name);
    }
    // The RNN's settings are not in an LSTM's checkpoint: the widget keeps its own.
    for (const name of ['gain', 'bias', 'continuous', 'dt', 'input_scale', 'trained_initial_state']) assert.equal(restored[name], undefined, name);
  });
});
