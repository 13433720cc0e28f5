// Settings of the FORCE-against-LMS bench (see docs/learning-rules.md and EXPERIMENTS.md,
// "Learning one value at a time"). The network and trial settings that are not listed here are
// fixed to the ones for which FORCE is known to reach the memory criterion (N = 200, g = 1,
// feedback scale 2, pulse 50 steps, hold 1000 steps, 100-step check, tolerance 0.1).
import { defineSchema } from '../../state/registry.js';
import { WIDGET_TITLES } from '../titles.js';
import { choice, logSlider, seed, slider, toggle, wholeNumber } from '../settings.js';

export const forceLmsSchema = defineSchema({
  name: 'force-lms',
  title: WIDGET_TITLES['force-lms'],
  version: 1,
  params: {
    rule: choice('force', { force: 'FORCE (recursive least squares)', lms: 'LMS (gradient step)' }, 'Learning rule', 'Learning', {
      help: 'FORCE keeps a running inverse correlation matrix P; LMS steps w by −η e r.' }),
    eta: logSlider(1e-3, 1e-5, 0.1, 'LMS learning rate η', 'Learning', {
      help: 'Only used by LMS. Above about 0.1 the readout diverges; at 1e-5 a trial corrects only part of its error, the small-η regime of Beer and Barak\'s analysis (it takes hundreds of trials: use Run trials with the fixed-point search off).' }),
    order: choice('random', { random: 'Random (shuffled each epoch)', sorted: 'Sorted (increasing value)' }, 'Trial order', 'Learning', {
      help: 'Each epoch visits every value once, shuffled from the seed or in increasing order.' }),
    task: choice('memory', { memory: 'Memory (hold a value c)', pattern: 'Pattern generation (a sine per input level)' }, 'Task', 'Task', {
      help: 'Memory: a pulse carries c, then z must hold c (a line of fixed points). Pattern: a static input level selects a frequency (a set of limit cycles).' }),
    values: wholeNumber(8, 2, 16, 'Values (levels)', 'Task', {
      help: 'Memory: values c spread evenly over [centre − spread, centre + spread], [−1, 1] by default. Pattern: input levels, at most 16.' }),
    spread: { type: 'number', default: 1, min: 0.05, max: 1, step: 0.05, control: 'number', label: 'Spread of the values', group: 'Task',
      help: 'Memory task: half-width of the interval of the values c. A narrower interval, away from 0, makes the trials\' states more alike (more correlated).' },
    center: { type: 'number', default: 0, min: -0.95, max: 0.95, step: 0.05, control: 'number', label: 'Centre of the values', group: 'Task',
      help: 'Memory task: middle of the interval of the values c; centre ± spread must stay within [−1, 1].' },
    fixed_points: toggle(true, 'Find fixed points after each trial', 'Task', {
      help: 'Memory task: runs the fixed-point finder after every trial (about N³ work per iteration), for N up to 300; above that only the free-run check runs.' }),
    n: wholeNumber(200, 10, 1000, 'Neurons N', 'Network', {
      help: 'At N = 200 a trial takes about a second; at N = 1000 about ten (without the fixed-point search).' }),
    g: slider(1, 0, 2, 0.05, 'Gain g', 'Network', { help: 'Recurrent weights J ~ N(0, g²/N). Above 1 the network alone is chaotic.' }),
    seed: seed('Seed', 'Network', { help: 'Seeds the network and the trial order.' }),
  },
  constraints: [
    { settings: ['center', 'spread'], check: (p) => Math.abs(p.center) + p.spread <= 1 + 1e-9,
      allowed: (p) => `the values c, from centre − spread to centre + spread, must stay within [−1, 1]: with centre ${p.center} the spread can be at most ${Number((1 - Math.abs(p.center)).toFixed(6))}` },
  ],
  measures: {
    rule: 'The learning rule: "force" or "lms".',
    task: 'The task: "memory" or "pattern".',
    trial: 'Trials run so far.',
    trials_to_criterion: 'The first trial after which every value survived its free run; null until reached.',
    values_stored: 'Values (levels) trained so far.',
    values_survived: 'Trained values whose free run stays within the tolerance of c (memory) or keeps its frequency and amplitude (pattern) after the last trial.',
    fraction_survived: 'values_survived / values_stored (null before the first trial).',
    values_destroyed: 'values_stored − values_survived: earlier values the last trials erased.',
    fixed_points: 'Memory task: fixed points z* of the closed loop found after the last trial (null when not searched).',
    attracting_fixed_points: 'Memory task: how many of them attract.',
    fixed_point_survivors: 'Memory task: trained values with an attracting fixed point within the tolerance (null when not searched).',
    last_value: 'The value c (memory) or input level (pattern) of the last trial.',
    last_trial_error: 'RMS of z − target over the learning phase of the last trial.',
    last_trial_end_error: '|z − target| at the end of the last trial.',
    mean_output_change: 'Interference: mean |Δw·r_m| over the earlier values m, the output change the last trial\'s update made at their states (null before two values are trained).',
    mean_output_change_all_trials: 'Mean |Δw·r_m| over every update so far and every earlier value at its time: the interference of the whole run (null before two values are trained).',
    max_output_change: 'The largest of those output changes.',
    mean_state_correlation: 'Mean correlation of the earlier values\' states with the last trial\'s state.',
    mean_state_correlation_all_trials: 'Mean correlation of the states r_n, r_m over every update so far and every earlier value at its time: how alike the trials are (null before two values are trained).',
    mean_abs_state_correlation_all_trials: 'The same for |correlation|: an anti-correlated state (r_m ≈ −r_n) is moved as much as a correlated one.',
    readout_norm: '|w|, the norm of the readout weights.',
    n: 'Number of neurons N.',
    g: 'Gain g of the recurrent weights.',
    eta: 'The LMS learning rate η (also reported under FORCE, where it is unused).',
    order: 'Trial order: "random" or "sorted".',
    values: 'Number of values (levels).',
    spread: 'Half-width of the interval of the values c (memory task).',
    center: 'Middle of the interval of the values c (memory task).',
    seed: 'The seed of the network and the trial order.',
    previous_rule: 'The rule of the previous run (the last run with at least one trial before this network was built; null until there is one).',
    previous_order: 'The trial order of the previous run.',
    previous_eta: 'The learning rate η of the previous run.',
    previous_seed: 'The seed of the previous run.',
    previous_values: 'The number of values of the previous run.',
    previous_center: 'The centre of the previous run\'s values.',
    previous_spread: 'The spread of the previous run\'s values.',
    previous_trial: 'Trials the previous run ran.',
    previous_interference_at_trial: 'The previous run\'s mean_output_change_all_trials after as many trials as this run has run: the two runs compared trial for trial (null when the previous run ran fewer trials, or before two values are trained).',
  },
});

// Fixed settings of the bench (EXPERIMENTS.md, "Memory task: trials to criterion").
export const MEMORY_SETTINGS = {
  input_scale: 1, feedback_scale: 2, pulse_steps: 50, hold_steps: 1000, check_steps: 100, tolerance: 0.1, alpha: 1,
};
export const PATTERN_SETTINGS = { alpha: 1 };
