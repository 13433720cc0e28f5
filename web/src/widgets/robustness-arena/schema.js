// Settings of the robustness arena (see docs/robustness.md): which mechanisms to measure, the
// common weight perturbation and noise, and the size of the measurement.
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { noiseLevel, perturbation, seed, slider, toggle, wholeNumber, wholeSlider } from '../settings.js';

// The mechanisms of the core's robustness measure, with the model each one is built from here
// (sizes as in docs/robustness.md, so the arena reproduces its tables);
// dt: the model's time per step (the flows' default 1 ms; the torus is a map).
export const MECHANISMS = [
  { name: 'line', label: 'Line attractor', model: { n: 16 }, noise: false, driven: false, dt: 0.001 },
  { name: 'ring', label: 'Ring attractor', model: { n: 32 }, noise: true, driven: false, dt: 0.001 },
  { name: 'limit_cycle', label: 'Limit cycle', model: {}, noise: false, driven: false, dt: 0.001 },
  { name: 'torus', label: 'Torus (QPTA)', model: { n: 16 }, noise: false, driven: false, dt: 1 },
  { name: 'hd_ring', label: 'Ring integrator (head direction)', model: { n: 32 }, noise: true, driven: true, dt: 0.001 },
  { name: 'hd_oscillator', label: 'Oscillator integrator (head direction)', model: {}, noise: true, driven: true, dt: 0.001 },
];

export function mechanismInfo(name) {
  return MECHANISMS.find((mechanism) => mechanism.name === name);
}

const DEFAULT_ON = new Set(['line', 'ring', 'limit_cycle', 'torus']);

const mechanismParams = Object.fromEntries(MECHANISMS.map(({ name, label }) => [`use_${name}`,
  toggle(DEFAULT_ON.has(name), label, 'Mechanisms', { live: true })]));

const perMechanismMeasures = Object.fromEntries(MECHANISMS.flatMap(({ name, label }) => [
  [`${name}_decoded_error`, `${label}: decoded error at the final T, the measure of kept information: readout noise state_noise is added to the recalled values, the best decoder (affine for the line, one common rotation for angles) is fitted, and its RMS error is divided by the spread of the stored values (0 = kept, about 1 = lost); mean over seeds${name === 'torus' ? ' and networks' : ''}; null until measured.`],
  [`${name}_decoded_error_spread`, `${label}: standard deviation of that decoded error over seeds${name === 'torus' ? ' and networks' : ''} (0 with one).`],
  [`${name}_pairwise_error`, `${label}: pairwise error at the final T (mean): the change of the differences between memories relative to the stored differences; 0 = every memory moved by the same amount, 1 = every memory on one point. It counts a squeeze that one slope undoes as loss.`],
  [`${name}_pairwise_error_spread`, `${label}: standard deviation of that pairwise error (0 with one seed).`],
  [`${name}_end_states`, `${label}: distinct end states of the M memories at the final T (mean).`],
  [`${name}_learning_signal_log10`, `${label}: log₁₀ of the learning signal ‖∂h(T)/∂h(0)‖ along the manifold at the final T (a forward difference along the stored coordinate; mean over memories, then over seeds). 0 = the signal neither grows nor fades.`],
  [`${name}_manifold_exponent`, `${label}: exponent along the manifold, ln(learning signal) / T, per step at the final T (mean).`],
  [`${name}_lyapunov_max`, `${label}: largest Lyapunov exponent of the perturbed network, per step (from the first memory's recalled state; mean).`],
  [`${name}_near_zero_exponents`, `${label}: how many of the top 2 Lyapunov exponents lie within 5e-5 per step of zero (0.05 per second for the flows; mean).`],
]));

export const arenaSchema = defineSchema({
  name: 'robustness-arena',
  title: WIDGET_TITLES['robustness-arena'],
  version: 1,
  params: {
    ...mechanismParams,
    epsilon: perturbation(0.2, 'Perturbation',
      'The same weight perturbation for every mechanism: noise of standard deviation ε/√N on every recurrent weight.', 0.02),
    state_noise: slider(0.02, 0, 0.5, 0.01, 'Readout noise σ', 'Perturbation', { live: true,
      help: 'The same for every mechanism: Gaussian noise of standard deviation σ times the spread of the stored values is added to each recalled value before decoding. With σ = 0 a squeeze that one slope undoes counts as kept; with σ > 0 contraction along the manifold shows as loss.' }),
    noise: noiseLevel('Activity noise', 'Perturbation', { live: true,
      help: 'Noise added to the activity while the memories are held (ring and head-direction models only; the line, limit cycle and torus take none).' }),
    perturbation_seed: seed('First perturbation seed', 'Perturbation', { live: true }, 1e6),
    seeds: wholeSlider(1, 1, 10, 'Seeds (perturbations averaged)', 'Measurement', { live: true,
      help: 'More than one: the curves show the mean and the spread over that many perturbations.' }),
    memories: wholeSlider(12, 2, 36, 'Memories M', 'Measurement', { live: true,
      help: 'Values stored evenly over the manifold, each in its own copy of the perturbed network.' }),
    steps: { type: 'number', default: 20000, min: 1000, max: 100000, step: 1000, integer: true, label: 'Horizon T (steps)', group: 'Measurement', live: true,
      help: 'How long each memory is held; the flows take 1 ms per step (20000 steps = 20 s), the torus is a map.' },
    torus_network: wholeNumber(1, 1, 1000, 'First torus network', 'Torus', { live: true,
      help: 'Seed of the first torus network (its random block parameters and coupling).' }),
    torus_networks: wholeSlider(1, 1, 10, 'Torus networks averaged', 'Torus', { live: true,
      help: 'Networks first, first + 1, ...: the torus curves average over them and the perturbation seeds.' }),
    torus_block: wholeNumber(-1, -1, 7, 'Storage block (-1 automatic)', 'Torus', { live: true,
      help: 'The block whose phase holds the memories. Automatic: the quasi-periodic block with gain closest to 1.5 (docs/robustness.md).' }),
    velocity: slider(0, -360, 360, 15, 'Turning speed (deg/s)', 'Measurement', { live: true,
      help: 'Constant angular velocity driving the head-direction integrators while they hold the memories.' }),
  },
  measures: {
    epsilon: 'The weight perturbation ε of the settings.',
    noise: 'The activity noise of the settings.',
    state_noise: 'The readout noise σ of the settings (in units of the stored values\' spread).',
    torus_network: 'The first torus network of the settings.',
    torus_networks: 'How many torus networks are averaged.',
    seeds: 'Perturbation seeds averaged per mechanism.',
    memories: 'Memories M stored per mechanism.',
    horizon_steps: 'The final horizon T in model steps.',
    mechanisms_selected: 'How many mechanisms are chosen.',
    mechanisms_measured: 'How many of them have been measured with the current settings.',
    running: 'True while the measure runs.',
    progress: 'Fraction of the run done (0 to 1).',
    ...perMechanismMeasures,
    torus_networks_measured: 'How many torus networks the torus result averages; null until measured.',
    torus_networks_keeping: 'Fraction of the torus networks that keep the information (decoded error at the final T at most 0.25), mean over perturbation seeds; null until measured.',
    torus_networks_keeping_spread: 'Standard deviation of that fraction over perturbation seeds.',
    best_mechanism: 'The measured mechanism with the smallest decoded error at the final T (keeps information best); null before a run.',
    worst_mechanism: 'The measured mechanism with the largest decoded error at the final T; null before a run.',
    prediction: 'The mechanism the student predicts will keep relative information best; null when none is chosen.',
    prediction_at_run: 'The prediction recorded when the last run started; null if there was none.',
    prediction_correct: 'Whether the prediction recorded before the run names the best mechanism; null before a complete run or without a prediction.',
  },
});
