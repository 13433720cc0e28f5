// Settings of the line-attractor widget (see docs/models/line-attractor.md).
import { defineSchema } from '../../state/registry.js';

export const lineSchema = defineSchema({
  name: 'line',
  title: 'Line attractor',
  version: 1,
  params: {
    value: { type: 'number', default: 1, min: -2, max: 2, step: 0.1, label: 'Value to store', group: 'Memory', live: true,
      help: 'Stored with a brief input pulse along the memory direction.' },
    epsilon: { type: 'number', default: 0, min: 0, max: 0.2, scale: 'log', logMin: 1e-4, label: 'Perturbation ε', group: 'Weights', live: true,
      help: 'Adds noise of standard deviation ε/√N to every weight; 0 is perfectly tuned.' },
    perturbation_seed: { type: 'number', default: 1, min: 0, max: 1e9, integer: true, control: 'number', label: 'Perturbation seed', group: 'Weights', live: true },
    n: { type: 'number', default: 64, min: 2, max: 1024, integer: true, control: 'number', label: 'Neurons N', group: 'Network' },
    seed: { type: 'number', default: 1, min: 0, max: 1e9, integer: true, control: 'number', label: 'Network seed', group: 'Network' },
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
