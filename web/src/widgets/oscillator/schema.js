// Settings of the oscillator widget: a Stuart-Landau limit cycle or a QPTA torus network
// (docs/models/stuart_landau.md, docs/models/torus_network.md).
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { choice, perturbation, seed, wholeNumber } from '../settings.js';

export const oscillatorSchema = defineSchema({
  name: 'oscillator',
  title: WIDGET_TITLES.oscillator,
  version: 1,
  params: {
    model: choice('stuartLandau', { stuartLandau: 'Stuart-Landau limit cycle', torus: 'QPTA torus network' }, 'Model', 'Model', {
      help: 'A 2-D oscillator with one limit cycle, or a network of rotation blocks living on a torus.' }),
    epsilon: perturbation(1, 'Perturbation',
      'Adds noise of standard deviation ε/√N to every weight (N = 2 for the oscillator); 0 is the unperturbed model.'),
    perturbation_seed: seed('Perturbation seed', 'Perturbation', { live: true }),
    mu: { type: 'number', default: 1, min: 0.05, max: 5, scale: 'log', unit: '1/s', label: 'Growth rate μ', group: 'Stuart-Landau',
      help: 'The cycle has radius √μ and attracts at rate 2μ.' },
    omega: { type: 'number', default: 6.283185307179586, min: 0.1, max: 100, scale: 'log', unit: 'rad/s', label: 'Angular frequency ω', group: 'Stuart-Landau',
      help: 'One turn takes 2π/ω seconds.' },
    blocks: wholeNumber(32, 2, 256, 'Blocks (N/2)', 'Torus network', { help: 'Rotation blocks αR(θ), two neurons each.' }),
    seed: seed('Network seed', 'Torus network', { help: 'Draws each block\'s (α, θ) from the QPTA region and the initial phases.' }),
    observed_block: wholeNumber(1, 0, 255, 'Observed block', 'Torus network', {
      help: 'The block drawn in the phase portrait, the time series and on the Poincaré section; below the number of blocks.' }),
    section_block: wholeNumber(0, 0, 255, 'Section block', 'Torus network', {
      help: 'The Poincaré section is taken each time this block\'s phase crosses 0 upwards; below the number of blocks.' }),
  },
  // The core's torus network numbers its blocks 0 to blocks − 1.
  constraints: ['section_block', 'observed_block'].map((block) => ({
    settings: [block, 'blocks'],
    check: (p) => p.model !== 'torus' || p[block] < p.blocks,
    allowed: (p) => `the torus's blocks are numbered 0 to ${p.blocks - 1}, so ${block} must be below blocks`,
  })),
  measures: {
    model: 'Which model runs: "stuartLandau" or "torus".',
    time_s: 'Model time (s); for the torus, a map, one step counts as one time unit.',
    time_steps: 'Steps taken since the start.',
    epsilon: 'The weight perturbation ε in force.',
    measuring: 'True once the transient after the start or the last perturbation is over and the averages below are being taken.',
    window_time_s: 'Length of the averaging window so far (same units as time_s).',
    amplitude: 'Mean radius over the window (torus: mean over blocks of each block\'s mean radius).',
    amplitude_reference: 'The same for the reference run: same model and seed at ε = 0, over the same window.',
    amplitude_change: 'Largest relative change of a mean radius against the reference (one number for the oscillator; the worst block for the torus).',
    min_radius: 'Smallest radius seen in the window (torus: of any block).',
    frequency_hz: 'Stuart-Landau: turns per second over the window (null for the torus).',
    frequency_reference_hz: 'Stuart-Landau: the same for the reference run at ε = 0.',
    frequency_shift_hz: 'Stuart-Landau: frequency_hz − frequency_reference_hz.',
    rotation_number_mean: 'Torus: mean over blocks of the rotation number (turns per step) over the window.',
    rotation_number_observed: 'Torus: the observed block\'s rotation number over the window.',
    rotation_number_shift_mean_abs: 'Torus: mean over blocks of |rotation number − reference|.',
    rotation_number_shift_max_abs: 'Torus: largest |rotation number − reference| of any block.',
    frequency_shift: 'The frequency shift against ε = 0 in the model\'s own unit: Hz for the oscillator (signed), turns per step for the torus (mean absolute shift over blocks).',
    relative_frequency_shift: '|frequency shift| / reference frequency (dimensionless; torus: mean |shift| over mean reference rotation number).',
    phase_difference_rad: 'Phase of the perturbed run minus the reference\'s (observed block for the torus), unwrapped: the phase the perturbation has moved.',
    attractor_persists: 'True while the attractor is still there: every mean radius stays above half its reference value (the oscillator also needs its cycle to exist for the current weights and its radius never below a tenth of the reference). Null while settling.',
    period_s: 'Stuart-Landau: period of the flow\'s cycle for the current weights (core\'s Floquet analysis).',
    floquet_multiplier_2: 'Stuart-Landau: the cycle\'s transverse Floquet multiplier (below 1: attracting).',
    blocks: 'Torus: number of rotation blocks.',
    section_points: 'Torus: points on the Poincaré section so far.',
    zero_lyapunov_count: 'After "Lyapunov spectrum": how many exponents are zero within the estimate\'s resolution (|λ| < lyapunov_zero_tolerance). Null before.',
    lyapunov_zero_tolerance: 'The resolution used: 10 / (averaged time) per unit time.',
    lyapunov_max: 'Largest Lyapunov exponent found (per unit time).',
    lyapunov_gap: 'Smallest |λ| among the exponents counted as non-zero.',
    lyapunov_progress: 'Progress of the running spectrum, 0 to 1 (null when none runs).',
  },
});
