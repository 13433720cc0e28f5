// Settings of the robustness arena (see docs/robustness.md): which mechanisms to measure, the
// common weight perturbation and noise, and the size of the measurement.
import { defineSchema } from '../../state/registry.js';

// The mechanisms of the core's robustness measure, with the model each one is built from here
// (sizes as in docs/robustness.md, so the arena reproduces its tables).
export const MECHANISMS = [
  { name: 'line', label: 'Line attractor', model: { n: 16 }, noise: false, driven: false },
  { name: 'ring', label: 'Ring attractor', model: { n: 32 }, noise: true, driven: false },
  { name: 'limit_cycle', label: 'Limit cycle', model: {}, noise: false, driven: false },
  { name: 'torus', label: 'Torus (QPTA)', model: { n: 16 }, noise: false, driven: false },
  { name: 'hd_ring', label: 'Ring integrator (head direction)', model: { n: 32 }, noise: true, driven: true },
  { name: 'hd_oscillator', label: 'Oscillator integrator (head direction)', model: {}, noise: true, driven: true },
];

export function mechanismInfo(name) {
  return MECHANISMS.find((mechanism) => mechanism.name === name);
}

const DEFAULT_ON = new Set(['line', 'ring', 'limit_cycle', 'torus']);

const mechanismParams = Object.fromEntries(MECHANISMS.map(({ name, label }) => [`use_${name}`, {
  type: 'boolean', default: DEFAULT_ON.has(name), label, group: 'Mechanisms', live: true,
}]));

const perMechanismMeasures = Object.fromEntries(MECHANISMS.flatMap(({ name, label }) => [
  [`${name}_pairwise_error`, `${label}: pairwise error at the final T (mean over seeds; 0 = relative information kept, 1 = every memory on one point); null until measured.`],
  [`${name}_pairwise_error_spread`, `${label}: standard deviation of that pairwise error over seeds (0 with one seed).`],
  [`${name}_end_states`, `${label}: distinct end states of the M memories at the final T (mean over seeds).`],
]));

export const arenaSchema = defineSchema({
  name: 'robustness-arena',
  title: 'Robustness arena',
  version: 1,
  params: {
    ...mechanismParams,
    epsilon: { type: 'number', default: 0.02, min: 0, max: 0.2, scale: 'log', logMin: 1e-4, label: 'Perturbation ε', group: 'Perturbation', live: true,
      help: 'The same weight perturbation for every mechanism: noise of standard deviation ε/√N on every recurrent weight.' },
    noise: { type: 'number', default: 0, min: 0, max: 1, step: 0.01, label: 'Activity noise', group: 'Perturbation', live: true,
      help: 'Noise added to the activity while the memories are held (ring and head-direction models; the line, limit cycle and torus take none).' },
    perturbation_seed: { type: 'number', default: 1, min: 0, max: 1e6, integer: true, control: 'number', label: 'First perturbation seed', group: 'Perturbation', live: true },
    seeds: { type: 'number', default: 1, min: 1, max: 10, integer: true, label: 'Seeds (perturbations averaged)', group: 'Measurement', live: true,
      help: 'More than one: the curves show the mean and the spread over that many perturbations.' },
    memories: { type: 'number', default: 12, min: 2, max: 36, integer: true, label: 'Memories M', group: 'Measurement', live: true,
      help: 'Values stored evenly over the manifold, each in its own copy of the perturbed network.' },
    steps: { type: 'number', default: 20000, min: 1000, max: 100000, step: 1000, label: 'Horizon T (steps)', group: 'Measurement', live: true,
      help: 'How long each memory is held; the flows take 1 ms per step (20000 steps = 20 s), the torus is a map.' },
    velocity: { type: 'number', default: 0, min: -360, max: 360, step: 15, label: 'Turning speed (deg/s)', group: 'Measurement', live: true,
      help: 'Constant angular velocity driving the head-direction integrators while they hold the memories.' },
  },
  measures: {
    epsilon: 'The weight perturbation ε of the settings.',
    noise: 'The activity noise of the settings.',
    seeds: 'Perturbation seeds averaged per mechanism.',
    memories: 'Memories M stored per mechanism.',
    horizon_steps: 'The final horizon T in model steps.',
    mechanisms_selected: 'How many mechanisms are chosen.',
    mechanisms_measured: 'How many of them have been measured with the current settings.',
    running: 'True while the measure runs.',
    progress: 'Fraction of the run done (0 to 1).',
    ...perMechanismMeasures,
    best_mechanism: 'The measured mechanism with the smallest pairwise error at the final T (keeps relative information best); null before a run.',
    worst_mechanism: 'The measured mechanism with the largest pairwise error at the final T; null before a run.',
    prediction: 'The mechanism the student predicts will keep relative information best; null when none is chosen.',
    prediction_at_run: 'The prediction recorded when the last run started; null if there was none.',
    prediction_correct: 'Whether the prediction recorded before the run names the best mechanism; null before a complete run or without a prediction.',
  },
});
