// Settings of the tanh-map explorer widget (docs/models/tanh_map.md, tanh_map_explorer.md).
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { perturbation, seed, slider, wholeNumber } from '../settings.js';

export const tanhMapSchema = defineSchema({
  name: 'tanh-map',
  title: WIDGET_TITLES['tanh-map'],
  version: 1,
  params: {
    alpha: slider(1.5, 0.1, 10, 0.01, 'Gain α', 'Picked map', { live: true,
      help: 'Gain of W = αR(θ); pick it on the plane too (click, or arrow keys and Enter).' }),
    theta: { type: 'number', default: 1, min: 0, max: 3.141592653589793, step: 0.005, unit: 'rad', label: 'Angle θ', group: 'Picked map', live: true,
      help: 'Rotation angle of W.' },
    epsilon: perturbation(1, 'Picked map', 'Adds noise of standard deviation ε/√2 to each entry of W.'),
    perturbation_seed: seed('Perturbation seed', 'Picked map', { live: true }),
    grid_size: wholeNumber(60, 10, 200, 'Grid size (cells per side)', 'Plane', {
      help: 'The plane is classified on a grid of this many α rows by θ columns; 200 takes about 2 s.' }),
    alpha_min: { type: 'number', default: 1.001, min: 0.1, max: 10, step: 0.001, control: 'number', label: 'Smallest α', group: 'Plane' },
    alpha_max: { type: 'number', default: 10, min: 0.1, max: 10, step: 0.001, control: 'number', label: 'Largest α', group: 'Plane',
      help: 'Above the smallest α.' },
    max_period: wholeNumber(16, 1, 64, 'Longest period', 'Plane', { help: 'Orbits with longer periods count as invariant circles.' }),
  },
  constraints: [
    { settings: ['alpha_min', 'alpha_max'], check: (p) => p.alpha_min < p.alpha_max,
      allowed: () => 'the smallest α (alpha_min) must be below the largest α (alpha_max)' },
  ],
  measures: {
    alpha: 'α of the picked map.',
    theta: 'θ of the picked map (rad).',
    epsilon: 'Weight perturbation of the picked map.',
    attractor_kind: 'The classifier\'s verdict on the picked map\'s attractor: "fixed point", "periodic", "invariant circle" or "other".',
    attractor_kind_code: 'The same as a number: 0 fixed point, 1 periodic, 2 invariant circle, 3 other.',
    period: 'Period of the picked map\'s orbit (1 for a fixed point; null for a circle or other).',
    rotation_number: 'Rotation number of the picked map\'s attractor (turns per step).',
    in_qpta_region: 'True when the picked (α, θ) lies in the QPTA admissible region: α in [1.001, 10], θ in [L(α), π/2 − L(α)] or [π/2 + L(α), π − L(α)].',
    in_resonance_tongue: 'True when the picked point lies in one of the bands QPTA excludes, θ within L(α) of 0, π/2 or π (α ≥ 1.001).',
    qpta_boundary_rad: 'L(α) at the picked α: the half-width of the 1:1, 1:4 and 1:2 tongues (null below α = 1).',
    amplitude: 'Mean radius of the picked map over the last run.',
    time_steps: 'Steps the picked map has taken.',
    grid_progress: 'Fraction of the plane classified, 0 to 1.',
    grid_size: 'Cells per side of the plane\'s grid.',
    fixed_point_cells: 'Cells of the grid classified as fixed points so far.',
    periodic_cells: 'Cells classified as periodic orbits so far.',
    invariant_circle_cells: 'Cells classified as invariant circles so far.',
    other_cells: 'Cells classified as other so far.',
  },
});
