// The experiment runner of the native command-line tool: cells, determinism, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runNative } from '../wasm/helpers.mjs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/cli/attractor-lab');
const spec = path.join(root, 'experiments/smoke.json');

function run(args) {
  const result = spawnSync(cli, args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the grid has variants x axis values cells, each deterministic and equal to a plain training run', () => {
  assert.equal(run(['experiment', spec, '--count']).stdout.trim(), '8');
  const first = JSON.parse(run(['experiment', spec, '--cell', '5']).stdout);
  const again = JSON.parse(run(['experiment', spec, '--cell', '5']).stdout);
  first.seconds = again.seconds = 0;
  assert.deepEqual(first, again);
  // Axes in name order, the last fastest, variants slowest: cell 5 = orthogonal, steps 10, seed 2.
  assert.equal(first.variant, 'orthogonal');
  assert.deepEqual(first.settings, { 'task_params.steps': 10, 'training.seed': 2 });
  const plain = runNative(['train', '--task', 'delayed_recall', '--init', 'orthogonal', '--steps', '20',
    'task.steps=10', 'task.recall_steps=2', 'net.hidden=8', 'train.batch=4', 'train.seed=2']).json;
  assert.deepEqual(first.curve.at(-1), plain.measures);
  assert.equal(first.curve.length, 3);  // before training, after 10 and after 20 steps
  // Park et al.'s statistic: the mean of the run's last 10 training losses.
  assert.equal(first.mean_last_10_losses, plain.losses.slice(-10).reduce((sum, loss) => sum + loss, 0) / 10);
});

test('--all runs every cell once, as JSON lines', () => {
  const lines = run(['experiment', spec, '--all']).stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((line) => line.cell), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(new Set(lines.map((line) => JSON.stringify([line.variant, line.settings]))).size, 8);
});

test('a spec with "lyapunov" records the exponents before and after training, as train --lyapunov gives them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-lab-'));
  try {
    const file = path.join(dir, 'qpta.json');
    fs.writeFileSync(file, JSON.stringify({
      name: 'qpta-lyapunov',
      base: { task: 'angular_velocity', task_params: { steps: 12 }, initialization: 'qpta',
        network: { hidden: 8, continuous: 1 }, training: { batch: 2 } },
      grid: { 'network.seed': [3] },
      steps: 6, record_every: 3,
      lyapunov: { k: 3, steps: 300, transient_steps: 50 },
    }));
    const line = JSON.parse(run(['experiment', file, '--cell', '0']).stdout);
    assert.equal(line.initialization, 'qpta');
    const train = (steps) => runNative(['train', '--task', 'angular_velocity', '--init', 'qpta', '--steps', String(steps),
      '--lyapunov', '3:300:50', 'task.steps=12', 'net.hidden=8', 'net.continuous=1', 'net.seed=3', 'train.batch=2']).json;
    assert.deepEqual(line.lyapunov_before, train(0).lyapunov_exponents);
    const after = train(6);
    assert.deepEqual(line.lyapunov_after, after.lyapunov_exponents);
    assert.deepEqual(line.curve.at(-1), after.measures);
    assert.notDeepEqual(line.lyapunov_before, line.lyapunov_after);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a spec with "learning_signal" records the signal across the trial and log ||dh_T/dh_0||, before and after training', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-lab-'));
  try {
    const file = path.join(dir, 'signal.json');
    const network = { hidden: 8, seed: 2, epsilon: 0.2, perturbation_seed: 3 };
    fs.writeFileSync(file, JSON.stringify({
      name: 'signal',
      base: { task: 'delayed_recall', task_params: { steps: 12, recall_steps: 2 }, network, training: { batch: 4 } },
      variants: [{ name: 'identity', initialization: 'identity' }, { name: 'weak', initialization: 'gaussian', network: { gain: 0.3 } }],
      steps: 6, record_every: 6,
      learning_signal: { steps: 200, transient_steps: 20 },
    }));
    const [identity, weak] = [0, 1].map((cell) => JSON.parse(run(['experiment', file, '--cell', String(cell)]).stdout));
    const train = (init, steps, extra = []) => runNative(['train', '--task', 'delayed_recall', '--init', init, '--steps', String(steps),
      '--learning-signal', 'task.steps=12', 'task.recall_steps=2', 'net.hidden=8', 'net.seed=2', 'net.epsilon=0.2',
      'net.perturbation_seed=3', 'train.batch=4', ...extra]).json;
    // The same numbers as train --learning-signal gives for the initial and the trained network.
    assert.deepEqual(identity.learning_signal_before.gradient_norms, train('identity', 0).learning_signal.gradient_norms);
    const after = train('identity', 6);
    assert.deepEqual(identity.learning_signal_after.gradient_norms, after.learning_signal.gradient_norms);
    assert.equal(identity.learning_signal_after.gradient_ratio, after.learning_signal.gradient_ratio);
    assert.equal(identity.learning_signal_before.gradient_norms.length, 12);
    assert.equal(identity.learning_signal_before.horizon, 200);
    // A near-identity network passes the signal back; a contracting one (gain 0.3) loses it, in
    // both measures.
    assert.ok(identity.learning_signal_before.gradient_ratio > 0.1, JSON.stringify(identity.learning_signal_before));
    assert.ok(weak.learning_signal_before.gradient_ratio < 1e-3, JSON.stringify(weak.learning_signal_before));
    assert.ok(weak.learning_signal_before.log_gradient < identity.learning_signal_before.log_gradient - 50);
    const fixed = path.join(dir, 'fixed.json');
    fs.writeFileSync(fixed, JSON.stringify({ base: {}, steps: 1, learning_signal: { k: 2 } }));
    assert.match(run(['experiment', fixed, '--cell', '0']).stderr, /learning_signal: k cannot be set/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('bad specs and cells are reported clearly', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-lab-'));
  try {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"base": {"task": "adding",}}');
    assert.match(run(['experiment', broken, '--count']).stderr, /JSON error at line 1, column 28: expected a member name in quotes/);
    const unknown = path.join(dir, 'unknown.json');
    fs.writeFileSync(unknown, '{"base": {"epochs": 3}}');
    assert.match(run(['experiment', unknown, '--cell', '0']).stderr, /base: unknown member 'epochs'/);
    assert.match(run(['experiment', spec, '--cell', '8']).stderr, /cell = 8 is not allowed; cell must be an integer from 0 to 7/);
    assert.match(run(['experiment', path.join(dir, 'missing.json'), '--count']).stderr, /could not open the experiment spec/);
    assert.equal(run(['experiment', spec, '--cell', '8']).status, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the axis "seed" seeds a run\'s weights and its data together; an LSTM variant trains like any other', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-seed-'));
  const file = path.join(dir, 'seed.json');
  fs.writeFileSync(file, JSON.stringify({
    base: { task: 'angular_integration', task_params: { steps: 12, scored_steps: 5 }, training: { batch: 4 } },
    variants: [{ name: 'rnn', initialization: 'orthogonal', network: { hidden: 6 } },
      { name: 'lstm', initialization: 'lstm', network: { hidden: 5 } }],
    grid: { seed: [3] }, steps: 6, record_every: 6,
  }));
  for (const [cell, init, hidden] of [[0, 'orthogonal', 6], [1, 'lstm', 5]]) {
    const line = JSON.parse(run(['experiment', file, '--cell', String(cell)]).stdout);
    const plain = runNative(['train', '--task', 'angular_integration', '--init', init, '--steps', '6', 'task.steps=12',
      'task.scored_steps=5', `net.hidden=${hidden}`, 'net.seed=3', 'train.batch=4', 'train.seed=3']).json;
    assert.deepEqual(line.settings, { seed: 3 });
    assert.deepEqual(line.curve.at(-1), plain.measures, init);
    // Neither seed alone gives that run.
    const other = runNative(['train', '--task', 'angular_integration', '--init', init, '--steps', '6', 'task.steps=12',
      'task.scored_steps=5', `net.hidden=${hidden}`, 'net.seed=3', 'train.batch=4']).json;
    assert.notDeepEqual(line.curve.at(-1), other.measures, init);
  }
  fs.rmSync(dir, { recursive: true });
});

test('--max-array-values lets a larger machine run a cell the browser\'s cap refuses', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-cap-'));
  const file = path.join(dir, 'big.json');
  // 8 x 2100 x (1000 + 1 + 2) = 16.9 million numbers: just above 2^24.
  fs.writeFileSync(file, JSON.stringify({
    base: { task: 'angular_integration', task_params: { steps: 2100 }, initialization: 'gaussian',
      network: { hidden: 1000 }, training: { batch: 8 } },
    variants: [{ name: 'big' }], steps: 0, record_every: 1,
  }));
  const refused = run(['experiment', file, '--cell', '0']);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /= 16850400 numbers is too large; it must be at most 16777216 \(128 MiB\)/);
  const allowed = run(['experiment', file, '--cell', '0', '--max-array-values', '33554432']);
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.equal(JSON.parse(allowed.stdout).steps_taken, 0);
  const bad = run(['experiment', file, '--cell', '0', '--max-array-values', '100']);
  assert.match(bad.stderr, /max_array_values = 100 is not allowed/);
  fs.rmSync(dir, { recursive: true });
});

// EXPERIMENTS.md's runs of Park et al.'s protocol: a committed run is what the code gives now,
// and the document's tables of final losses are what experiments/summarize.mjs computes from the
// committed runs.
const parkRuns = (hidden) => fs.readFileSync(path.join(root, `experiments/results/park-n${hidden}.jsonl`), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));

test('a committed run of Park et al.\'s protocol is reproduced number for number', { timeout: 600000 }, () => {
  const committed = parkRuns(16).find((run) => run.variant === 'identity' && run.settings.seed === 1 && run.settings['task_params.steps'] === 128);
  const result = run(['experiment', path.join(root, 'experiments/park-n16.json'), '--cell', String(committed.cell)]);
  assert.equal(result.status, 0, result.stderr);
  const now = JSON.parse(result.stdout);
  now.seconds = committed.seconds;
  assert.deepEqual(now, committed);
});

test('EXPERIMENTS.md gives the final losses that summarize.mjs computes from the committed runs', () => {
  const doc = fs.readFileSync(path.join(root, 'EXPERIMENTS.md'), 'utf8');
  for (const hidden of [16, 58]) {
    const result = spawnSync(process.execPath, [path.join(root, 'experiments/summarize.mjs'), path.join(root, `experiments/results/park-n${hidden}.jsonl`)], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const table = result.stdout.split('\n\n')[0].trim();
    assert.match(table, /mean of the last 10 training losses/);
    assert.ok(doc.includes(table), `EXPERIMENTS.md does not contain the N = ${hidden} table that summarize.mjs prints:\n${table}`);
  }
});
