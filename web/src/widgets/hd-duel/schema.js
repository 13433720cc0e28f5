// Settings of the head-direction duel (see docs/models/ring-attractor.md and
// docs/models/head_direction_oscillator.md).
import { defineSchema } from '../../state/registry.js';

export const hdDuelSchema = defineSchema({
  name: 'hd-duel',
  title: 'Head-direction duel',
  version: 1,
  params: {
    profile: { type: 'choice', default: 'turning', label: 'Head movement', group: 'Input',
      options: [
        { value: 'turning', label: 'Smooth random turns' },
        { value: 'turn-then-rest', label: 'Turns for 20 s, then still' },
        { value: 'rest', label: 'Still' },
      ],
      help: 'The same angular velocity drives both integrators.' },
    turn_rms_deg_per_s: { type: 'number', default: 60, min: 0, max: 360, step: 5, label: 'Turning speed (rms)', unit: '°/s', group: 'Input' },
    input_seed: { type: 'number', default: 1, min: 0, max: 1e9, integer: true, control: 'number', label: 'Input seed', group: 'Input',
      help: 'Seed of the random turns.' },
    epsilon: { type: 'number', default: 0, min: 0, max: 0.5, scale: 'log', logMin: 1e-4, label: 'Perturbation ε', group: 'Both networks', live: true,
      help: 'Weight noise of standard deviation ε/√N in both networks (N = ring neurons; N = 4 for the oscillators).' },
    perturbation_seed: { type: 'number', default: 1, min: 0, max: 1e9, integer: true, control: 'number', label: 'Perturbation seed', group: 'Both networks', live: true },
    noise: { type: 'number', default: 0, min: 0, max: 1, step: 0.01, label: 'State noise', group: 'Both networks',
      help: 'The same noise level in both models (ring: noise·√(dt/τ)·N(0, 1) per neuron per step; oscillators: noise·√dt·N(0, 1) per variable per step). Changing it restarts the run.' },
    noise_seed: { type: 'number', default: 1, min: 0, max: 1e9, integer: true, control: 'number', label: 'Noise seed', group: 'Both networks' },
    n: { type: 'number', default: 128, min: 16, max: 512, integer: true, control: 'number', label: 'Ring neurons N', group: 'Both networks' },
  },
  measures: {
    time_s: 'Model time (s).',
    true_heading_deg: 'The heading the velocity input integrates to, in [0, 360) degrees.',
    ring_heading_deg: 'Heading decoded from the ring: its bump angle, in [0, 360) (null when there is no bump).',
    oscillator_heading_deg: 'Heading decoded from the two oscillators: their phase difference, in [0, 360).',
    ring_error_deg: '|ring heading − true heading|, wrapped to [0, 180] degrees.',
    oscillator_error_deg: '|oscillator heading − true heading|, wrapped to [0, 180] degrees.',
    ring_rms_error_deg: 'Root mean square of the ring\'s error over the run so far (degrees).',
    oscillator_rms_error_deg: 'Root mean square of the oscillators\' error over the run so far (degrees).',
    velocity_deg_per_s: 'The angular velocity input now (deg/s).',
    epsilon: 'The weight perturbation ε in force (both networks).',
    noise: 'The state noise level (both networks).',
    n: 'Number of ring neurons.',
  },
});
