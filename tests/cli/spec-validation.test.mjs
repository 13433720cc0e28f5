// What the command line refuses in an experiment spec and a training batch, and how it says so:
// grids too large to count, JSON escapes of characters beyond U+FFFF, repeated and unknown
// members, huge bad values, and bad batches given to `train --batch`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/cli/attractor-lab');

function run(args) {
  const result = spawnSync(cli, args, { maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

// Writes `text` to a file in a fresh directory, hands its path to `body`, then removes it.
function withFile(text, body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-lab-spec-'));
  try {
    const file = path.join(dir, 'spec.json');
    fs.writeFileSync(file, text);
    return body(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// A spec whose grid has `count` axes of two values each (never trained: only counted).
function gridSpec(count) {
  const grid = {};
  for (let k = 0; k < count; k++) grid[`training.axis${String(k).padStart(2, '0')}`] = [1, 2];
  return JSON.stringify({ name: 'wide', base: { task: 'adding' }, grid });
}

test('a grid is counted exactly up to 10^9 cells and a larger one is refused, never wrapped', () => {
  withFile(gridSpec(29), (file) => {
    const result = run(['experiment', file, '--count']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout.toString().trim(), String(2 ** 29));
  });
  for (const axes of [30, 63, 64]) {
    withFile(gridSpec(axes), (file) => {
      for (const mode of [['--count'], ['--all'], ['--cell', '0']]) {
        const result = run(['experiment', file, ...mode]);
        assert.equal(result.status, 2, `${axes} axes, ${mode.join(' ')}`);
        assert.equal(result.stdout.length, 0);
        assert.match(result.stderr, new RegExp(`^error: the experiment has 1 variant x the values of ${axes} axes = \\S+ cells; at most 1000000000 are allowed \\(split the grid into several specs\\)\\n$`));
      }
    });
  }
  withFile(JSON.stringify({ variants: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], grid: { 'training.seed': [1, 2] } }), (file) => {
    assert.equal(run(['experiment', file, '--count']).stdout.toString().trim(), '6');
  });
});

test('JSON surrogate pairs come out as one UTF-8 character; a lone surrogate is refused', () => {
  // U+1F600 escaped as the pair \ud83d\ude00, in the name the result line repeats.
  withFile('{"name": "run \\ud83d\\ude00", "base": {"task": "adding", "task_params": {"steps": 4}, "network": {"hidden": 2}, "training": {"batch": 1}}, "steps": 0}', (file) => {
    const result = run(['experiment', file, '--cell', '0']);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.includes(Buffer.from([0x20, 0xf0, 0x9f, 0x98, 0x80])), 'four UTF-8 bytes of U+1F600');
    assert.equal(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(result.stdout)).experiment, 'run \u{1F600}');
  });
  withFile('{"name": "run \\ud83d"}', (file) => {
    const result = run(['experiment', file, '--count']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'error: JSON error at line 1, column 15: expected a low surrogate \\uDC00 to \\uDFFF after the high surrogate \\uD83D, found \'\\\'\n');
  });
  withFile('{"name": "\\udc00"}', (file) => {
    assert.equal(run(['experiment', file, '--count']).stderr,
      'error: JSON error at line 1, column 11: expected a character, not the lone low surrogate \\uDC00, found \'\\\'\n');
  });
});

test('a member given twice and an unknown top-level member are refused by name', () => {
  withFile('{"name": "a",\n "steps": 10,\n "steps": 20}', (file) => {
    const result = run(['experiment', file, '--count']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'error: JSON error at line 3, column 2: expected each member once, but \'steps\' appears again, found \'"\'\n');
  });
  withFile('{"name": "a", "stpes": 10}', (file) => {
    const result = run(['experiment', file, '--count']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, "error: the experiment spec has an unknown member 'stpes'; members are name, base, variants, grid, steps, record_every, lyapunov, learning_signal\n");
  });
  withFile('[1, 2]', (file) => {
    assert.equal(run(['experiment', file, '--count']).stderr, 'error: the experiment spec must be an object, not an array\n');
  });
});

test('a huge bad value is quoted by its first 80 characters and its length', () => {
  const huge = 'y'.repeat(2 * 1024 * 1024);
  withFile(JSON.stringify({ base: { task: 'adding', network: { [huge]: 1 } } }), (file) => {
    const result = run(['experiment', file, '--cell', '0']);
    assert.equal(result.status, 2);
    assert.ok(result.stderr.startsWith(`error: rnn: unknown parameter '${'y'.repeat(80)}...' (2097152 characters); known parameters: inputs, hidden, `), result.stderr.slice(0, 300));
    assert.ok(result.stderr.length < 400);
  });
  withFile(JSON.stringify({ base: { task: huge } }), (file) => {
    const { stderr } = run(['experiment', file, '--cell', '0']);
    assert.ok(stderr.length < 300, `${stderr.length} characters`);
    assert.ok(stderr.includes(`task '${'y'.repeat(80)}...' (2097152 characters) is not known`));
  });
  // One argument may hold at most 128 KiB on Linux.
  const long = 'z'.repeat(100000);
  const { stderr } = run(['train', `net.${long}=1`]);
  assert.ok(stderr.includes(`'${'z'.repeat(80)}...' (100000 characters)`), stderr.slice(0, 300));
  assert.ok(stderr.length < 400);
});

test('train --batch refuses a bad batch before any training, naming the member', () => {
  // adding with 4 steps: 2 inputs, 1 output; 4 steps x 1 trial.
  const good = { steps: 4, batch: 1, inputs: [0.1, 0, 0.2, 1, 0.3, 0, 0.4, 1], targets: [0, 0, 0, 0.6], mask: [0, 0, 0, 1] };
  const train = (batch) => withFile(JSON.stringify(batch), (file) =>
    run(['train', '--task', 'adding', 'task.steps=4', 'net.hidden=3', 'train.batch=1', '--steps', '5', '--batch', file]));
  const ok = train(good);
  assert.equal(ok.status, 0, ok.stderr);
  const line = JSON.parse(ok.stdout.toString());
  assert.equal(line.steps_taken, 5);
  assert.equal(typeof line.batch.loss, 'number');
  assert.equal(line.batch.gradient.length, line.parameters.length);
  const refused = [
    [{ ...good, mask: [0, -1, 0, 2] }, 'trainer: mask[1] = -1 is not allowed (step 1, trial 0); mask entries must be finite numbers >= 0'],
    [{ ...good, mask: [0, 0, 0, 0] }, 'trainer: the mask sums to 0; the loss is divided by that sum, so it must be a positive finite number (give at least one step a positive weight)'],
    [{ ...good, mask: undefined }, 'trainer: mask is missing; a batch has steps, batch, inputs, targets, mask'],
    [{ ...good, targets: [0, 0, 0] }, 'trainer: targets has 3 values; steps x batch x outputs = 4 x 1 x 1 = 4 are needed'],
    [{ ...good, inputs: [...good.inputs.slice(0, 7), null] }, 'trainer: inputs[7] must be a number, but null was given'],
    [{ ...good, steps: 0 }, 'trainer: steps = 0 is not allowed; steps must be an integer from 1 to 100000'],
  ];
  for (const [batch, message] of refused) {
    const result = train(batch);
    assert.equal(result.status, 2, message);
    assert.equal(result.stdout.length, 0, 'nothing printed, nothing trained');
    assert.equal(result.stderr, `error: ${message}\n`);
  }
  // JSON has no NaN or infinity; a number too large for a double is refused where it stands.
  const result = withFile('{"steps": 4, "batch": 1, "inputs": [1e999, 0, 0, 0, 0, 0, 0, 0], "targets": [0, 0, 0, 0], "mask": [0, 0, 0, 1]}', (file) =>
    run(['train', '--task', 'adding', 'task.steps=4', '--batch', file]));
  assert.equal(result.stderr, "error: JSON error at line 1, column 37: expected a finite number, found '1'\n");
});
