// The rnn-trainer widget's configurations against the core (web/src/widgets/rnn-trainer): every
// task and initialization the widget offers, at the widget's defaults, builds a trainer that the
// core accepts and that trains, and a choice the schema refuses is one the core refuses too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, using } from './helpers.mjs';
import { defaults } from '../../web/src/state/registry.js';
import { INITIALIZATIONS, TASKS, rnnTrainerSchema } from '../../web/src/widgets/rnn-trainer/schema.js';
import { trainerConfig } from '../../web/src/widgets/rnn-trainer/model.js';

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
