// Settings of the traveling-wave lattice widget (see docs/models/wave-memory.md).
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { options, seed, slider, wholeNumber, wholeSlider } from '../settings.js';

export const RULES = options({
  repeat_copy: 'Repeat-copy (T1): xₜ = xₜ₋ₛ',
  lagged_copy: 'Lagged copy (T3): dimension j repeats with lag s − j',
  fibonacci: 'Fibonacci: xₜ = Σₖ xₜ₋ₖ (rescaled)',
});

export const waveSchema = defineSchema({
  name: 'wave-lattice',
  title: WIDGET_TITLES['wave-lattice'],
  version: 1,
  params: {
    rule: { type: 'choice', default: 'repeat_copy', options: RULES, label: 'Task (boundary rule)', group: 'Lattice',
      help: 'What the start column writes once the input has ended.' },
    lag: wholeSlider(8, 1, 32, 'Columns s (lag)', 'Lattice', {
      help: 'How many steps of the past the lattice holds.' }),
    dims: wholeSlider(3, 1, 8, 'Rows d (dimension)', 'Lattice', {
      help: 'Dimension of each input vector; lagged copy needs d ≤ s.' }),
    input_seed: seed('Input seed', 'Input', { help: 'Seed of the random ±1 input (used unless you type your own).' }, 1e6),
    rnn_hidden: wholeNumber(64, 8, 128, 'RNN hidden units', 'Trained RNN', { live: true }),
    rnn_steps: slider(600, 100, 5000, 100, 'Training steps per press', 'Trained RNN', { live: true }),
    rnn_seed: seed('RNN seed', 'Trained RNN', { live: true }, 1e6),
  },
  // The core's lattice (core/src/wave_memory.cpp) refuses this combination.
  constraints: [
    { settings: ['dims', 'lag'], check: (p) => p.rule !== 'lagged_copy' || p.dims <= p.lag,
      allowed: () => 'the lagged copy rule needs dims at most lag (dimension j repeats with lag − j ≥ 1)' },
  ],
  measures: {
    time_step: 'Lattice steps taken since the start (the first s are the input).',
    s: 'Columns s of the lattice (the lag).',
    d: 'Rows d (dimension of each input).',
    rule: 'The boundary rule: repeat_copy, lagged_copy or fibonacci.',
    phase: "'input' during the first s steps, then 'generating'.",
    input_source: "'random' (seeded ±1) or 'typed'.",
    output: 'The newest column x_t (d numbers).',
    recall_error: "Largest |x_t − target_t| over the generated steps so far, the target from the rule and the lattice's earlier outputs (for repeat-copy: the input s steps earlier); null during the input.",
    eigenvalue_count: 'Eigenvalues of the step matrix A (d·s).',
    spectral_radius: 'Largest |λ| of A.',
    roots_of_unity_error_deg: 'Mean angle (degrees) from the eigenvalues of A to the nearest s-th root of unity (0 for repeat-copy).',
    roots_of_unity_max_error_deg: 'Largest such angle (degrees).',
    rnn_steps: 'Training steps of the RNN trained on this task (0 before training; null for Fibonacci, which has no training task).',
    rnn_training: 'True while the RNN trains.',
    rnn_loss: 'Training loss of the last step.',
    rnn_validation_loss: 'Loss on the fixed validation batch.',
    rnn_roots_error_deg: "Mean angle (degrees) from the trained W's d·s leading eigenvalues to the nearest s-th root of unity. Angles only: moduli and multiplicities are not compared (a real eigenvalue at +1 or -1 scores 0).",
    rnn_roots_max_error_deg: 'Largest such angle (degrees).',
    rnn_roots_error_deg_untrained: 'The same mean angle for the RNN before training (its random W).',
    rnn_mean_modulus: "Mean modulus |λ| of the trained W's d·s leading eigenvalues (1 on the unit circle).",
    rnn_matched_error: "Matched spectrum error of the trained W: each of the lattice's nonzero eigenvalues μ_i (with multiplicity: for repeat-copy every s-th root d times) is paired with its own eigenvalue λ of W by the optimal assignment (smallest total distance); the mean |λ − μ| over the pairs. W's other eigenvalues are left out. Moduli and multiplicities count.",
    rnn_matched_max_error: 'Largest |λ − μ| of those pairs.',
    rnn_matched_error_untrained: 'The same matched error for the same network before training (same seed): the control.',
    rnn_unmatched_max_modulus: "Largest |λ| among the trained W's eigenvalues left out of the pairing (0 when none).",
    rnn_thresholded_angle_rad: "The spectral error of Karuvally et al.'s released code: the eigenvalues of modulus above 0.9 of W and of the lattice, paired one to one by angle; mean angle in radians. Null when W has a different number of eigenvalues above 0.9 than the lattice.",
    rnn_thresholded_angle_rad_untrained: 'The same for the network before training.',
    rnn_boundary_fraction: "Share of the squared weight of Φ's boundary block column 0 (Φ = pinv(Ψ) W Ψ of the trained network) that lies where the lattice's F_k are nonzero; 1 for the lattice.",
    rnn_boundary_fraction_untrained: 'The same for the network before training.',
  },
});
