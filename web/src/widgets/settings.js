// The kinds of setting the widgets' schemas declare (spec format: state/registry.js), each stated
// once: a whole number typed in a box or on a slider, a seed, a slider, a logarithmic slider, the
// weight perturbation ε, a noise level, a switch, a choice. `more` adds the spec's remaining
// fields (live, help, ...) after the label and group.

function number(value, min, max, shape, label, group, more) {
  return { type: 'number', default: value, min, max, ...shape, label, group, ...more };
}

// A whole number typed in a number box (a size, a count, an index).
export const wholeNumber = (value, min, max, label, group, more) =>
  number(value, min, max, { integer: true, control: 'number' }, label, group, more);

// A whole number on a slider (a small count).
export const wholeSlider = (value, min, max, label, group, more) =>
  number(value, min, max, { integer: true }, label, group, more);

// A random seed: 1 by default, any whole number from 0 to `max`.
export const seed = (label, group, more, max = 1e9) => wholeNumber(1, 0, max, label, group, more);

export const slider = (value, min, max, step, label, group, more) =>
  number(value, min, max, { step }, label, group, more);

// A slider whose positions are spaced by ratio (a rate, a gain spanning decades).
export const logSlider = (value, min, max, label, group, more) =>
  number(value, min, max, { scale: 'log' }, label, group, more);

// The weight perturbation ε of a model (noise of standard deviation ε/√N on its weights), taken
// live: a logarithmic slider from 0 whose first step off 0 is 1e-4.
export const perturbation = (max, group, help, value = 0) =>
  number(value, 0, max, { scale: 'log', logMin: 1e-4 }, 'Perturbation ε', group, { live: true, help });

// A noise level from 0 (none) to 1.
export const noiseLevel = (label, group, more) => slider(0, 0, 1, 0.01, label, group, more);

export const toggle = (value, label, group, more) => ({ type: 'boolean', default: value, label, group, ...more });

// The options of a choice from { value: label, ... }, in that order.
export const options = (labels) => Object.entries(labels).map(([value, label]) => ({ value, label }));

// A choice among the values of `labels` ({ value: label, ... }).
export const choice = (value, labels, label, group, more) =>
  ({ type: 'choice', default: value, label, group, options: options(labels), ...more });
