// Settings of the RNN-trainer widget (see docs/training.md). Ranges lie inside the core's
// Trainer specs (taskSpecs, networkSpecs, optimizerSpecs, trainingSpecs); the core checks again.
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { logSlider, options, seed, slider, toggle, wholeNumber } from '../settings.js';

export const TASKS = options({
  delayed_recall: 'Delayed recall', adding: 'Adding problem', angular_velocity: 'Angular velocity integration',
  sine: 'Sine generation', repeat_copy: 'Repeat copy (T1)', lagged_copy: 'Lagged copy (T3)',
  angular_integration: 'Angular integration (Park et al.\'s protocol)',
});

export const INITIALIZATIONS = options({
  gaussian: 'Gaussian, std g/√N', orthogonal: 'Orthogonal (× g)', identity: 'Identity (× g)', qpta: 'QPTA (ignores g)',
  line: 'Line attractor (× g)', ring: 'Ring attractor (× g)', lstm: 'LSTM without forget gate (Park et al.\'s baseline)',
});

// The core's limit on one array (core/include/attractor/params.hpp, kMaxArrayValues): training
// keeps every hidden state of the batch, batch × T × (hidden + inputs + outputs) numbers.
export const MAX_ARRAY_VALUES = 16777216;

const COPY_TASKS = new Set(['repeat_copy', 'lagged_copy']);

// Inputs plus outputs of each task (core/src/tasks.cpp); the copy tasks take d of each.
export function taskWidth(params) {
  if (COPY_TASKS.has(params.task)) return 2 * params.copy_dims;
  return { delayed_recall: 3, adding: 3, sine: 2, angular_velocity: 5, angular_integration: 3 }[params.task] ?? 0;
}

// Numbers the core keeps per hidden unit, step and trial: an LSTM also keeps its three gates, its
// cell and tanh of the cell (core/src/trainer.cpp).
const statesPerUnit = (params) => (params.initialization === 'lstm' ? 6 : 1);

const taskLabel = (value) => TASKS.find((task) => task.value === value)?.label ?? value;

// |lambda| below this (per step) counts as a zero Lyapunov exponent.
export const ZERO_EXPONENT_TOLERANCE = 1e-3;

export const rnnTrainerSchema = defineSchema({
  name: 'rnn-trainer',
  title: WIDGET_TITLES['rnn-trainer'],
  version: 1,
  params: {
    task: { type: 'choice', default: 'delayed_recall', options: TASKS, label: 'Task', group: 'Task',
      help: 'What the network must learn from its inputs.' },
    trial_length: wholeNumber(20, 8, 2000, 'Trial length T (steps)', 'Task', {
      help: 'Steps per trial; longer trials need the learning signal to travel further back in time.' }),
    copy_lag: wholeNumber(4, 1, 16, 'Copy lag s', 'Task', {
      help: 'Repeat and lagged copy only: the network continues xₜ = xₜ₋ₛ (lagged copy: dimension j with lag s − j).' }),
    copy_dims: wholeNumber(4, 1, 16, 'Copy dimensions d', 'Task', {
      help: 'Repeat and lagged copy only: ±1 vectors of d entries (lagged copy needs d ≤ s).' }),
    initialization: { type: 'choice', default: 'orthogonal', options: INITIALIZATIONS, label: 'Initialization of W', group: 'Network' },
    gain: slider(1, 0, 3, 0.05, 'Gain g', 'Network', {
      help: 'Scale of W: the Gaussian std g/√N, or the factor on the orthogonal, identity, line and ring matrices. QPTA and the LSTM ignore it.' }),
    hidden: wholeNumber(32, 4, 256, 'Hidden units N', 'Network', { help: 'QPTA needs an even N; the ring needs N ≥ 3.' }),
    bias: toggle(true, 'Recurrent bias b', 'Network', {
      help: 'Train a recurrent bias; the travelling-wave experiments train without one. The LSTM always trains its gate biases.' }),
    seed: seed('Seed', 'Network', { help: 'Seeds the initial weights and the training trials.' }),
    continuous: toggle(false, 'Continuous-time form', 'Network', {
      help: 'On: h ← (1 − dt) h + dt tanh(W h + U x + b), the Euler step of Park et al.\'s networks. Off: h ← tanh(W h + U x + b). The LSTM ignores it.' }),
    dt: slider(0.1, 0.001, 1, 0.01, 'Euler step dt', 'Network', {
      help: 'Continuous-time form only: the step in units of the time constant (Park et al.: 0.1).' }),
    input_scale: slider(0.1, 0, 10, 0.1, 'Input weight scale', 'Network', {
      help: 'The input weights U start with standard deviation (input weight scale)/√N (Park et al.: 1). The LSTM ignores it.' }),
    trained_initial_state: toggle(false, 'Trained initial state h₀', 'Network', {
      help: 'On: h₀ is a trained parameter that starts uniform in [−1, 1] (Park et al.). Off: every trial starts from h₀ = 0. The LSTM ignores it.' }),
    epsilon: slider(0, 0, 1, 0.01, 'Perturbation ε of initial W', 'Network', {
      help: 'Adds noise of standard deviation ε/√N to every entry of the initial W, as for the other models; 0 is the initialization as built.' }),
    perturbation_seed: seed('Perturbation seed', 'Network', {
      help: 'Seeds the noise added to W (the network seed keeps the rest of the initial weights).' }),
    learning_rate: logSlider(0.003, 1e-5, 0.1, 'Learning rate', 'Training', { help: 'Adam step size.' }),
    clip_norm: slider(1, 0, 100, 0.1, 'Gradient clipping norm', 'Training', {
      help: 'Rescales a gradient longer than this before the Adam step; 0 turns clipping off (Park et al. do not clip).' }),
    decay_every: wholeNumber(0, 0, 20000, 'Learning-rate decay every (steps)', 'Training', {
      help: 'Multiplies the learning rate by the decay factor every this many steps (a step schedule); 0 keeps it constant.' }),
    decay_factor: slider(0.5, 0.01, 1, 0.05, 'Learning-rate decay factor', 'Training', { help: 'The factor of the step schedule.' }),
    batch: wholeNumber(16, 1, 256, 'Batch (trials per step)', 'Training'),
    train_steps: wholeNumber(300, 1, 20000, 'Steps per Train press', 'Training', { live: true }),
  },
  // The core's Trainer, Rnn and history tasks refuse these combinations.
  constraints: [
    { settings: ['batch', 'trial_length', 'hidden'],
      check: (p) => p.batch * p.trial_length * (statesPerUnit(p) * p.hidden + taskWidth(p)) <= MAX_ARRAY_VALUES,
      allowed: (p) => `training keeps every hidden state of the batch, batch × trial_length × (${statesPerUnit(p) > 1 ? `${statesPerUnit(p)} × ` : ''}hidden + ${taskWidth(p)} inputs and outputs) = ` +
        `${(p.batch * p.trial_length * (statesPerUnit(p) * p.hidden + taskWidth(p))).toLocaleString('en')} numbers, and at most ${MAX_ARRAY_VALUES.toLocaleString('en')} fit; lower the batch, the trial length or the hidden units` },
    { settings: ['initialization', 'epsilon'],
      check: (p) => p.initialization !== 'lstm' || p.epsilon === 0,
      allowed: () => 'the perturbation ε applies to an RNN\'s W; the LSTM takes ε = 0' },
    { settings: ['initialization', 'hidden'],
      check: (p) => p.initialization !== 'qpta' || p.hidden % 2 === 0,
      allowed: () => 'the QPTA initialization needs an even number of hidden units (one 2×2 rotation block per pair)' },
    { settings: ['trial_length', 'copy_lag'],
      check: (p) => !COPY_TASKS.has(p.task) || p.trial_length > p.copy_lag,
      allowed: (p) => `the ${taskLabel(p.task)} task needs trial_length above copy_lag (input for the first copy_lag steps, then the copy)` },
    { settings: ['copy_dims', 'copy_lag'],
      check: (p) => p.task !== 'lagged_copy' || p.copy_dims <= p.copy_lag,
      allowed: () => 'the lagged copy task needs copy_dims at most copy_lag (dimension j repeats with lag copy_lag − j ≥ 1)' },
  ],
  measures: {
    steps: 'Training steps taken so far.',
    loss: 'Mean squared error of the last training batch (null before the first step).',
    validation_loss: 'Mean squared error on the fixed validation batch.',
    validation_loss_ratio: 'Validation loss now / before training (null for a loaded checkpoint): below 1 means it learned.',
    accuracy: 'Fraction of validation trials answered within the task\'s tolerance (null if the task has none).',
    gradient_norm: 'Norm of the last step\'s gradient, before clipping.',
    task: 'The task.',
    initialization: 'The initialization of W.',
    gain: 'The gain g.',
    seed: 'The seed of the initial weights and the training trials.',
    epsilon: 'The perturbation ε of the initial W (noise of std ε/√N per entry).',
    perturbation_seed: 'The seed of that perturbation.',
    hidden: 'Hidden units N.',
    learning_rate: 'Adam\'s learning rate now: the setting after the decays of the schedule so far.',
    base_learning_rate: 'The learning-rate setting (before any decay).',
    batch: 'Trials per step.',
    trial_length: 'Steps per trial T.',
    spectral_radius: 'Largest |eigenvalue| of the recurrent matrix W now (null for an LSTM, which has no square W).',
    max_lyapunov: 'Largest Lyapunov exponent (per step) of the network with zero input now.',
    zero_lyapunov_count: `Lyapunov exponents with |λ| < ${ZERO_EXPONENT_TOLERANCE} per step, among the computed ones.`,
    lyapunov_exponents: 'The largest min(N, 32) Lyapunov exponents (per step, zero input, 2000 steps after 500), largest first.',
    gradient_ratio: '|dL/dh_1| / max_t |dL/dh_t| of the last training step: the learning signal that reaches the start of the trial.',
    initial_gradient_ratio: '|dL/dh_1| / max_t |dL/dh_t| of the untrained network on the validation batch: the learning signal the initialization gives.',
    previous_task: 'The task of the previous run (the last trained network before this one; null until there is one).',
    previous_initialization: 'The initialization of the previous run.',
    previous_epsilon: 'The perturbation ε of the previous run.',
    previous_trial_length: 'The trial length T of the previous run.',
    previous_hidden: 'Hidden units N of the previous run.',
    previous_seed: 'The seed of the previous run.',
    previous_steps: 'Training steps the previous run took.',
    previous_validation_loss: 'The validation loss the previous run ended with.',
    previous_initial_gradient_ratio: 'initial_gradient_ratio of the previous run.',
    previous_gradient_ratio: 'gradient_ratio of the previous run\'s last training step.',
    log_gradient_at_T: 'log ‖∂h(T)/∂h(0)‖ at the longest horizon of the last gradient-persistence measurement (zero input); null until measured on this network.',
    gradient_horizon_T: 'That horizon T (steps).',
    stop_reason: 'Why training stopped early, or an empty text.',
    mean_last_10_losses: 'Mean of the last 10 training losses (fewer before 10 steps; null before the first): Park et al.\'s statistic of a run.',
    previous_mean_last_10_losses: 'mean_last_10_losses of the previous run.',
    continuous: 'Whether the network runs in the continuous-time form (the setting).',
    dt: 'The Euler step dt of the continuous-time form.',
    input_scale: 'The scale of the initial input weights.',
    trained_initial_state: 'Whether h₀ is a trained parameter.',
    clip_norm: 'The gradient clipping norm (0: none).',
    decay_every: 'Steps between learning-rate decays (0: none).',
    decay_factor: 'The learning-rate decay factor.',
  },
});
