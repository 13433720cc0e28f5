// The trainer's settings on the command line (cli/trainer_settings.cpp), read alike by `train` and
// `wave-train`: GROUP.NAME=VALUE in the configuration's spelling, the experiment grid's axis
// names, or with the short group names of earlier versions; bad ones are refused by name.
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
  const result = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SETTINGS = { task_params: { steps: 9 }, network: { hidden: 6, gain: 0.75, seed: 4 },
  optimizer_params: { learning_rate: 0.01 }, training: { batch: 3, seed: 5 } };
const SHORT = { task_params: 'task', network: 'net', optimizer_params: 'opt', training: 'train' };
const flags = (names) => Object.entries(SETTINGS).flatMap(([group, values]) =>
  Object.entries(values).map(([name, value]) => `${names[group] ?? group}.${name}=${value}`));

test('train reads network.hidden=6 as net.hidden=6, and as an experiment cell with those settings', () => {
  const full = run(['train', '--task', 'adding', '--steps', '4', ...flags({})]);
  assert.equal(full.status, 0, full.stderr);
  const short = run(['train', '--task', 'adding', '--steps', '4', ...flags(SHORT)]);
  assert.equal(short.stdout, full.stdout);
  // The same configuration as an experiment's base: the same run.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-settings-'));
  try {
    const spec = path.join(dir, 'spec.json');
    fs.writeFileSync(spec, JSON.stringify({ base: { task: 'adding', ...SETTINGS }, steps: 4, record_every: 4 }));
    const cell = run(['experiment', spec, '--cell', '0']);
    assert.equal(cell.status, 0, cell.stderr);
    assert.deepEqual(JSON.parse(cell.stdout).curve.at(-1), JSON.parse(full.stdout).measures);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // A setting is really read: another hidden size is another network.
  const other = run(['train', '--task', 'adding', '--steps', '4', ...flags({}), 'network.hidden=7']);
  assert.notEqual(JSON.parse(other.stdout).parameters.length, JSON.parse(full.stdout).parameters.length);
});

test('wave-train reads the settings as train does', () => {
  const args = (names) => ['wave-train', 'repeat_copy', `${names.task_params ?? 'task_params'}.dims=2`,
    `${names.task_params ?? 'task_params'}.lag=3`, `${names.task_params ?? 'task_params'}.steps=9`,
    `${names.network ?? 'network'}.hidden=8`, `${names.training ?? 'training'}.batch=2`, 'steps:3'];
  const full = run(args({}));
  assert.equal(full.status, 0, full.stderr);
  assert.equal(run(args(SHORT)).stdout, full.stdout);
});

test('an unknown group, a value that is not a number and a stray word are refused by name', () => {
  for (const command of [['train', '--task', 'adding'], ['wave-train', 'repeat_copy']]) {
    const group = run([...command, 'netwrk.hidden=6']);
    assert.equal(group.status, 2);
    assert.equal(group.stderr, "error: could not read 'netwrk.hidden=6': unknown group 'netwrk'; groups are task_params (short: task), network (net), optimizer_params (opt) and training (train)\n");
    const number = run([...command, 'net.hidden=six']);
    assert.equal(number.stderr, "error: could not read 'six' as a number for network.hidden\n");
    const empty = run([...command, 'network.=6']);
    assert.equal(empty.stderr, "error: command line: the setting 'network.' names no parameter\n");
    assert.match(run([...command, 'hidden']).stderr, /^error: could not read 'hidden'; write .*GROUP\.NAME=VALUE such as network\.hidden=32 \(short: net\.hidden=32\)\n$/);
  }
  // The core checks the value: its name, value and range.
  assert.equal(run(['train', '--task', 'adding', 'training.batch=0']).stderr,
    'error: trainer: batch = 0 is not allowed; batch must be an integer from 1 to 1024 trials\n');
});
