// Summarizes the JSON lines of `attractor-lab experiment experiments/repair.json` (read from the
// files given, or stdin) as Markdown tables: per trial length, initialization and perturbation
// epsilon, the learning signal before training (log ||dh_T/dh_0|| with zero input, and
// |dL/dh_1| / max_t |dL/dh_t| on the validation batch), the validation loss before, after 300 and
// after 600 steps, and the signal after training; then, for every perturbed setting, how often
// the QPTA start ended below each continuous-attractor start with the same seeds.
//
// Runs with epsilon 0 do not depend on the perturbation seed: they are counted once per network
// seed.
//
//   node experiments/summarize-repair.mjs experiments/results/repair.jsonl
import fs from 'node:fs';

const files = process.argv.slice(2);
const text = files.length ? files.map((file) => fs.readFileSync(file, 'utf8')).join('\n') : fs.readFileSync(0, 'utf8');
const lines = text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));

const setting = (line, name) => line.settings[name];
const epsilonOf = (line) => setting(line, 'network.epsilon');
const lengthOf = (line) => setting(line, 'task_params.steps');
const lossAt = (line, steps) => line.curve.find((point) => point.steps === steps)?.validation_loss;
const accuracyAt = (line, steps) => line.curve.find((point) => point.steps === steps)?.accuracy;
const lastSteps = Math.max(...lines.map((line) => line.curve.at(-1).steps));
const middleSteps = lastSteps / 2;

const groups = new Map();
for (const line of lines) {
  const key = JSON.stringify([lengthOf(line), line.variant, epsilonOf(line)]);
  if (!groups.has(key)) groups.set(key, []);
  const group = groups.get(key);
  // Epsilon 0: one run per network seed (the perturbation seed does not enter).
  if (epsilonOf(line) === 0 && group.some((other) => setting(other, 'network.seed') === setting(line, 'network.seed'))) continue;
  group.push(line);
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const fmt = (xs, digits = 3) => `${mean(xs).toFixed(digits)} ± ${sd(xs).toFixed(digits)}`;
const range = (xs, digits = 3) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;
const log10Ratio = (signal) => (signal.gradient_ratio > 0 ? Math.log10(signal.gradient_ratio) : -Infinity);
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const lengths = [...new Set(lines.map(lengthOf))].sort((a, b) => a - b);
const variants = [...new Set(lines.map((line) => line.variant))];
const epsilons = [...new Set(lines.map(epsilonOf))].sort((a, b) => a - b);

console.log(`| T | init | epsilon | runs | log \\|\\|dh_T/dh_0\\|\\| before (T = ${lines[0].learning_signal_before.horizon}) | log10 signal ratio before: median (range) | val. loss before | val. loss at ${middleSteps} | val. loss at ${lastSteps} (mean ± sd) | at ${lastSteps}: range | accuracy at ${lastSteps} | log10 signal ratio after: median | log \\|\\|dh_T/dh_0\\|\\| after |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const length of lengths) {
  for (const variant of variants) {
    for (const epsilon of epsilons) {
      const group = groups.get(JSON.stringify([length, variant, epsilon]));
      if (!group) continue;
      const before = group.map((line) => log10Ratio(line.learning_signal_before));
      const after = group.map((line) => log10Ratio(line.learning_signal_after));
      console.log(`| ${length} | ${variant} | ${epsilon} | ${group.length} | ` +
        `${fmt(group.map((line) => line.learning_signal_before.log_gradient), 2)} | ` +
        `${median(before).toFixed(2)} (${range(before, 2)}) | ` +
        `${fmt(group.map((line) => lossAt(line, 0)))} | ${fmt(group.map((line) => lossAt(line, middleSteps)))} | ` +
        `${fmt(group.map((line) => lossAt(line, lastSteps)))} | ${range(group.map((line) => lossAt(line, lastSteps)))} | ` +
        `${fmt(group.map((line) => accuracyAt(line, lastSteps)), 2)} | ${median(after).toFixed(1)} | ` +
        `${fmt(group.map((line) => line.learning_signal_after.log_gradient), 1)} |`);
    }
  }
}

// Paired by network seed and perturbation seed: the same perturbation noise, the same batches.
const others = variants.filter((variant) => variant !== 'qpta');
console.log('');
console.log(`| T | epsilon | pairs | ${others.map((variant) => `qpta below ${variant} at ${lastSteps}`).join(' | ')} |`);
console.log(`|---|---|---|${others.map(() => '---|').join('')}`);
const pairKey = (line) => `${setting(line, 'network.seed')}/${setting(line, 'network.perturbation_seed')}`;
for (const length of lengths) {
  for (const epsilon of epsilons.filter((value) => value > 0)) {
    const qpta = groups.get(JSON.stringify([length, 'qpta', epsilon])) ?? [];
    const cells = others.map((variant) => {
      const byPair = new Map((groups.get(JSON.stringify([length, variant, epsilon])) ?? []).map((line) => [pairKey(line), line]));
      const pairs = qpta.filter((line) => byPair.has(pairKey(line)));
      const below = pairs.filter((line) => lossAt(line, lastSteps) < lossAt(byPair.get(pairKey(line)), lastSteps)).length;
      return `${below} of ${pairs.length}`;
    });
    console.log(`| ${length} | ${epsilon} | ${qpta.length} | ${cells.join(' | ')} |`);
  }
}
