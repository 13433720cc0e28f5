// Summarizes experiments/results/memory-trials.jsonl (from experiments/memory-trials.sh):
// trials to criterion per run, survivors after each trial, and interference (the output change
// at earlier values' states against the correlation of the states).
// Usage: node experiments/summarize-memory-trials.mjs [file]
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'experiments/results/memory-trials.jsonl';
const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const runs = new Map();
for (const line of lines) {
  if (!runs.has(line.run)) runs.set(line.run, []);
  runs.get(line.run).push(line);
}
const measure = (line, name) => line.measures[name];
console.log('| run | trials run | trials to criterion | survivors after each trial (first 24) |');
console.log('|---|---|---|---|');
const criterion = new Map();
for (const [run, trials] of runs) {
  const last = trials[trials.length - 1];
  const reached = measure(last, 'trials_to_criterion');
  criterion.set(run, { reached, trials: trials.length, seed: last.seed, eta: last.eta });
  const survivors = trials.slice(0, 24).map((t) => measure(t, 'survivors')).join(' ');
  console.log(`| ${run} | ${trials.length} | ${reached ?? 'not reached'} | ${survivors} |`);
}
// Trials to criterion: FORCE mean against LMS per eta (runs not reaching it count as > cap).
const force = [...criterion.values()].filter((c) => c.eta === null);
// Runs that did not reach the criterion count at the cap (so means are lower bounds, marked >).
const forceMean = force.reduce((s, c) => s + (c.reached ?? c.trials), 0) / force.length;
const forceAll = force.every((c) => c.reached !== null && c.reached !== undefined);
console.log(`\nFORCE trials to criterion per seed: ${force.map((c) => c.reached ?? `>${c.trials}`).join(', ')}; mean ${forceAll ? '' : '>='}${forceMean.toFixed(1)}`);
const etas = [...new Set([...criterion.values()].filter((c) => c.eta !== null).map((c) => c.eta))];
console.log('\n| eta | trials to criterion per seed | mean | LMS / FORCE |');
console.log('|---|---|---|---|');
for (const eta of etas) {
  const cs = [...criterion.values()].filter((c) => c.eta === eta);
  const shown = cs.map((c) => (c.reached ?? `>${c.trials}`)).join(', ');
  const all = cs.every((c) => c.reached !== null && c.reached !== undefined);
  const mean = cs.reduce((s, c) => s + (c.reached ?? c.trials), 0) / cs.length;
  console.log(`| ${eta} | ${shown} | ${all ? '' : '>'}${mean.toFixed(1)} | ${all ? '' : '>'}${(mean / forceMean).toFixed(1)} (FORCE mean at the cap for unreached) |`);
}
// Interference: pooled over each rule, bins of state correlation, mean |output change|.
const bins = [-1, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001];
for (const eta of [null, ...etas]) {
  const label = eta === null ? 'force' : `lms eta ${eta}`;
  const sums = bins.slice(1).map(() => ({ n: 0, abs: 0 }));
  for (const [run, trials] of runs) {
    if (trials[0].eta !== eta) continue;
    for (const t of trials.slice(1)) {
      t.state_correlations.forEach((rho, m) => {
        const dz = t.output_changes[m];
        if (rho === null || dz === null) return;
        const b = bins.findIndex((edge, i) => i > 0 && rho < edge) - 1;
        sums[b].n += 1;
        sums[b].abs += Math.abs(dz);
      });
    }
  }
  const cells = sums.map((s, i) => `${bins[i]}..${Math.min(bins[i + 1], 1)}: ${s.n ? (s.abs / s.n).toExponential(2) : '-'} (${s.n})`);
  console.log(`\ninterference ${label}: mean |dz| at earlier states by state correlation: ${cells.join('; ')}`);
}
