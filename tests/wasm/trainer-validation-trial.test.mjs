// Trainer.validationTrial(k): the core runs validation trial k through the current network. Its
// outputs over all trials give the core's validation loss; its hidden states and outputs obey
// the network's equations, checked here from the parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, using } from './helpers.mjs';

const lab = await loadLab();

const cases = [
  { name: 'delayed recall, discrete, after training', config: { task: 'delayed_recall', taskParams: { steps: 20, recall_steps: 3 },
    initialization: 'orthogonal', network: { hidden: 16 }, training: { batch: 8 } }, train: 30, continuous: false },
  { name: 'angular velocity (2 outputs), qpta, no bias', config: { task: 'angular_velocity', taskParams: { steps: 30 },
    initialization: 'qpta', network: { hidden: 12, bias: 0 }, training: { batch: 4 } }, train: 5, continuous: false },
  { name: 'adding, continuous (Euler) form', config: { task: 'adding', taskParams: { steps: 15 },
    initialization: 'gaussian', network: { hidden: 10, continuous: 1, dt: 0.2, gain: 1.5 }, training: { batch: 5 } }, train: 10, continuous: true, dt: 0.2 },
];

for (const { name, config, train, continuous, dt } of cases) {
  test(`validation trials follow the network's equations and give its loss: ${name}`, async () => {
    await using(new lab.Trainer(config), (trainer) => {
      trainer.train(train);
      const layout = trainer.layout();
      const p = Float64Array.from(trainer.parametersView());
      const { batch: trials } = trainer.validationBatch();
      let sum = 0;
      let weight = 0;
      for (let k = 0; k < trials; k++) {
        const trial = trainer.validationTrial(k);
        const { steps, inputs, outputs, targets, mask, states } = trial;
        const n = layout.hidden;
        for (let t = 0; t < steps; t++) {
          weight += mask[t];
          for (let o = 0; o < layout.outputs; o++) {
            const error = outputs[t * layout.outputs + o] - targets[t * layout.outputs + o];
            sum += mask[t] * error * error;
            // y_t = V h_t + c
            let y = p[layout.readoutBiasOffset + o];
            for (let i = 0; i < n; i++) y += p[layout.readoutOffset + i * layout.outputs + o] * states[t * n + i];
            assert.ok(Math.abs(y - outputs[t * layout.outputs + o]) < 1e-9);
          }
          // h_t from h_{t-1} (h_0 = 0) and x_t: tanh(W h + U x + b), or its Euler step.
          for (let i = 0; i < n; i++) {
            let a = p[layout.biasOffset + i];
            for (let j = 0; j < n; j++) a += p[layout.recurrentOffset + j * n + i] * (t ? states[(t - 1) * n + j] : 0);
            for (let q = 0; q < layout.inputs; q++) a += p[layout.inputOffset + q * n + i] * inputs[t * layout.inputs + q];
            const previous = t ? states[(t - 1) * n + i] : 0;
            const expected = continuous ? (1 - dt) * previous + dt * Math.tanh(a) : Math.tanh(a);
            assert.ok(Math.abs(expected - states[t * n + i]) < 1e-9, `h_${t}[${i}]`);
          }
        }
      }
      const core = trainer.measures().validation_loss;
      const ours = sum / (layout.outputs * weight);
      assert.ok(Math.abs(ours - core) <= 1e-10 * Math.max(1, core), `trials ${ours} vs core ${core}`);
      assert.throws(() => trainer.validationTrial(trials), /trial = \d+ is not allowed; trial must be an integer from 0 to \d+/);
    });
  });
}
