// Bad batches handed to lossAndGradient are refused by the core's check_batch with the message
// the native command line gives for the same batch (`train --batch FILE`), and the refused call
// leaves the trainer exactly as it was. Mirrors tests/core/test_batch_validation.cpp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBitIdentical, loadLab, runNative, using } from './helpers.mjs';

const lab = await loadLab();

// adding: 2 inputs, 1 output; the validation batch has 5 steps and 2 trials, its mask is 1 at the
// last step only.
const config = { task: 'adding', taskParams: { steps: 5 }, network: { hidden: 4, seed: 3 }, training: { batch: 2 } };
const nativeConfig = ['--task', 'adding', 'task.steps=5', 'net.hidden=4', 'net.seed=3', 'train.batch=2'];

function plainBatch(trainer) {
  const batch = trainer.validationBatch();
  return { steps: batch.steps, batch: batch.batch, inputs: Array.from(batch.inputs),
    targets: Array.from(batch.targets), mask: Array.from(batch.mask) };
}

// The native tool's message for `batch` written to a JSON file (undefined members are left out,
// as JSON.stringify does).
function nativeError(batch, steps = 0) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-lab-batch-'));
  try {
    const file = path.join(dir, 'batch.json');
    fs.writeFileSync(file, JSON.stringify(batch));
    return runNative(['train', ...nativeConfig, '--steps', String(steps), '--batch', file]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Each case: a change to a good batch and the message both doors must give.
const cases = [
  ['a negative mask entry', (b) => { b.mask[1] = -1; },
    'trainer: mask[1] = -1 is not allowed (step 0, trial 1); mask entries must be finite numbers >= 0'],
  ['a mask that sums to 0', (b) => { b.mask.fill(0); },
    'trainer: the mask sums to 0; the loss is divided by that sum, so it must be a positive finite number (give at least one step a positive weight)'],
  ['a missing mask', (b) => { delete b.mask; },
    'trainer: mask is missing; a batch has steps, batch, inputs, targets, mask'],
  ['missing steps', (b) => { delete b.steps; },
    'trainer: steps is missing; a batch has steps, batch, inputs, targets, mask'],
  ['inputs one too short', (b) => { b.inputs.pop(); },
    'trainer: inputs has 19 values; steps x batch x inputs = 5 x 2 x 2 = 20 are needed'],
  ['steps that do not fit the arrays', (b) => { b.steps = 4; },
    'trainer: inputs has 20 values; steps x batch x inputs = 4 x 2 x 2 = 16 are needed'],
  ['a mask of strings', (b) => { b.mask[3] = '1'; },
    'trainer: mask[3] must be a number, but a string was given'],
  ['targets that are not an array', (b) => { b.targets = { 0: 1 }; },
    'trainer: targets must be an array of numbers, but an object was given'],
  ['steps given as a string', (b) => { b.steps = '5'; },
    'trainer: steps must be a number, but a string was given'],
  ['a fractional trial count', (b) => { b.batch = 1.5; },
    'trainer: batch = 1.5 is not allowed; batch must be an integer from 1 to 4096 trials'],
  ['a misspelt member', (b) => { b.masks = b.mask; },
    "trainer: unknown batch member 'masks'; a batch has steps, batch, inputs, targets, mask"],
];

test('bad batches are refused in wasm with the message the native --batch gives, and change nothing', async () => {
  await using(new lab.Trainer(config), async (trainer) => {
    await using(new lab.Trainer(config), async (untouched) => {
      const before = Float64Array.from(trainer.parametersView());
      for (const [what, spoil, message] of cases) {
        const batch = plainBatch(trainer);
        spoil(batch);
        assert.throws(() => trainer.lossAndGradient(batch), { message }, what);
        assert.equal(nativeError(batch).error, message, what);
        assertBitIdentical(trainer.parametersView(), before, `parameters after ${what}`);
      }
      // The optimizer's state is untouched too: training goes on exactly as without the calls.
      trainer.train(3);
      untouched.train(3);
      assertBitIdentical(trainer.parametersView(), untouched.parametersView(), 'parameters after training');
    });
  });
});

test('NaN and infinite inputs, targets and mask entries are refused by name and position', async () => {
  // JSON has no NaN or Infinity, so these reach only the JavaScript door.
  await using(new lab.Trainer(config), (trainer) => {
    const before = Float64Array.from(trainer.parametersView());
    const refuse = (spoil, message) => {
      const batch = plainBatch(trainer);
      spoil(batch);
      assert.throws(() => trainer.lossAndGradient(batch), { message });
      const typed = { ...batch, inputs: Float64Array.from(batch.inputs), targets: Float64Array.from(batch.targets),
        mask: Float64Array.from(batch.mask) };
      assert.throws(() => trainer.lossAndGradient(typed), { message }, 'as Float64Arrays');
    };
    refuse((b) => { b.inputs[7] = NaN; },
      'trainer: inputs[7] = nan is not allowed (step 1, trial 1, input 1); inputs must be finite numbers');
    refuse((b) => { b.targets[9] = -Infinity; },
      'trainer: targets[9] = -inf is not allowed (step 4, trial 1, output 0); targets must be finite numbers');
    refuse((b) => { b.mask[9] = NaN; },
      'trainer: mask[9] = nan is not allowed (step 4, trial 1); mask entries must be finite numbers >= 0');
    refuse((b) => { b.mask[8] = Infinity; },
      'trainer: mask[8] = inf is not allowed (step 4, trial 0); mask entries must be finite numbers >= 0');
    assert.throws(() => trainer.lossAndGradient(null),
      { message: 'trainer: the batch must be an object with steps, batch, inputs, targets, mask, but null was given' });
    assertBitIdentical(trainer.parametersView(), before, 'parameters');
  });
});

test('a good batch gives the same loss and gradient in wasm and through the native --batch', async () => {
  await using(new lab.Trainer(config), (trainer) => {
    const batch = plainBatch(trainer);
    batch.mask[2] = 0.5;  // a weight, not only 0 or 1
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-lab-batch-'));
    try {
      const file = path.join(dir, 'batch.json');
      fs.writeFileSync(file, JSON.stringify(batch));
      trainer.train(4);
      const native = runNative(['train', ...nativeConfig, '--steps', '4', '--batch', file]).json;
      const { loss, gradient } = trainer.lossAndGradient(batch);
      assertBitIdentical([loss], [native.batch.loss], 'loss');
      assertBitIdentical(gradient, native.batch.gradient, 'gradient');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a huge bad name or value comes back as its first 80 characters and its length', () => {
  const huge = 'x'.repeat(2 * 1024 * 1024);
  const prefix = `'${'x'.repeat(80)}...' (2097152 characters)`;
  assert.throws(() => new lab.Trainer({ task: huge }), { message: `task ${prefix} is not known; choose one of delayed_recall, adding, repeat_copy, lagged_copy, sine, angular_velocity, angular_integration` });
  assert.throws(() => new lab.Trainer({ task: 'adding', network: { [huge]: 1 } }), (error) => error.message.length < 300 && error.message.includes(prefix));
  assert.throws(() => new lab.Trainer({ task: 'adding', network: { [huge]: 'a' } }),
    { message: `trainer network: ${'x'.repeat(80)}... (2097152 characters) must be a number, but a string was given` });
  assert.throws(() => new lab.Trainer({ task: 'adding', [huge]: 1 }), (error) => error.message.length < 300 && error.message.includes(prefix));
});

test('parametersView is a live view of the weights: it follows training, a copy does not', async () => {
  // docs/training.md ("Parameter layout") tells callers to copy the view before training further.
  await using(new lab.Trainer(config), (trainer) => {
    const view = trainer.parametersView();
    const copy = Float64Array.from(view);
    trainer.train(2);
    const after = Float64Array.from(trainer.parametersView());
    assert.notDeepEqual(after, copy);
    assertBitIdentical(view, after, 'the view taken before training');
    const layout = trainer.layout();
    assert.equal(layout.inputOffset, 16);  // N^2, N = 4
    assert.equal(layout.biasOffset, 16 + 4 * 2);
    assert.equal(layout.readoutOffset, 16 + 8 + 4);
    assert.equal(layout.readoutBiasOffset, 16 + 8 + 4 + 4);
    assert.equal(layout.size, 16 + 8 + 4 + 4 + 1);
  });
});
