// The rnn-trainer widget draws a validation trial from its own forward pass (in a helper worker);
// run on every validation trial, that pass must give the loss the core reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forwardPass } from '../../web/src/widgets/rnn-trainer/forward-pass.js';
import { loadLab, using } from './helpers.mjs';

const lab = await loadLab();

function lossOverAllTrials(trainer, form) {
  const batch = trainer.validationBatch();
  const layout = trainer.layout();
  const parameters = Float64Array.from(trainer.parametersView());
  let sum = 0;
  let weight = 0;
  for (let trial = 0; trial < batch.batch; trial++) {
    const { outputs } = forwardPass({ parameters, layout, batch, trial, ...form });
    for (let t = 0; t < batch.steps; t++) {
      const mask = batch.mask[t * batch.batch + trial];
      weight += mask;
      for (let o = 0; o < layout.outputs; o++) {
        const error = outputs[t * layout.outputs + o] - batch.targets[(t * batch.batch + trial) * layout.outputs + o];
        sum += mask * error * error;
      }
    }
  }
  return { ours: sum / (layout.outputs * weight), core: trainer.lossAndGradient(batch).loss };
}

const cases = [
  { name: 'delayed recall, discrete, after training', config: { task: 'delayed_recall', taskParams: { steps: 20, recall_steps: 3 },
    initialization: 'orthogonal', network: { hidden: 16 }, training: { batch: 8 } }, train: 30, form: { continuous: false, dt: 0.1 } },
  { name: 'angular velocity (2 outputs), qpta, no bias', config: { task: 'angular_velocity', taskParams: { steps: 30 },
    initialization: 'qpta', network: { hidden: 12, bias: 0 }, training: { batch: 4 } }, train: 5, form: { continuous: false, dt: 0.1 } },
  { name: 'adding, continuous (Euler) form', config: { task: 'adding', taskParams: { steps: 15 },
    initialization: 'gaussian', network: { hidden: 10, continuous: 1, dt: 0.2, gain: 1.5 }, training: { batch: 5 } }, train: 10, form: { continuous: true, dt: 0.2 } },
];

for (const { name, config, train, form } of cases) {
  test(`the widget's forward pass gives the core's validation loss: ${name}`, async () => {
    await using(new lab.Trainer(config), (trainer) => {
      trainer.train(train);
      const { ours, core } = lossOverAllTrials(trainer, form);
      assert.ok(Math.abs(ours - core) <= 1e-10 * Math.max(1, core), `forward pass ${ours} vs core ${core}`);
    });
  });
}
