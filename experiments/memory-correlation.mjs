// Interference against the correlation between trials on Beer & Barak's memory task: the values
// c are spread over intervals of different width and place (task.center, task.spread), which
// makes the trials' states r_m more or less alike; for each interval, rule (LMS at the usual and
// at a small learning rate, FORCE for reference), trial order and seed, one run of the native
// command-line build with the force-lms widget's settings. Writes one summary line per run to
// experiments/results/memory-correlation.jsonl and prints the tables of EXPERIMENTS.md
// ("Interference and the correlation between trials").
// Usage: nice node experiments/memory-correlation.mjs [path/to/attractor-lab]
// (SEEDS="1 2" and ONLY=lms-small narrow the runs.)
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const cli = process.argv[2] ?? 'build/native/cli/attractor-lab';
const out = 'experiments/results/memory-correlation.jsonl';
const seeds = (process.env.SEEDS ?? '1 2 3 4 5').split(/\s+/).filter(Boolean).map(Number);
const intervals = [
  { name: '[-1, 1]', center: 0, spread: 1 },
  { name: '[-0.25, 0.25]', center: 0, spread: 0.25 },
  { name: '[0, 1]', center: 0.5, spread: 0.5 },
  { name: '[0.5, 1]', center: 0.75, spread: 0.25 },
];
const rules = [
  { name: 'LMS eta 1e-3', rule: 'lms', eta: 1e-3, trials: 40 },
  { name: 'LMS eta 1e-5', rule: 'lms', eta: 1e-5, trials: 400 },
  { name: 'FORCE', rule: 'force', eta: 1e-3, trials: 40 },
].filter((r) => !process.env.ONLY || r.name.toLowerCase().replace(/ /g, '-').includes(process.env.ONLY));

const mean = (list) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : NaN);
const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function run(rule, interval, sorted, seed) {
  const args = ['memory-trials', rule.rule, 'net.n=200', 'net.g=1', `net.seed=${seed}`, 'net.input_scale=1',
    'net.feedback_scale=2', 'task.values=8', 'task.pulse_steps=50', 'task.hold_steps=1000', 'task.check_steps=100',
    'task.tolerance=0.1', `task.seed=${seed}`, `task.sorted=${sorted}`, 'task.find_fixed_points=0',
    `task.center=${interval.center}`, `task.spread=${interval.spread}`, `learn.learning_rate=${rule.eta}`, 'learn.alpha=1',
    `trials:${rule.trials}`];
  const result = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`attractor-lab ${args.join(' ')} failed: ${result.stderr}`);
  const trials = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
  // Every (|dz|, correlation) pair: after each trial, at every earlier value's state.
  const pairs = (list) => list.flatMap((t) => t.output_changes
    .map((change, m) => ({ change: Math.abs(change), correlation: t.state_correlations[m] }))
    .filter((p) => Number.isFinite(p.change) && Number.isFinite(p.correlation)));
  const epoch = pairs(trials.slice(0, 8));
  const all = pairs(trials);
  const survivors = trials.map((t) => t.measures.survivors);
  const lastEpoch = survivors.slice(-8);
  return {
    rule: rule.name, interval: interval.name, center: interval.center, spread: interval.spread,
    order: sorted ? 'sorted' : 'random', seed, trials: trials.length,
    epoch_interference: mean(epoch.map((p) => p.change)),
    interference: mean(all.map((p) => p.change)),
    last_epoch_interference: mean(pairs(trials.slice(-8)).map((p) => p.change)),
    correlation: mean(all.map((p) => p.correlation)),
    abs_correlation: mean(all.map((p) => Math.abs(p.correlation))),
    epoch_correlation: mean(epoch.map((p) => p.correlation)),
    trials_to_criterion: trials.at(-1).measures.trials_to_criterion,
    most_survivors: Math.max(...survivors),
    last_epoch_survivors: mean(lastEpoch),
    recalled: trials.at(-1).recalled,
  };
}

const rows = [];
fs.writeFileSync(out, '');
for (const rule of rules) {
  for (const interval of intervals) {
    for (const sorted of [0, 1]) {
      for (const seed of seeds) {
        const row = run(rule, interval, sorted, seed);
        rows.push(row);
        fs.appendFileSync(out, `${JSON.stringify(row)}\n`);
      }
    }
  }
}

const f = (x, digits = 2) => (Number.isFinite(x) ? (Math.abs(x) < 0.01 && x !== 0 ? x.toExponential(1) : x.toFixed(digits)) : '-');
const range = (list, digits) => `${f(median(list), digits)} (${f(Math.min(...list), digits)} to ${f(Math.max(...list), digits)})`;
console.log(`Seeds ${seeds.join(', ')}; median over seeds (range).\n`);
console.log('| rule | interval | order | state correlation | \\|correlation\\| | interference, first epoch | the same / interval width | interference, whole run | trials to criterion | most survivors | survivors, last epoch |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const rule of rules) {
  for (const interval of intervals) {
    for (const order of ['random', 'sorted']) {
      const g = rows.filter((r) => r.rule === rule.name && r.interval === interval.name && r.order === order);
      const reached = g.filter((r) => r.trials_to_criterion !== null).map((r) => r.trials_to_criterion);
      console.log(`| ${rule.name} (${rule.trials} trials) | ${interval.name} | ${order} | ${range(g.map((r) => r.correlation))} | ` +
        `${range(g.map((r) => r.abs_correlation))} | ${range(g.map((r) => r.epoch_interference), 3)} | ` +
        `${range(g.map((r) => r.epoch_interference / (2 * r.spread)), 3)} | ` +
        `${range(g.map((r) => r.interference), 3)} | ${reached.length}/${g.length} reached${reached.length ? ` (${reached.join(', ')})` : ''} | ` +
        `${g.map((r) => r.most_survivors).join(' ')} | ${range(g.map((r) => r.last_epoch_survivors), 1)} |`);
    }
  }
}
// Per seed and order: interference of a narrower interval divided by that of [-1, 1].
console.log('\nInterference (first epoch) relative to [-1, 1], same rule, order and seed: median (range)\n');
console.log(`| rule | ${intervals.slice(1).map((i) => i.name).join(' | ')} |`);
console.log(`|---|${intervals.slice(1).map(() => '---').join('|')}|`);
for (const rule of rules) {
  const cells = intervals.slice(1).map((interval) => {
    const ratios = rows.filter((r) => r.rule === rule.name && r.interval === interval.name).map((r) => {
      const base = rows.find((b) => b.rule === rule.name && b.interval === intervals[0].name && b.order === r.order && b.seed === r.seed);
      return r.epoch_interference / base.epoch_interference;
    });
    return range(ratios);
  });
  console.log(`| ${rule.name} | ${cells.join(' | ')} |`);
}
