// The builders of the kinds of setting the widgets' schemas share: each gives the plain spec the
// registry reads, with the fields in the order a schema written out by hand has them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choice, logSlider, noiseLevel, options, perturbation, seed, slider, toggle, wholeNumber, wholeSlider }
  from '../../web/src/widgets/settings.js';

// Equal as objects and with the same fields in the same order (what a schema's JSON shows).
function assertSpec(actual, expected) {
  assert.deepEqual(actual, expected);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected));
}

test('a seed is a whole number box from 0, 1 by default, up to 1e9 unless told', () => {
  assertSpec(seed('Network seed', 'Network'),
    { type: 'number', default: 1, min: 0, max: 1e9, integer: true, control: 'number', label: 'Network seed', group: 'Network' });
  assertSpec(seed('RNN seed', 'Trained RNN', { live: true }, 1e6),
    { type: 'number', default: 1, min: 0, max: 1e6, integer: true, control: 'number', label: 'RNN seed', group: 'Trained RNN', live: true });
});

test('the weight perturbation ε is a live log slider from 0 whose first step is 1e-4', () => {
  assertSpec(perturbation(0.2, 'Weights', 'Noise on every weight.'),
    { type: 'number', default: 0, min: 0, max: 0.2, scale: 'log', logMin: 1e-4, label: 'Perturbation ε', group: 'Weights', live: true, help: 'Noise on every weight.' });
  assert.equal(perturbation(0.2, 'Perturbation', 'h', 0.02).default, 0.02);
});

test('numbers: whole in a box or on a slider, sliders with a step or by ratio, a noise level', () => {
  assertSpec(wholeNumber(128, 8, 1024, 'Neurons N', 'Network', { help: 'h' }),
    { type: 'number', default: 128, min: 8, max: 1024, integer: true, control: 'number', label: 'Neurons N', group: 'Network', help: 'h' });
  assertSpec(wholeSlider(12, 2, 36, 'Memories M', 'Measurement', { live: true }),
    { type: 'number', default: 12, min: 2, max: 36, integer: true, label: 'Memories M', group: 'Measurement', live: true });
  assertSpec(slider(1, 0, 2, 0.05, 'Gain g', 'Network'),
    { type: 'number', default: 1, min: 0, max: 2, step: 0.05, label: 'Gain g', group: 'Network' });
  assertSpec(logSlider(0.003, 1e-5, 0.1, 'Learning rate', 'Training'),
    { type: 'number', default: 0.003, min: 1e-5, max: 0.1, scale: 'log', label: 'Learning rate', group: 'Training' });
  assertSpec(noiseLevel('State noise', 'Both networks', { live: true }),
    { type: 'number', default: 0, min: 0, max: 1, step: 0.01, label: 'State noise', group: 'Both networks', live: true });
});

test('a switch, and a choice whose options come in the order of its labels', () => {
  assertSpec(toggle(true, 'Recurrent bias b', 'Network'), { type: 'boolean', default: true, label: 'Recurrent bias b', group: 'Network' });
  assertSpec(options({ b: 'Bee', a: 'Ay' }), [{ value: 'b', label: 'Bee' }, { value: 'a', label: 'Ay' }]);
  assertSpec(choice('lms', { force: 'FORCE', lms: 'LMS' }, 'Learning rule', 'Learning', { help: 'h' }),
    { type: 'choice', default: 'lms', label: 'Learning rule', group: 'Learning',
      options: [{ value: 'force', label: 'FORCE' }, { value: 'lms', label: 'LMS' }], help: 'h' });
});
