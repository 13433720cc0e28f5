// Settings of the FORCE-against-LMS bench (see docs/learning-rules.md and EXPERIMENTS.md,
// "Learning one value at a time"). The network and trial settings that are not listed here are
// fixed to the ones for which FORCE is known to reach the memory criterion (N = 200, g = 1,
// feedback scale 2, pulse 50 steps, hold 1000 steps, 100-step check, tolerance 0.1).
import { defineSchema } from '../../state/registry.js';

export const forceLmsSchema = defineSchema({
  name: 'force-lms',
  title: 'FORCE vs LMS bench',
  version: 1,
  params: {
    rule: { type: 'choice', default: 'force', label: 'Learning rule', group: 'Learning',
      options: [{ value: 'force', label: 'FORCE (recursive least squares)' }, { value: 'lms', label: 'LMS (gradient step)' }],
      help: 'FORCE keeps a running inverse correlation matrix P; LMS steps w by −η e r.' },
    eta: { type: 'number', default: 1e-3, min: 1e-5, max: 0.1, scale: 'log', label: 'LMS learning rate η', group: 'Learning',
      help: 'Only used by LMS. Above about 0.1 the readout diverges.' },
    order: { type: 'choice', default: 'random', label: 'Trial order', group: 'Learning',
      options: [{ value: 'random', label: 'Random (shuffled each epoch)' }, { value: 'sorted', label: 'Sorted (increasing value)' }],
      help: 'Each epoch visits every value once, shuffled from the seed or in increasing order.' },
    task: { type: 'choice', default: 'memory', label: 'Task', group: 'Task',
      options: [{ value: 'memory', label: 'Memory (hold a value c)' }, { value: 'pattern', label: 'Pattern generation (a sine per input level)' }],
      help: 'Memory: a pulse carries c, then z must hold c (a line of fixed points). Pattern: a static input level selects a frequency (a set of limit cycles).' },
    values: { type: 'number', default: 8, min: 2, max: 16, integer: true, control: 'number', label: 'Values (levels)', group: 'Task',
      help: 'Memory: values c spread evenly over [−1, 1]. Pattern: input levels, at most 16.' },
    fixed_points: { type: 'boolean', default: true, label: 'Find fixed points after each trial', group: 'Task',
      help: 'Memory task: runs the fixed-point finder after every trial (about N³ work per iteration), for N up to 300; above that only the free-run check runs.' },
    n: { type: 'number', default: 200, min: 10, max: 1000, integer: true, control: 'number', label: 'Neurons N', group: 'Network',
      help: 'At N = 200 a trial takes about a second; at N = 1000 about ten (without the fixed-point search).' },
    g: { type: 'number', default: 1, min: 0, max: 2, step: 0.05, label: 'Gain g', group: 'Network',
      help: 'Recurrent weights J ~ N(0, g²/N). Above 1 the network alone is chaotic.' },
    seed: { type: 'number', default: 1, min: 0, max: 1e9, integer: true, control: 'number', label: 'Seed', group: 'Network',
      help: 'Seeds the network and the trial order.' },
  },
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
    readout_norm: '|w|, the norm of the readout weights.',
    n: 'Number of neurons N.',
    g: 'Gain g of the recurrent weights.',
    eta: 'The LMS learning rate η (also reported under FORCE, where it is unused).',
    order: 'Trial order: "random" or "sorted".',
    values: 'Number of values (levels).',
  },
});

// Fixed settings of the bench (EXPERIMENTS.md, "Memory task: trials to criterion").
export const MEMORY_SETTINGS = {
  input_scale: 1, feedback_scale: 2, pulse_steps: 50, hold_steps: 1000, check_steps: 100, tolerance: 0.1, alpha: 1,
};
export const PATTERN_SETTINGS = { alpha: 1 };
