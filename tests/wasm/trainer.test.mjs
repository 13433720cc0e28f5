// Training through WebAssembly against the native build: same seed, same weights, to the bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab, runNative, using } from './helpers.mjs';

const lab = await loadLab();

function nativeArgs({ task, initialization, optimizer, taskParams = {}, network = {}, optimizerParams = {}, training = {} }, steps) {
  const group = (prefix, values) => Object.entries(values).map(([k, v]) => `${prefix}.${k}=${v}`);
  return ['train', '--task', task, '--init', initialization, '--optimizer', optimizer, '--steps', String(steps),
    ...group('task', taskParams), ...group('net', network), ...group('opt', optimizerParams), ...group('train', training)];
}

const configs = [
  { task: 'delayed_recall', initialization: 'orthogonal', optimizer: 'adam',
    taskParams: { steps: 20, recall_steps: 3 }, network: { hidden: 24, seed: 2 }, training: { batch: 8, seed: 5 } },
  { task: 'adding', initialization: 'identity', optimizer: 'sgd',
    taskParams: { steps: 30 }, network: { hidden: 16, continuous: 1, dt: 0.2 },
    optimizerParams: { learning_rate: 0.01, momentum: 0.9, clip_norm: 0.5 }, training: { batch: 4 } },
  { task: 'angular_velocity', initialization: 'gaussian', optimizer: 'adam',
    taskParams: { steps: 40 }, network: { hidden: 20, gain: 1.5, bias: 0 },
    optimizerParams: { decay_every: 5, decay_factor: 0.7 }, training: { batch: 3, seed: 9 } },
  { task: 'lagged_copy', initialization: 'orthogonal', optimizer: 'adam',
    taskParams: { dims: 3, lag: 4, steps: 12 }, network: { hidden: 12 }, training: { batch: 2 } },
  { task: 'angular_velocity', initialization: 'qpta', optimizer: 'adam',
    taskParams: { steps: 30 }, network: { hidden: 16, seed: 4, input_scale: 1 }, training: { batch: 4, seed: 2 } },
  { task: 'angular_velocity', initialization: 'qpta', optimizer: 'adam',
    taskParams: { steps: 30 }, network: { hidden: 12, continuous: 1, bias: 0 }, training: { batch: 3 } },
  { task: 'delayed_recall', initialization: 'line', optimizer: 'adam',
    taskParams: { steps: 15, recall_steps: 2 }, network: { hidden: 10, seed: 3 }, training: { batch: 4 } },
  { task: 'angular_velocity', initialization: 'ring', optimizer: 'sgd',
    taskParams: { steps: 20 }, network: { hidden: 12, gain: 0.8 }, optimizerParams: { learning_rate: 0.01 }, training: { batch: 2 } },
  // float32 forward pass and BPTT (precision 32): the float32 products, tanh_float and the
  // float32 sums must not be contracted into fused multiply-adds or reordered by either compiler.
  { task: 'delayed_recall', initialization: 'orthogonal', optimizer: 'adam',
    taskParams: { steps: 20, recall_steps: 3 }, network: { hidden: 24, seed: 2, precision: 32 }, training: { batch: 8, seed: 5 } },
  { task: 'adding', initialization: 'identity', optimizer: 'sgd',
    taskParams: { steps: 30 }, network: { hidden: 17, continuous: 1, dt: 0.2, precision: 32 },
    optimizerParams: { learning_rate: 0.01, momentum: 0.9, clip_norm: 0.5 }, training: { batch: 5 } },
  { task: 'angular_velocity', initialization: 'gaussian', optimizer: 'adam',
    taskParams: { steps: 40 }, network: { hidden: 64, gain: 1.5, bias: 0, precision: 32 }, training: { batch: 16, seed: 9 } },
  { task: 'lagged_copy', initialization: 'qpta', optimizer: 'adam',
    taskParams: { dims: 3, lag: 4, steps: 12 }, network: { hidden: 10, precision: 32 }, training: { batch: 3 } },
  // Park et al.'s task (its Gaussian-process velocity) and their LSTM baseline, both cells.
  { task: 'angular_integration', initialization: 'qpta', optimizer: 'adam',
    taskParams: { steps: 30, scored_steps: 10 }, network: { hidden: 16, continuous: 1, bias: 0 }, training: { batch: 4, seed: 2 } },
  { task: 'angular_integration', initialization: 'qpta', optimizer: 'adam',
    taskParams: { steps: 30, scored_steps: 10 }, network: { hidden: 16, continuous: 1, initial_state: 1, precision: 32 }, training: { batch: 4, seed: 2 } },
  { task: 'angular_integration', initialization: 'lstm', optimizer: 'adam',
    taskParams: { steps: 30, scored_steps: 10 }, network: { hidden: 12, seed: 3 }, training: { batch: 4, seed: 2 } },
  { task: 'delayed_recall', initialization: 'lstm', optimizer: 'adam',
    taskParams: { steps: 20, recall_steps: 3 }, network: { hidden: 9, cell_memory: 1, readout_bias: 1 }, training: { batch: 5 } },
  // A perturbed initial W (epsilon, perturbation_seed): the perturbation's draws must match too.
  { task: 'delayed_recall', initialization: 'identity', optimizer: 'adam',
    taskParams: { steps: 20, recall_steps: 3 }, network: { hidden: 16, epsilon: 0.3, perturbation_seed: 7 }, training: { batch: 4 } },
  { task: 'angular_velocity', initialization: 'qpta', optimizer: 'adam',
    taskParams: { steps: 20 }, network: { hidden: 12, seed: 3, epsilon: 0.1, perturbation_seed: 2, precision: 32 }, training: { batch: 3 } },
];

for (const config of configs) {
  test(`training ${config.task} (${config.initialization}, ${config.optimizer}, float${config.network.precision ?? 64}) gives bit-identical weights natively and in wasm`, async () => {
    const native = runNative(nativeArgs(config, 25)).json;
    await using(new lab.Trainer(config), (trainer) => {
      // In chunks, as the worker runs it, against one native run of 25 steps.
      assert.equal(trainer.train(10) + trainer.train(15), 25);
      const weights = trainer.parametersView();
      assert.equal(weights.length, native.parameters.length);
      for (let i = 0; i < weights.length; i++) {
        if (!Object.is(weights[i], native.parameters[i])) assert.fail(`parameter ${i}: wasm ${weights[i]} != native ${native.parameters[i]}`);
      }
      assert.deepEqual(Array.from(trainer.lossesView()), native.losses);
      assert.deepEqual(trainer.measures(), native.measures);
    });
  });
}

test('a qpta network\'s Lyapunov exponents are bit-identical natively and in wasm, its eigenvalues agree to rounding', async () => {
  const config = { task: 'angular_velocity', initialization: 'qpta', optimizer: 'adam',
    taskParams: { steps: 20 }, network: { hidden: 12, seed: 7 }, training: { batch: 2 } };
  const native = runNative([...nativeArgs(config, 5), '--eigenvalues', '--lyapunov', '6:800:200']).json;
  await using(new lab.Trainer(config), (trainer) => {
    trainer.train(5);
    const exponents = trainer.lyapunovExponents({ k: 6, steps: 800, transient_steps: 200 });
    assert.ok(exponents instanceof Float64Array);
    assert.deepEqual(Array.from(exponents), native.lyapunov_exponents);
    const { real, imag } = trainer.recurrentEigenvalues();
    assert.equal(real.length, 12);
    assert.equal(imag.length, 12);
    for (let i = 0; i < 12; i++) {
      assert.ok(Math.abs(real[i] - native.eigenvalues.real[i]) < 1e-9, `real ${i}: ${real[i]} vs ${native.eigenvalues.real[i]}`);
      assert.ok(Math.abs(imag[i] - native.eigenvalues.imag[i]) < 1e-9, `imag ${i}: ${imag[i]} vs ${native.eigenvalues.imag[i]}`);
    }
    // Largest modulus first.
    for (let i = 1; i < 12; i++) assert.ok(Math.hypot(real[i - 1], imag[i - 1]) >= Math.hypot(real[i], imag[i]) - 1e-12);
    const { error } = runNative([...nativeArgs(config, 0), '--lyapunov', '13:100']);
    assert.ok(error, 'native accepted k = 13 for 12 units');
    assert.throws(() => trainer.lyapunovExponents({ k: 13, steps: 100 }), { message: error });
    assert.throws(() => trainer.lyapunovExponents({ k: 2, stepz: 100 }), { message: /unknown/ });
  });
});

test('lossAndGradient gives the gradient that finite differences of the loss give', async () => {
  await using(new lab.Trainer({ task: 'adding', taskParams: { steps: 8 }, network: { hidden: 6 }, training: { batch: 3 } }), (trainer) => {
    const batch = trainer.validationBatch();
    const { loss, gradient } = trainer.lossAndGradient(batch);
    const layout = trainer.layout();
    assert.equal(gradient.length, layout.size);
    const base = Float64Array.from(trainer.parametersView());
    const h = 1e-6;
    for (const index of [0, 7, layout.inputOffset + 1, layout.biasOffset + 2, layout.readoutOffset + 3, layout.readoutBiasOffset]) {
      const shifted = Float64Array.from(base);
      shifted[index] += h;
      trainer.setParameters(shifted);
      const plus = trainer.lossAndGradient(batch).loss;
      shifted[index] -= 2 * h;
      trainer.setParameters(shifted);
      const minus = trainer.lossAndGradient(batch).loss;
      const numeric = (plus - minus) / (2 * h);
      assert.ok(Math.abs(numeric - gradient[index]) < 1e-7 * Math.max(1, Math.abs(numeric)), `parameter ${index}: ${gradient[index]} vs ${numeric}`);
    }
    trainer.setParameters(base);
    assert.equal(trainer.lossAndGradient(batch).loss, loss);
  });
});

test('float32 and float64 training start from the same loss and stay close', async () => {
  const config = { task: 'delayed_recall', initialization: 'orthogonal', taskParams: { steps: 20, recall_steps: 3 },
    network: { hidden: 16 }, training: { batch: 8 } };
  const single = new lab.Trainer({ ...config, network: { ...config.network, precision: 32 } });
  const double = new lab.Trainer(config);
  try {
    single.train(20);
    double.train(20);
    const a = single.lossesView();
    const b = double.lossesView();
    assert.ok(Math.abs(a[0] - b[0]) < 1e-5 * b[0], `${a[0]} vs ${b[0]}`);
    assert.ok(Math.abs(a[19] - b[19]) < 1e-2 * b[19], `${a[19]} vs ${b[19]}`);
    assert.notDeepEqual(Array.from(single.parametersView()), Array.from(double.parametersView()));
    const batch = single.validationBatch();
    const { loss, gradient } = single.lossAndGradient(batch);
    assert.ok(gradient instanceof Float64Array);
    for (const value of gradient) assert.equal(Math.fround(value), value);  // float32 sums
    assert.ok(Number.isFinite(loss));
    const text = single.checkpoint();
    assert.equal(JSON.parse(text).config.network.precision, 32);
    await using(lab.Trainer.fromCheckpoint(text), (resumed) => assert.equal(resumed.checkpoint(), text));
  } finally {
    single.delete();
    double.delete();
  }
  const spec = lab.Trainer.networkSpecs().find((s) => s.name === 'precision');
  assert.equal(spec.default, 64);
});

test('a perturbed initial W and its learning signal are bit-identical natively and in wasm', async () => {
  const config = { task: 'delayed_recall', initialization: 'ring', optimizer: 'adam',
    taskParams: { steps: 16, recall_steps: 2 }, network: { hidden: 12, epsilon: 0.2, perturbation_seed: 5 }, training: { batch: 4 } };
  const native = runNative([...nativeArgs(config, 0), '--learning-signal']).json;
  const unperturbed = runNative(nativeArgs({ ...config, network: { hidden: 12 } }, 0)).json;
  await using(new lab.Trainer(config), (trainer) => {
    const weights = trainer.parametersView();
    for (let i = 0; i < weights.length; i++) {
      if (!Object.is(weights[i], native.parameters[i])) assert.fail(`parameter ${i}: wasm ${weights[i]} != native ${native.parameters[i]}`);
    }
    // Only W (the first N^2 = 144 numbers) moved.
    assert.notDeepEqual(native.parameters.slice(0, 144), unperturbed.parameters.slice(0, 144));
    assert.deepEqual(native.parameters.slice(144), unperturbed.parameters.slice(144));
    const signal = trainer.validationGradientNorms();
    assert.ok(signal instanceof Float64Array);
    assert.deepEqual(Array.from(signal), native.learning_signal.gradient_norms);
    assert.equal(signal.length, 16);
  });
});

test('bad trainer configurations reject with the native message', () => {
  const cases = [
    [{ task: 'copy' }, ['train', '--task', 'copy']],
    [{ task: 'adding', initialization: 'xavier' }, ['train', '--task', 'adding', '--init', 'xavier']],
    [{ task: 'adding', network: { hidden: 5000 } }, ['train', '--task', 'adding', 'net.hidden=5000']],
    [{ task: 'adding', optimizerParams: { learning_rate: -1 } }, ['train', '--task', 'adding', 'opt.learning_rate=-1']],
    [{ task: 'adding', training: { batch: 0 } }, ['train', '--task', 'adding', 'train.batch=0']],
    [{ task: 'adding', initialization: 'qpta', network: { hidden: 9 } }, ['train', '--task', 'adding', '--init', 'qpta', 'net.hidden=9']],
    [{ task: 'adding', initialization: 'ring', network: { hidden: 2 } }, ['train', '--task', 'adding', '--init', 'ring', 'net.hidden=2']],
    [{ task: 'adding', network: { precision: 48 } }, ['train', '--task', 'adding', 'net.precision=48']],
    [{ task: 'adding', network: { epsilon: 2 } }, ['train', '--task', 'adding', 'net.epsilon=2']],
    [{ task: 'adding', network: { perturbation_seed: -1 } }, ['train', '--task', 'adding', 'net.perturbation_seed=-1']],
  ];
  for (const [config, args] of cases) {
    const { error } = runNative(args);
    assert.ok(error, `native accepted ${JSON.stringify(config)}`);
    assert.throws(() => new lab.Trainer(config), { message: error });
  }
  assert.throws(() => new lab.Trainer({ task: 'adding', epochs: 3 }), { message: /unknown field 'epochs'/ });
  assert.throws(() => new lab.Trainer({ task: 7 }), { message: /task must be a string/ });
  assert.throws(() => new lab.Trainer(null), { message: /configuration must be an object/ });
});

test('bad calls on a trainer reject and keep the network', async () => {
  await using(new lab.Trainer({ task: 'adding', network: { hidden: 4 } }), (trainer) => {
    const before = Array.from(trainer.parametersView());
    assert.throws(() => trainer.train(-2), { message: /steps = -2 is not allowed/ });
    assert.throws(() => trainer.setParameters([1, 2]), { message: /has 2 values; \d+ are needed/ });
    const bad = Float64Array.from(before);
    bad[3] = NaN;
    assert.throws(() => trainer.setParameters(bad), { message: /parameter 3 = nan is not a finite number/ });
    assert.deepEqual(Array.from(trainer.parametersView()), before);
  });
});

test('a checkpoint written in wasm resumes natively-identical training, and bad ones are rejected', async () => {
  const config = { task: 'delayed_recall', taskParams: { steps: 15, recall_steps: 2 }, network: { hidden: 10 }, training: { batch: 4 } };
  const native = runNative(nativeArgs({ initialization: 'gaussian', optimizer: 'adam', ...config }, 30)).json;
  let text;
  await using(new lab.Trainer(config), (trainer) => {
    trainer.train(12);
    text = trainer.checkpoint();
  });
  const saved = JSON.parse(text);
  assert.equal(saved.format, 'attractor-lab-checkpoint');
  assert.equal(saved.version, 1);
  assert.equal(saved.steps, 12);
  await using(lab.Trainer.fromCheckpoint(text), (resumed) => {
    assert.equal(resumed.checkpoint(), text);
    resumed.train(18);
    assert.deepEqual(Array.from(resumed.parametersView()), native.parameters);
  });
  assert.throws(() => lab.Trainer.fromCheckpoint('{"format": "attractor-lab-checkpoint", "version": 7}'),
    { message: 'checkpoint: version 7 cannot be read; this lab reads version 1' });
  assert.throws(() => lab.Trainer.fromCheckpoint('{oops'), { message: /JSON error at line 1, column 2/ });
});
