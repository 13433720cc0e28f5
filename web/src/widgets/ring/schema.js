// Settings of the ring-attractor widget (see docs/models/ring-attractor.md).
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { noiseLevel, perturbation, seed, wholeNumber } from '../settings.js';

export const ringSchema = defineSchema({
  name: 'ring',
  title: WIDGET_TITLES.ring,
  version: 1,
  params: {
    cue_deg: { type: 'number', default: 90, min: 0, max: 359, step: 1, label: 'Cue angle', unit: '°', group: 'Bump', live: true,
      help: 'Places the bump at this angle, as a strong landmark would (also the start after Reset).' },
    velocity_deg_per_s: { type: 'number', default: 0, min: -720, max: 720, step: 5, label: 'Angular velocity', unit: '°/s', group: 'Bump', live: true,
      help: 'Velocity input through the asymmetric weights; the tuned bump moves at exactly this speed.' },
    epsilon: perturbation(0.5, 'Weights', 'Adds noise of standard deviation ε/√N to every recurrent weight; 0 is perfectly tuned.'),
    perturbation_seed: seed('Perturbation seed', 'Weights', { live: true }),
    noise: noiseLevel('Activation noise', 'Network', { help: 'Each step adds noise·√(dt/τ)·N(0, 1) to every neuron; changing it restarts the run.' }),
    n: wholeNumber(128, 8, 1024, 'Neurons N', 'Network'),
    seed: seed('Network seed', 'Network', { help: 'Seed of the activation noise (the tuned weights themselves are not random).' }),
  },
  measures: {
    time_s: 'Model time (s).',
    bump_deg: 'Position of the bump, in [0, 360) degrees (null when there is no bump).',
    drift_deg_per_s: 'Speed of the bump relative to the commanded velocity, measured from the trajectory over the last second (deg/s); null while settling.',
    mean_drift_deg_per_s: 'The same drift averaged since the bump settled after the last cue, reset or perturbation (deg/s).',
    predicted_drift_deg_per_s: 'Drift the first-order drift profile predicts at the bump\'s angle (deg/s).',
    bump_speed_deg_per_s: 'Speed of the bump over the last second, velocity input included (deg/s).',
    velocity_deg_per_s: 'The angular velocity input in force (deg/s).',
    tracking_error_deg: 'Bump angle minus (cue angle + integrated velocity), unwrapped (degrees).',
    epsilon: 'The weight perturbation ε in force.',
    n: 'Number of neurons.',
    noise: 'Activation noise level.',
    fixed_point_count: 'Stable fixed points the perturbed ring collapses to: downward zero crossings of the drift profile (0 when tuned: a continuum).',
    unstable_fixed_point_count: 'Unstable fixed points (upward zero crossings of the drift profile).',
    nearest_fixed_point_deg: 'The stable fixed point the bump is heading for, or null.',
    profile_rms_drift_deg_per_s: 'Root mean square of the drift profile over all angles (deg/s): the drift a random cue sees, linear in ε.',
    profile_max_drift_deg_per_s: 'Largest |drift| of the profile (deg/s).',
    bump_width_deg: 'Full width at half maximum of the rate profile (degrees).',
    bump_amplitude: 'First Fourier amplitude of the activity.',
    drift_reference_time_s: 'When the bump had settled after the last cue, reset or perturbation (s); drift is measured from then on.',
  },
});
