// Settings of the head-direction duel (see docs/models/ring-attractor.md and
// docs/models/head_direction_oscillator.md).
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { choice, noiseLevel, perturbation, seed, wholeNumber } from '../settings.js';

export const hdDuelSchema = defineSchema({
  name: 'hd-duel',
  title: WIDGET_TITLES['hd-duel'],
  version: 1,
  params: {
    profile: choice('turning', { 'turning': 'Smooth random turns', 'turn-then-rest': 'Turns for 20 s, then still', 'rest': 'Still' }, 'Head movement', 'Input', {
      help: 'The same angular velocity drives both integrators.' }),
    turn_rms_deg_per_s: { type: 'number', default: 60, min: 0, max: 360, step: 5, label: 'Turning speed (rms)', unit: '°/s', group: 'Input' },
    input_seed: seed('Input seed', 'Input', { help: 'Seed of the random turns.' }),
    epsilon: perturbation(0.5, 'Both networks',
      'Weight noise of standard deviation ε/√N in both networks (N = ring neurons; N = 4 for the oscillators).'),
    perturbation_seed: seed('Perturbation seed', 'Both networks', { live: true }),
    delta_omega: { type: 'number', default: 0, min: -0.5, max: 0.5, step: 0.005, label: 'Frequency difference Δω', unit: 'rad/s', group: 'Oscillators',
      help: 'Oscillator 1 runs faster than oscillator 2 by Δω (the head turns come on top), so untouched their phase difference drifts at Δω. Changing it restarts the run.' },
    noise: noiseLevel('State noise', 'Both networks', {
      help: 'The same noise level in both models (ring: noise·√(dt/τ)·N(0, 1) per neuron per step; oscillators: noise·√dt·N(0, 1) per variable per step). Changing it restarts the run.' }),
    noise_seed: seed('Noise seed', 'Both networks'),
    n: wholeNumber(128, 16, 512, 'Ring neurons N', 'Both networks'),
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
    oscillator_drift_rad_per_s: 'Mean drift of the oscillators\' phase difference against the true heading since the start (rad/s; null at the start).',
    oscillator_recent_drift_rad_per_s: 'Mean drift of the oscillators\' phase difference against the true heading over the last 10 s (rad/s; null before 10 s).',
    oscillator_locked: 'Whether the oscillators\' phase difference has come to rest: it moved less than 0.005 rad/s on average over the last 10 s (null before 10 s).',
    oscillator_phase_slips: 'Whole turns the oscillators\' phase difference has slipped against the true heading since the start (signed; 0 while it stays locked).',
    locked_runs: 'Runs at rest without noise, at the current perturbation, whose phase difference was locked at their last whole minute.',
    drifting_runs: 'Runs at rest without noise, at the current perturbation, whose phase difference still drifted at their last whole minute.',
    tongue_gap_rad_per_s: 'Smallest difference of Δω between a locked and a drifting run at rest at the current perturbation (rad/s): an edge of the locking (Arnold) tongue lies between them. Null until there is one of each.',
    map_cells_measured: 'Cells of the tongue map (31 frequency differences by 6 perturbations, at the perturbation seed) measured so far.',
    map_cells_locked: 'Cells of the tongue map whose phase difference locked.',
    epsilon: 'The weight perturbation ε in force (both networks).',
    delta_omega: 'The oscillators\' frequency difference Δω (rad/s).',
    noise: 'The state noise level (both networks).',
    n: 'Number of ring neurons.',
  },
});
