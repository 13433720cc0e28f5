// The settings registry: reading URLs, attributes and lesson blocks; writing links back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineSchema, parseConfig, serializeConfig, describeAllowed, checkValue } from '../../web/src/state/registry.js';

const schema = defineSchema({
  name: 'test-widget',
  title: 'Test',
  version: 2,
  params: {
    n: { type: 'number', default: 64, min: 2, max: 1024, integer: true, label: 'Neurons N' },
    epsilon: { type: 'number', default: 0, min: 0, max: 0.2, label: 'Perturbation ε' },
    init: { type: 'choice', default: 'orthogonal', options: [{ value: 'orthogonal' }, { value: 'qpta' }], label: 'Initialization' },
    noise: { type: 'boolean', default: false, label: 'Noise' },
  },
  controls: ['play'],
  // Version 1 called the size "size".
  migrations: { 1: ({ size, ...rest }) => (size === undefined ? rest : { ...rest, n: size }) },
});

test('valid settings are read with their types, missing ones take the defaults', () => {
  const { params, errors } = parseConfig(schema, '?n=128&epsilon=1e-3&init=qpta&noise=on');
  assert.deepEqual(errors, []);
  assert.deepEqual(params, { n: 128, epsilon: 0.001, init: 'qpta', noise: true });
  assert.deepEqual(parseConfig(schema, '').params, { n: 64, epsilon: 0, init: 'orthogonal', noise: false });
});

test('each bad entry falls back to its default and says what is allowed', () => {
  const { params, errors } = parseConfig(schema, 'n=3.5&epsilon=NaN&init=magic&noise=maybe&extra=1&hide=n,nope');
  assert.deepEqual(params, { n: 64, epsilon: 0, init: 'orthogonal', noise: false });
  const byName = Object.fromEntries(errors.map((error) => [error.name, error.message]));
  assert.match(byName.n, /Neurons N \(n\) = "3.5" must be a whole number from 2 to 1024; using the default 64/);
  assert.match(byName.epsilon, /"NaN" must be a number from 0 to 0.2/);
  assert.match(byName.init, /must be one of orthogonal, qpta/);
  assert.match(byName.noise, /must be true or false/);
  assert.match(byName.extra, /"extra" is not a setting of the test-widget widget/);
  assert.match(byName.hide, /"nope" is not a control/);
});

test('out-of-range and non-finite numbers are refused', () => {
  for (const text of ['1025', '1', '-5', 'Infinity', '1e400', '0x10', '']) {
    const { params, errors } = parseConfig(schema, { n: text });
    assert.equal(params.n, 64, text);
    assert.equal(errors.length, 1, text);
  }
  assert.equal(checkValue(schema.params.n, 2), null);
  assert.equal(checkValue(schema.params.n, 1024), null);
  assert.equal(describeAllowed(schema.params.epsilon), 'a number from 0 to 0.2');
});

test('a link written by serializeConfig reads back to the same settings', () => {
  const settings = { n: 17, epsilon: 0.0123456789, init: 'qpta', noise: true };
  const query = serializeConfig(schema, settings, { hidden: ['noise'], locked: ['play', 'n'] });
  const read = parseConfig(schema, query);
  assert.deepEqual(read.errors, []);
  assert.deepEqual(read.params, settings);
  assert.deepEqual([...read.hidden], ['noise']);
  assert.deepEqual([...read.locked], ['play', 'n']);
  // Defaults are left out, so links stay short; the version is always written.
  assert.equal(serializeConfig(schema, { n: 64, epsilon: 0, init: 'orthogonal', noise: false }), 'v=2');
});

test('an old version of the settings still loads through its migration', () => {
  const { params, errors } = parseConfig(schema, 'v=1&size=32');
  assert.deepEqual(errors, []);
  assert.equal(params.n, 32);
  const future = parseConfig(schema, 'v=9&n=8');
  assert.equal(future.params.n, 8);
  assert.match(future.errors[0].message, /v = 9 is not a version of the test-widget settings/);
});

test('a schema with an invalid default is refused when defined', () => {
  assert.throws(() => defineSchema({ name: 'broken', version: 1, params: { n: { type: 'number', default: 0, min: 1, max: 2 } } }),
    /default of n must be a number from 1 to 2/);
});

// Settings valid one by one that the core cannot build together.
const pair = defineSchema({
  name: 'test-pair',
  title: 'Pair',
  version: 1,
  params: {
    low: { type: 'number', default: 1, min: 0, max: 10, label: 'Smallest α' },
    high: { type: 'number', default: 5, min: 0, max: 10, label: 'Largest α' },
    n: { type: 'number', default: 4, min: 1, max: 9, integer: true, label: 'Units' },
    init: { type: 'choice', default: 'plain', options: [{ value: 'plain' }, { value: 'paired' }], label: 'Initialization' },
  },
  constraints: [
    { settings: ['low', 'high'], check: (p) => p.low < p.high, allowed: () => 'low must be below high' },
    { settings: ['init', 'n'], check: (p) => p.init !== 'paired' || p.n % 2 === 0, allowed: () => 'paired needs an even n' },
  ],
});

test('settings that do not fit together fall back to their defaults with a message naming both', () => {
  const { params, errors } = parseConfig(pair, 'low=9&high=0.2&n=5');
  assert.deepEqual(params, { low: 1, high: 5, n: 5, init: 'plain' });
  assert.equal(errors.length, 1);
  assert.deepEqual(errors[0].names, ['low', 'high']);
  assert.equal(errors[0].message, 'Smallest α (low) = 9 and Largest α (high) = 0.2 do not fit together: ' +
    'low must be below high; using the defaults low = 1, high = 5');
  // A rule may involve a setting that was not given: the default of init is plain, so n = 5 is fine,
  // but paired with n = 5 is not.
  const paired = parseConfig(pair, { init: 'paired', n: '5', low: '2' });
  assert.deepEqual(paired.params, { low: 2, high: 5, n: 4, init: 'plain' });
  assert.match(paired.errors[0].message, /^Initialization \(init\) = paired and Units \(n\) = 5 do not fit together: paired needs an even n; using the defaults init = plain, n = 4$/);
  assert.deepEqual(parseConfig(pair, 'init=paired&n=6&low=0&high=10').errors, []);
});

test('read against running settings, a rule sees the ones not given and keeps them when broken', () => {
  const base = { low: 0.2, high: 5, n: 4, init: 'plain' };
  assert.deepEqual(parseConfig(pair, { high: '0.5' }, { base }), { params: { ...base, high: 0.5 }, errors: [],
    hidden: new Set(), locked: new Set(), version: 1 });
  const { params, errors } = parseConfig(pair, { high: '0.1' }, { base });
  assert.deepEqual(params, base);
  assert.match(errors[0].message, /Smallest α \(low\) = 0.2 and Largest α \(high\) = 0.1 do not fit together: low must be below high; keeping low = 0.2, high = 5/);
});

test('a schema whose defaults break one of its constraints, or that names an unknown setting, is refused', () => {
  const params = { a: { type: 'number', default: 2, min: 0, max: 9 }, b: { type: 'number', default: 1, min: 0, max: 9 } };
  assert.throws(() => defineSchema({ name: 'broken-pair', version: 1, params,
    constraints: [{ settings: ['a', 'b'], check: (p) => p.a < p.b, allowed: () => '' }] }), /defaults break the constraint on a, b/);
  assert.throws(() => defineSchema({ name: 'broken-pair', version: 1, params,
    constraints: [{ settings: ['a', 'c'], check: () => true, allowed: () => '' }] }), /unknown: c/);
});

test('a setting given twice in a query is reported by name; the last value is used', () => {
  const { params, errors } = parseConfig(schema, '?epsilon=0.1&n=8&epsilon=0.2');
  assert.equal(params.epsilon, 0.2);
  assert.equal(params.n, 8);
  assert.deepEqual(errors.map((error) => error.name), ['epsilon']);
  assert.equal(errors[0].message, '"epsilon" is given 2 times (0.1, 0.2); a setting may be given once; using the last, 0.2');
  assert.deepEqual(parseConfig(schema, new URLSearchParams('n=3&n=4&n=5')).errors.map((error) => error.name), ['n']);
});

test('a huge bad value is quoted only by its start', () => {
  const huge = '9'.repeat(100000);
  const { errors } = parseConfig(schema, { n: huge });
  assert.ok(errors[0].message.length < 300, `${errors[0].message.length} characters`);
  assert.match(errors[0].message, /\(100000 characters\)/);
});

test('the widgets declare the core\'s cross-setting rules', async () => {
  const { rnnTrainerSchema } = await import('../../web/src/widgets/rnn-trainer/schema.js');
  const { tanhMapSchema } = await import('../../web/src/widgets/tanh-map/schema.js');
  const { oscillatorSchema } = await import('../../web/src/widgets/oscillator/schema.js');
  const { waveSchema } = await import('../../web/src/widgets/wave-lattice/schema.js');
  const cases = [
    [rnnTrainerSchema, 'hidden=256&batch=256&trial_length=2000', ['batch', 'trial_length', 'hidden'], /132,608,000 numbers, and at most 16,777,216/],
    [rnnTrainerSchema, 'initialization=qpta&hidden=5', ['initialization', 'hidden'], /QPTA initialization needs an even number/],
    [rnnTrainerSchema, 'task=repeat_copy&trial_length=10&copy_lag=12', ['trial_length', 'copy_lag'], /needs trial_length above copy_lag/],
    [rnnTrainerSchema, 'task=lagged_copy&copy_dims=6&copy_lag=5', ['copy_dims', 'copy_lag'], /copy_dims at most copy_lag/],
    [tanhMapSchema, 'alpha_min=9&alpha_max=0.2', ['alpha_min', 'alpha_max'], /alpha_min\) must be below the largest α \(alpha_max\)/],
    [oscillatorSchema, 'model=torus&blocks=2&section_block=200', ['section_block', 'blocks'], /numbered 0 to 1, so section_block must be below blocks/],
    [oscillatorSchema, 'model=torus&blocks=3&observed_block=3', ['observed_block', 'blocks'], /observed_block must be below blocks/],
    [waveSchema, 'rule=lagged_copy&dims=5&lag=4', ['dims', 'lag'], /dims at most lag/],
  ];
  for (const [widget, query, names, allowed] of cases) {
    const { params, errors } = parseConfig(widget, query);
    assert.equal(errors.length, 1, query);
    assert.deepEqual(errors[0].names, names, query);
    assert.match(errors[0].message, allowed, query);
    for (const name of names) assert.equal(params[name], widget.params[name].default, `${query}: ${name}`);
  }
  // At the limit the trainer still fits; the oscillator's block rule only binds the torus.
  assert.deepEqual(parseConfig(rnnTrainerSchema, 'hidden=253&batch=256&trial_length=256').errors, []);
  assert.equal(parseConfig(rnnTrainerSchema, 'hidden=254&batch=256&trial_length=256').errors.length, 1);
  assert.deepEqual(parseConfig(oscillatorSchema, 'blocks=2&section_block=200').errors, []);
});

test('the lesson validator reports a widget block whose settings do not fit together', async () => {
  const { widgetConfigChecker } = await import('../../scripts/lesson-tools.mjs');
  const check = await widgetConfigChecker();
  const [message] = check('tanh-map', 'alpha_min=9&alpha_max=0.2');
  assert.match(message, /Smallest α \(alpha_min\) = 9 and Largest α \(alpha_max\) = 0.2 do not fit together/);
  assert.deepEqual(check('tanh-map', 'alpha_min=2&alpha_max=3'), []);
});

test('a key given twice in a lesson\'s widget block is reported once, by the lesson parser', async () => {
  const { widgetConfigChecker } = await import('../../scripts/lesson-tools.mjs');
  const check = await widgetConfigChecker();
  assert.deepEqual(check('line', 'n=8&n=16'), []);
  assert.equal(parseConfig(schema, 'n=8&n=16').errors[0].repeated, true);
});
