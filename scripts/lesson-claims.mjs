// The measurements a lesson's "::: claim" block can name (lessons/README.md, "claim"), and the
// check that re-measures a claim with the core. Each measurement runs the native command-line
// build of the core (build/native/cli/attractor-lab) and returns one number per run; a claim with
// "seeds:" runs it once per seed. The validator uses only the catalog (names and settings); the
// claims test (tests/wasm/lesson-claims.test.mjs) runs the measurements.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../web/src/lessons/expression.js';
import { describeRuns } from '../web/src/lessons/claim-format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(root, 'build/native/cli/attractor-lab');

const cache = new Map();
// Runs the CLI once per distinct argument list (claims share runs) and returns its JSON.
function cli(args) {
  const key = args.join(' ');
  if (!cache.has(key)) {
    const result = spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw new Error(`cannot run ${CLI} (build it with make native): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`attractor-lab ${key} failed: ${result.stderr.trim()}`);
    cache.set(key, JSON.parse(result.stdout));
  }
  return cache.get(key);
}

// The same for commands that print one JSON object per line (one per trial).
function cliLines(args) {
  const key = `lines ${args.join(' ')}`;
  if (!cache.has(key)) {
    const result = spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw new Error(`cannot run ${CLI} (build it with make native): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`attractor-lab ${args.join(' ')} failed: ${result.stderr.trim()}`);
    cache.set(key, result.stdout.trim().split('\n').map((line) => JSON.parse(line)));
  }
  return cache.get(key);
}

const INVARIANT_CIRCLE = 2; // AttractorKind::kInvariantCircle (core/include/attractor/tanh_map.hpp)
const admissible = (alpha, theta, L) => alpha >= 1.001 && alpha <= 10
  && ((theta >= L && theta <= Math.PI / 2 - L) || (theta >= Math.PI / 2 + L && theta <= Math.PI - L));

// name -> { description, settings (defaults; a claim may set only these), seeded, run(settings, seed) }
export const CLAIM_MEASURES = Object.freeze({
  'qpta-locked-cells': {
    description: 'fraction of the (alpha, theta) explorer cells inside the QPTA admissible region whose attractor is not an invariant circle (locked to a periodic orbit, or other)',
    settings: { alpha_count: 200, theta_count: 200 },
    seeded: false,
    run: (s) => {
      const d = cli(['tanh-map-explorer', `alpha_count=${s.alpha_count}`, `theta_count=${s.theta_count}`, `advance:${s.alpha_count * s.theta_count}`]);
      let inside = 0;
      let locked = 0;
      d.alphas.forEach((alpha, i) => {
        d.thetas.forEach((theta, j) => {
          if (!admissible(alpha, theta, d.boundary[i])) return;
          inside += 1;
          if (d.kinds[i * d.thetas.length + j] !== INVARIANT_CIRCLE) locked += 1;
        });
      });
      return locked / inside;
    },
  },
  'qpta-locked-blocks': {
    description: 'fraction of the blocks of one QPTA network (qpta-sample count=blocks seed=SEED) whose 2-D tanh map does not settle on an invariant circle (tanh-map classifier from its default start)',
    settings: { blocks: 16 },
    seeded: true,
    run: (s, seed) => {
      const { alphas, thetas } = cli(['qpta-sample', `count=${s.blocks}`, `seed=${seed}`]);
      const locked = alphas.filter((alpha, k) => cli(['tanh-map', `alpha=${alpha}`, `theta=${thetas[k]}`]).classification.kind !== INVARIANT_CIRCLE);
      return locked.length / alphas.length;
    },
  },
  'line-eigenvalue-error': {
    description: '|lambda - 1|, the memory eigenvalue of the line attractor after perturb(epsilon, SEED)',
    settings: { n: 64, seed: 1, epsilon: 0.01 },
    seeded: true,
    run: (s, seed) => Math.abs(cli(['line', `n=${s.n}`, `seed=${s.seed}`, `perturb:${s.epsilon}:${seed}`]).measures.memory_eigenvalue - 1),
  },
  'line-memory-eigenvalue': {
    description: 'lambda, the memory eigenvalue of the line attractor after perturb(epsilon, SEED)',
    settings: { n: 64, seed: 1, epsilon: 0.01 },
    seeded: true,
    run: (s, seed) => cli(['line', `n=${s.n}`, `seed=${s.seed}`, `perturb:${s.epsilon}:${seed}`]).measures.memory_eigenvalue,
  },
  'ring-stable-fixed-points': {
    description: 'stable fixed points of the perturbed ring: downward zero crossings of its drift profile at 360 angles (the rule of ring_profile_fixed_points)',
    settings: { n: 64, epsilon: 0.05 },
    seeded: true,
    run: (s, seed) => {
      const profile = cli(['ring', `n=${s.n}`, `perturb:${s.epsilon}:${seed}`, 'profile:360']).profile.filter((v) => Math.abs(v) > 1e-6);
      return profile.filter((v, k) => v > 0 && profile[(k + 1) % profile.length] < 0).length;
    },
  },
  'hd-oscillator-drifts': {
    description: 'whether the two-oscillator integrator\'s phase difference still drifts at rest, by the hd-duel widget\'s rule: hd-oscillator delta_omega=DELTA_OMEGA, perturb(epsilon, SEED), then `seconds` of Euler steps (dt 0.001 s) at velocity 0; 1 if its recent_drift_rad_per_s (about the last 10 s) is 0.005 rad/s or more in size, 0 if less (locked)',
    settings: { epsilon: 0.2, delta_omega: 0, seconds: 60 },
    seeded: true,
    run: (s, seed) => (Math.abs(hdAtRest(s, seed).recent_drift_rad_per_s) >= 0.005 ? 1 : 0),
  },
  'hd-oscillator-drift-rate': {
    description: 'the same run\'s mean drift of the phase difference since the start, mean_drift_rad_per_s (rad/s)',
    settings: { epsilon: 0.2, delta_omega: 0, seconds: 60 },
    seeded: true,
    run: (s, seed) => hdAtRest(s, seed).mean_drift_rad_per_s,
  },
  'wave-shift-untrained': {
    description: 'wave shift of a bias-free tanh RNN before training on repeat-copy (wave-train basis_before.wave_shift; SEED is net.seed and train.seed)',
    settings: { dims: 4, lag: 8, hidden: 64 },
    seeded: true,
    run: (s, seed) => cli(['wave-train', 'repeat_copy', `task.dims=${s.dims}`, `task.lag=${s.lag}`, `task.steps=${3 * s.lag}`, `net.hidden=${s.hidden}`,
      'net.input_scale=1', 'train.batch=16', `train.seed=${seed}`, `net.seed=${seed}`, 'steps:2']).basis_before.wave_shift,
  },
  'wave-matched-error-ratio': {
    description: "matched spectrum error of a bias-free tanh RNN's W against repeat-copy's spectrum before training, divided by the same after training, with the wave-lattice widget's trainer settings (float32, Adam 3e-3, batch 16, trials of 3 s steps): wave-train error_before.matched_mean / error_after.matched_mean; SEED is net.seed and train.seed",
    settings: { dims: 3, lag: 8, hidden: 64, steps: 600 },
    seeded: true,
    run: (s, seed) => {
      const run = cli(['wave-train', 'repeat_copy', `task.dims=${s.dims}`, `task.lag=${s.lag}`, `task.steps=${3 * s.lag}`, `net.hidden=${s.hidden}`,
        'net.precision=32', 'opt.learning_rate=3e-3', 'train.batch=16', `train.seed=${seed}`, `net.seed=${seed}`, `steps:${s.steps}`]);
      return run.error_before.matched_mean / run.error_after.matched_mean;
    },
  },
  'lms-order-interference-ratio': {
    description: 'LMS memory trials with the force-lms widget\'s settings: mean interference |dw . r_m| over a run in sorted order, divided by the same in random order (SEED: network and trial order)',
    settings: { n: 200, eta: 0.001, values: 8, trials: 8 },
    seeded: true,
    run: (s, seed) => meanOf(lmsInterference(s, seed, 1).map((p) => p.change)) / meanOf(lmsInterference(s, seed, 0).map((p) => p.change)),
  },
  'lms-interference-correlation-ratio': {
    description: 'LMS memory trials (random order, force-lms widget settings): mean interference at earlier states whose rates correlate with the trial\'s at 0.9 or more, divided by the mean at correlations below 0.5',
    settings: { n: 200, eta: 0.001, values: 8, trials: 8 },
    seeded: true,
    run: (s, seed) => {
      const pairs = lmsInterference(s, seed, 0);
      return meanOf(pairs.filter((p) => p.correlation >= 0.9).map((p) => p.change)) / meanOf(pairs.filter((p) => p.correlation < 0.5).map((p) => p.change));
    },
  },
  'trainer-repair-qpta-below': {
    description: 'the rnn-trainer widget on delayed recall (recall window 3, Adam 0.003, batch 16, gain 1), W perturbed by epsilon with perturbation seed SEED, network and training seed SEED: of the identity, line and ring starts, how many end above the QPTA start in validation loss after `steps` steps (0 to 3)',
    settings: { trial_length: 60, hidden: 32, steps: 300, epsilon: 0.1 },
    seeded: true,
    run: (s, seed) => {
      const loss = (init) => trainerRun(init, s, seed, ['--task', 'delayed_recall', `task.steps=${s.trial_length}`, 'task.recall_steps=3']).measures.validation_loss;
      const qpta = loss('qpta');
      return ['identity', 'line', 'ring'].filter((init) => loss(init) > qpta).length;
    },
  },
  'trainer-angular-lowest-loss': {
    description: 'the rnn-trainer widget on angular-velocity integration (Adam 0.003, batch 16, gain 1, W unperturbed), network and training seed SEED: the lowest validation loss after `steps` steps over its six initializations (gaussian, orthogonal, identity, qpta, line, ring)',
    settings: { trial_length: 60, hidden: 32, steps: 300 },
    seeded: true,
    run: (s, seed) => Math.min(...['gaussian', 'orthogonal', 'identity', 'qpta', 'line', 'ring'].map((init) =>
      trainerRun(init, { ...s, epsilon: 0 }, seed, ['--task', 'angular_velocity', `task.steps=${s.trial_length}`]).measures.validation_loss)),
  },
  'lms-interval-correlation': {
    description: 'LMS memory trials (random order, force-lms widget settings) with the values spread over [center - spread, center + spread]: mean correlation of the states r_n, r_m over every update and every earlier value',
    settings: { n: 200, eta: 0.001, values: 8, trials: 8, center: 0, spread: 1 },
    seeded: true,
    run: (s, seed) => meanOf(lmsInterference(s, seed, 0).map((p) => p.correlation)),
  },
  'lms-interval-interference-ratio': {
    description: 'LMS memory trials (random order, force-lms widget settings): mean interference |dw . r_m| of a run with the values spread over [center - spread, center + spread], divided by the same run over [-1, 1] (same seed)',
    settings: { n: 200, eta: 0.001, values: 8, trials: 8, center: 0, spread: 1 },
    seeded: true,
    run: (s, seed) => meanOf(lmsInterference(s, seed, 0).map((p) => p.change))
      / meanOf(lmsInterference({ ...s, center: 0, spread: 1 }, seed, 0).map((p) => p.change)),
  },
  'memory-most-survivors': {
    description: 'memory trials (random order, force-lms widget settings, no fixed-point search) with RULE 1 = LMS, 0 = FORCE: the most values surviving together after any of the run\'s trials',
    settings: { n: 200, eta: 0.001, values: 8, trials: 8, center: 0, spread: 1, lms: 1 },
    seeded: true,
    run: (s, seed) => Math.max(...memoryRun(s.lms ? 'lms' : 'force', s, seed, 0).map((t) => t.measures.survivors)),
  },
  ...parkModelMeasures(),
  'park-qpta-rank': {
    description: 'the same committed runs: QPTA\'s place among the models of the run with that seed and trial length, ordered by the mean of the last 10 training losses (1: lowest); with `identity` 0, among the authors\' five models only (LSTM, Gaussian g = 0.5 and 1.5, orthogonal, QPTA)',
    settings: { hidden: 16, trial_length: 128, identity: 1 },
    seeded: true,
    run: (s, seed) => {
      const runs = parkRuns(s, seed).filter((run) => s.identity || run.variant !== 'identity');
      const qpta = parkRun(s, seed, 'qpta').mean_last_10_losses;
      return 1 + runs.filter((run) => run.variant !== 'qpta' && run.mean_last_10_losses < qpta).length;
    },
  },
  ...arenaMeasures('ring', { n: 32 }),
  ...arenaMeasures('limit-cycle', {}),
});

// Measurements of one model's committed runs of Park et al.'s protocol, for the models a lesson
// quotes: its statistic, and the Lyapunov exponents its trained network keeps near zero.
function parkModelMeasures() {
  const measures = {};
  for (const [slug, variant] of [['qpta', 'qpta'], ['identity', 'identity'], ['orthogonal', 'orthogonal']]) {
    measures[`park-${slug}-loss`] = {
      description: `the committed run of Park et al.'s protocol (experiments/results/park-nHIDDEN.jsonl, written by \`attractor-lab experiment experiments/park-nHIDDEN.json\`; EXPERIMENTS.md) of the ${variant} network, trials of \`trial_length\` steps, seed SEED: the mean of its last 10 training losses`,
      settings: { hidden: 16, trial_length: 128 },
      seeded: true,
      run: (s, seed) => parkRun(s, seed, variant).mean_last_10_losses,
    };
    measures[`park-${slug}-zero-exponents`] = {
      description: `the same run: how many of the 8 Lyapunov exponents computed of its network (zero input, per step) are within \`tolerance\` of zero, after training (\`trained\` 1) or before (0)`,
      settings: { hidden: 16, trial_length: 128, tolerance: 0.01, trained: 1 },
      seeded: true,
      run: (s, seed) => {
        const run = parkRun(s, seed, variant);
        return (s.trained ? run.lyapunov_after : run.lyapunov_before).filter((value) => Math.abs(value) < s.tolerance).length;
      },
    };
  }
  return measures;
}

// The committed runs of Park et al.'s protocol with `hidden` units and trials of `trial_length`
// steps, for one seed (one per model).
function parkRuns(s, seed) {
  const file = path.join(root, `experiments/results/park-n${s.hidden}.jsonl`);
  if (!cache.has(file)) cache.set(file, fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
  const runs = cache.get(file).filter((run) => run.settings.seed === seed && run.settings['task_params.steps'] === s.trial_length);
  if (!runs.length) throw new Error(`${file} has no run with seed ${seed} and trials of ${s.trial_length} steps`);
  return runs;
}

function parkRun(s, seed, variant) {
  const run = parkRuns(s, seed).find((candidate) => candidate.variant === variant);
  if (!run) throw new Error(`experiments/results/park-n${s.hidden}.jsonl has no ${variant} run with seed ${seed} and trials of ${s.trial_length} steps`);
  return run;
}

// The robustness arena's measure of one mechanism (web/src/widgets/robustness-arena: its model
// settings, 20 records, noise 0) for perturbation seed SEED: the decoded error and the log10 of the
// learning signal along the manifold at the final T.
function arenaMeasures(name, model) {
  const settings = { epsilon: 0.02, state_noise: 0.02, steps: 20000, memories: 12 };
  const last = (s, seed) => cli(['robustness', name.replace('-', '_'), ...Object.entries(model).map(([k, v]) => `${k}=${v}`),
    `--epsilon=${s.epsilon}`, `--state_noise=${s.state_noise}`, `--steps=${s.steps}`, `--memories=${s.memories}`,
    '--records=20', `--perturbation_seed=${seed}`]).records.at(-1);
  return {
    [`arena-${name}-decoded-error`]: {
      description: `the robustness arena's ${name.replace('-', ' ')} (its widget settings): decoded error at the final T (readout noise state_noise, M memories), perturbation seed SEED`,
      settings, seeded: true, run: (s, seed) => last(s, seed).decoded_error,
    },
    [`arena-${name}-learning-signal`]: {
      description: `the robustness arena's ${name.replace('-', ' ')} (its widget settings): log10 of the learning signal along the manifold at the final T (mean over memories), perturbation seed SEED`,
      settings, seeded: true, run: (s, seed) => last(s, seed).gradient_log10_mean,
    },
  };
}

// `attractor-lab train` with the rnn-trainer widget's fixed settings (web/src/widgets/rnn-trainer).
function trainerRun(init, s, seed, task) {
  return cli(['train', ...task, '--init', init, '--steps', String(s.steps), `net.hidden=${s.hidden}`, 'net.gain=1', `net.seed=${seed}`,
    `net.epsilon=${s.epsilon}`, `net.perturbation_seed=${seed}`, 'opt.learning_rate=0.003', 'train.batch=16', `train.seed=${seed}`]);
}

// The two-oscillator integrator at rest after a perturbation: its measures.
const hdAtRest = (s, seed) => cli(['hd-oscillator', `delta_omega=${s.delta_omega}`, `perturb:${s.epsilon}:${seed}`,
  `drive:${Math.round(s.seconds / 0.001)}:0`]).measures;

const meanOf = (values) => values.reduce((a, b) => a + b, 0) / values.length;

// One memory-trials run with the force-lms widget's settings (web/src/widgets/force-lms/schema.js):
// one JSON object per trial. `center` and `spread` (the interval of the values) are passed only
// when given, so the runs of the claims without them stay the same command.
function memoryRun(rule, s, seed, sorted) {
  const interval = s.center === undefined ? [] : [`task.center=${s.center}`, `task.spread=${s.spread}`];
  return cliLines(['memory-trials', rule, `net.n=${s.n}`, 'net.g=1', `net.seed=${seed}`, 'net.input_scale=1', 'net.feedback_scale=2',
    `task.values=${s.values}`, 'task.pulse_steps=50', 'task.hold_steps=1000', 'task.check_steps=100', 'task.tolerance=0.1', `task.seed=${seed}`,
    `task.sorted=${sorted}`, 'task.find_fixed_points=0', ...interval, `learn.learning_rate=${s.eta}`, 'learn.alpha=1', `trials:${s.trials}`]);
}

// Every (output change, state correlation) pair of an LMS memory-trials run: after each trial, the
// change |dw . r_m| its update made at every earlier value's state, and the correlation of the
// two states.
function lmsInterference(s, seed, sorted) {
  return memoryPairs(memoryRun('lms', s, seed, sorted));
}

function memoryPairs(out) {
  return out.flatMap((trial) => trial.output_changes
    .map((change, m) => ({ change: Math.abs(change), correlation: trial.state_correlations[m] }))
    .filter((p) => Number.isFinite(p.change) && Number.isFinite(p.correlation)));
}

// Problems with a parsed claim's measurement (file:line records), for the validator.
export function claimMeasureProblems(lesson) {
  const problems = [];
  for (const claim of lesson?.claims ?? []) {
    const at = (line, reason) => problems.push({ file: lesson.file, line, reason: `claim "${claim.id}": ${reason}` });
    const measure = CLAIM_MEASURES[claim.measure];
    if (!claim.measure) continue;
    if (!measure) { at(claim.measureLine, `unknown measure "${claim.measure}"; the measures are ${Object.keys(CLAIM_MEASURES).join(', ')}`); continue; }
    for (const key of Object.keys(claim.settings)) {
      if (!(key in measure.settings)) at(claim.settingsLine, `measure ${claim.measure} has no setting "${key}"; its settings are ${Object.keys(measure.settings).join(', ')}`);
    }
    if (measure.seeded && !claim.seeds) at(claim.line, `measure ${claim.measure} runs once per seed: give "seeds: 1..5" or a list`);
    if (!measure.seeded && claim.seeds) at(claim.line, `measure ${claim.measure} takes no seeds`);
  }
  return problems;
}

const statistics = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    rms: Math.sqrt(values.reduce((a, b) => a + b * b, 0) / values.length),
    median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    min: sorted[0],
    max: sorted.at(-1),
    runs: values.length,
  };
};

// Re-measures a claim. Returns { values, stats, value, failures: [text] }: a failure names the
// claim's file:line, what was measured and which part (the relation, or the shown value) broke.
export function checkClaim(claim, file) {
  const measure = CLAIM_MEASURES[claim.measure];
  if (!measure) return { failures: [`${file}:${claim.measureLine}: claim "${claim.id}": unknown measure "${claim.measure}"`] };
  const settings = { ...measure.settings, ...claim.settings };
  const values = (measure.seeded ? claim.seeds : [null]).map((seed) => measure.run(settings, seed));
  const stats = statistics(values);
  const value = stats[claim.statistic];
  const runs = describeRuns(claim);
  const measured = `measured ${claim.statistic === 'mean' && values.length === 1 ? '' : `${claim.statistic} `}${format(value)}${runs ? ` (${runs}: ${values.map(format).join(', ')})` : ''}`;
  const failures = [];
  const verdict = evaluate(claim.tree, (widget, name) => (widget ? undefined : name === 'value' ? value : stats[name]));
  if (!verdict.value) {
    failures.push(`${file}:${claim.holdsLine}: claim "${claim.id}" does not hold: ${measured}; holds: ${claim.holds}${verdict.reason ? ` (${verdict.reason})` : ''}`);
  }
  if (!(Math.abs(value - claim.shown) <= claim.shownTolerance * (1 + 1e-9))) {
    failures.push(`${file}:${claim.shownLine}: claim "${claim.id}" shows ${claim.shownText}, but ${measured} does not round to it`);
  }
  return { values, stats, value, failures };
}

const format = (x) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString());
