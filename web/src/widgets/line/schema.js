// Settings of the line-attractor widget (see docs/models/line-attractor.md).
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { perturbation, seed, slider, wholeNumber } from '../settings.js';

export const lineSchema = defineSchema({
  name: 'line',
  title: WIDGET_TITLES.line,
  version: 1,
  params: {
    value: slider(1, -2, 2, 0.1, 'Value to store', 'Memory', { live: true,
      help: 'Stored with a brief input pulse along the memory direction.' }),
    epsilon: perturbation(0.2, 'Weights', 'Adds noise of standard deviation ε/√N to every weight; 0 is perfectly tuned.'),
    perturbation_seed: seed('Perturbation seed', 'Weights', { live: true }),
    n: wholeNumber(64, 2, 1024, 'Neurons N', 'Network'),
    seed: seed('Network seed', 'Network'),
  },
  measures: {
    time_s: 'Model time (s).',
    remembered_value: 'r = m·x, the activity along the memory direction.',
    stored_value: 'The value last stored.',
    epsilon: 'The weight perturbation ε in force.',
    n: 'Number of neurons.',
    memory_eigenvalue: 'Eigenvalue λ of W nearest the tuned one (1 when perfectly tuned).',
    abs_eigenvalue_gap: '|λ − 1|.',
    predicted_drift_rate_per_s: '(λ − 1)/τ, the drift rate of ln r the eigenvalue predicts (1/s).',
    measured_drift_rate_per_s: 'd ln r/dt measured from the trajectory (1/s); null while settling.',
    hold_time_s: 'Seconds until the remembered value has moved by 10% (Infinity when tuned).',
    drift_reference_time_s: 'Time at which the drift measurement started (s).',
    drift_reference_value: 'Remembered value at that time.',
  },
});
