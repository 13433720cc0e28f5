// The rnn-trainer widget's configurations against the core (web/src/widgets/rnn-trainer): every
// task and initialization the widget offers, at the widget's defaults, builds a trainer that the
// core accepts and that trains, and a choice the schema refuses is one the core refuses too; the
// settings read back from a checkpoint are the ones it was built from: trainerConfig and
// paramsFromConfig are exact inverses over every setting the schema documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadLab, using } from './helpers.mjs';
import { checkValue, defaults } from '../../web/src/state/registry.js';
import { INITIALIZATIONS, TASKS, rnnTrainerSchema } from '../../web/src/widgets/rnn-trainer/schema.js';
import { paramsFromCheckpoint, paramsFromConfig, trainerConfig } from '../../web/src/widgets/rnn-trainer/model.js';

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

// The one setting of the schema that is no part of a network: how many steps a press trains.
const NOT_IN_CONFIG = ['train_steps'];
// Where a setting takes effect: the copy task's settings in a copy task (they are not in another
// task's configuration).
const CONTEXT = { copy_lag: { task: 'repeat_copy' }, copy_dims: { task: 'repeat_copy' } };

// Values of `name` away from `params[name]` that the schema allows: every other option of a
// choice, the other state of a switch, and for a number a step up (or down at the maximum) and a
// value inside the range that is no round number.
function otherValues(name, params) {
  const spec = rnnTrainerSchema.params[name];
  const current = params[name];
  if (spec.type === 'choice') return spec.options.map((option) => option.value).filter((value) => value !== current);
  if (spec.type === 'boolean') return [!current];
  const step = spec.integer ? 1 : (spec.step ?? (spec.max - spec.min) / 100);
  const candidates = [current + step <= spec.max ? current + step : current - step,
    spec.min + (spec.max - spec.min) * 0.3719];
  return candidates.map((value) => (spec.integer ? Math.round(value) : value))
    .filter((value) => value !== current && !checkValue(spec, value));
}

// Every setting the schema documents, each changed alone (in its context), passes widget -> config
// -> widget unchanged, through the core's checkpoint as well; a new setting without a mapping in
// trainerConfig and paramsFromConfig fails here unless NOT_IN_CONFIG names it.
test('every widget setting survives widget -> configuration -> widget, and through a checkpoint', async () => {
  const names = Object.keys(rnnTrainerSchema.params).filter((name) => !NOT_IN_CONFIG.includes(name));
  assert.ok(names.length >= 20, `${names.length} settings`);
  let cases = 0;
  for (const name of names) {
    const context = { ...base, ...CONTEXT[name] };
    const values = otherValues(name, context);
    assert.ok(values.length, `${name}: no other value to try`);
    for (const value of values) {
      const params = { ...context, [name]: value };
      const what = `${name} = ${value}`;
      for (const constraint of rnnTrainerSchema.constraints) assert.ok(constraint.check(params), `${what}: ${constraint.settings}`);
      const config = trainerConfig(params);
      assert.equal(paramsFromConfig(config)[name], value, `${what}: widget -> configuration -> widget`);
      assert.deepEqual(trainerConfig({ ...params, ...paramsFromConfig(config) }), config, `${what}: configuration -> widget -> configuration`);
      await using(new lab.Trainer(config), (trainer) => {
        const text = trainer.checkpoint();
        assert.equal(paramsFromCheckpoint(text)[name], value, `${what}: through the core's checkpoint`);
        // The checkpoint records the configuration under the same names (with every default resolved).
        const recorded = JSON.parse(text).config;
        for (const [member, given] of Object.entries(config)) {
          if (typeof given === 'string') assert.equal(recorded[member], given, `${what}: ${member}`);
          else for (const [key, number] of Object.entries(given)) assert.equal(recorded[member][key], number, `${what}: ${member}.${key}`);
        }
      });
      cases++;
    }
  }
  assert.ok(cases > names.length, `${cases} cases`);
});

test('a configuration the widget builds is exactly trainerConfig of the settings read from it', () => {
  for (const { value: task } of TASKS) {
    for (const { value: initialization } of INITIALIZATIONS) {
      const config = trainerConfig({ ...base, task, initialization, hidden: 10 });
      // Settings the configuration does not hold come back undefined; trainerConfig ignores them.
      assert.deepEqual(trainerConfig(paramsFromConfig(config)), config, `${task}, ${initialization}`);
    }
  }
});

// Checkpoints saved by the trainer of version 1 (tests/fixtures, written by the code of that
// time): the widget reads its settings from them, and the core resumes them exactly.
const fixture = (name) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').trim();

test('a checkpoint saved by an earlier version gives the widget its settings and trains on exactly', async () => {
  // The settings tests/fixtures/checkpoint-v1-rnn-*.json were saved with.
  const saved = { ...defaults(rnnTrainerSchema), hidden: 6, batch: 3, trial_length: 10, epsilon: 0.05, seed: 2 };
  const restored = paramsFromCheckpoint(fixture('checkpoint-v1-rnn-step5.json'));
  for (const name of Object.keys(saved)) {
    if (notInCheckpoint(saved).includes(name)) continue;
    assert.equal(restored[name], saved[name], name);
  }
  for (const name of ['rnn', 'lstm']) {
    await using(lab.Trainer.fromCheckpoint(fixture(`checkpoint-v1-${name}-step5.json`)), (trainer) => {
      assert.equal(trainer.stepsTaken(), 5);
      assert.equal(trainer.train(3), 3);
      assert.equal(trainer.checkpoint(), fixture(`checkpoint-v1-${name}-step8.json`), name);
    });
  }
});

test('the configuration in the spelling of earlier versions (taskParams, optimizerParams) still builds the same trainer', async () => {
  const config = trainerConfig({ ...base, learning_rate: 0.01 });
  const { task_params: taskParams, optimizer_params: optimizerParams, ...rest } = config;
  await using(new lab.Trainer(config), async (now) => {
    await using(new lab.Trainer({ ...rest, taskParams, optimizerParams }), (before) => {
      assert.equal(before.checkpoint(), now.checkpoint());
    });
  });
  assert.throws(() => new lab.Trainer({ ...config, taskparams: {} }),
    { message: "trainer: unknown field 'taskparams'; fields are task, task_params, initialization, network, optimizer, optimizer_params, training" });
});
