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
