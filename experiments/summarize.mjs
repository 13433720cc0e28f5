// Summarizes the JSON lines of `attractor-lab experiment` (read from the files given, or stdin)
// as Markdown tables: per variant and trial length, the validation loss before and after
// training and the final accuracy as mean ± sample standard deviation over the other grid axes
// (the seeds); the mean validation loss at every recorded step; and, if the spec recorded them,
// the Lyapunov exponents before and after.
//
//   node experiments/summarize.mjs results.jsonl [--by task_params.steps]
//
// For experiments that record it, a first table gives Park et al.'s per-run statistic.
import fs from 'node:fs';

const args = process.argv.slice(2);
let by = 'task_params.steps';
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--by') by = args[++i];
  else files.push(args[i]);
}
const text = files.length ? files.map((file) => fs.readFileSync(file, 'utf8')).join('\n') : fs.readFileSync(0, 'utf8');
const lines = text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));

const groups = new Map();
for (const line of lines) {
  const key = JSON.stringify([line.variant, line.settings[by]]);
  if (!groups.has(key)) groups.set(key, { variant: line.variant, value: line.settings[by], lines: [] });
  groups.get(key).lines.push(line);
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const fmt = (xs, digits = 3) => `${mean(xs).toFixed(digits)} ± ${sd(xs).toFixed(digits)}`;
const range = (xs, digits = 3) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;
const nearZero = (exponents) => exponents.filter((x) => Math.abs(x) < 0.01).length;

const variants = [...new Set(lines.map((line) => line.variant))];
const values = [...new Set(lines.map((line) => line.settings[by]))].sort((a, b) => a - b);

// Park et al.'s statistic per run, the mean of its last 10 training losses, over the runs that
// trained to the end; runs stopped by a non-finite loss or gradient are counted apart (their
// figures drop NaN runs).
if (lines.some((line) => 'mean_last_10_losses' in line)) {
  console.log(`| init | ${by} | runs | diverged | mean of the last 10 training losses (mean ± sd) | range |`);
  console.log('|---|---|---|---|---|---|');
  for (const value of values) {
    for (const variant of variants) {
      const group = groups.get(JSON.stringify([variant, value]));
      if (!group) continue;
      const diverged = group.lines.filter((line) => /^diverged/.test(line.stop_reason));
      const finished = group.lines.filter((line) => !diverged.includes(line)).map((line) => line.mean_last_10_losses);
      const stat = finished.length ? `${fmt(finished)} | ${range(finished)}` : '– | –';
      const when = diverged.map((line) => Number(/step (\d+)/.exec(line.stop_reason)?.[1])).sort((a, b) => a - b);
      console.log(`| ${variant} | ${value} | ${group.lines.length} | ${diverged.length}${when.length ? ` (at step ${when.join(', ')})` : ''} | ${stat} |`);
    }
  }
  console.log('');
}
console.log(`| init | ${by} | seeds | validation loss before | validation loss after (mean ± sd) | after: range | accuracy after (mean ± sd) | steps | seconds per cell |`);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const value of values) {
  for (const variant of variants) {
    const group = groups.get(JSON.stringify([variant, value]));
    if (!group) continue;
    const before = group.lines.map((line) => line.curve[0].validation_loss);
    const after = group.lines.map((line) => line.curve.at(-1).validation_loss);
    const accuracy = group.lines.map((line) => line.curve.at(-1).accuracy);
    const steps = group.lines.map((line) => line.steps_taken);
    const seconds = group.lines.map((line) => line.seconds);
    console.log(`| ${variant} | ${value} | ${group.lines.length} | ${fmt(before)} | ${fmt(after)} | ${range(after)} | ${fmt(accuracy, 2)} | ${Math.min(...steps)} | ${mean(seconds).toFixed(0)} |`);
  }
}

console.log('');
const recorded = lines[0].curve.map((point) => point.steps);
console.log(`| init | ${by} | ${recorded.map((steps) => `loss at ${steps}`).join(' | ')} |`);
console.log(`|---|---|${recorded.map(() => '---').join('|')}|`);
for (const value of values) {
  for (const variant of variants) {
    const group = groups.get(JSON.stringify([variant, value]));
    if (!group) continue;
    const cells = recorded.map((_, i) => mean(group.lines.map((line) => line.curve[i]?.validation_loss ?? NaN)).toFixed(3));
    console.log(`| ${variant} | ${value} | ${cells.join(' | ')} |`);
  }
}

if (lines.every((line) => line.lyapunov_before)) {
  console.log('');
  console.log('');
  console.log(`| init | ${by} | top exponent before | top exponent after | exponents with \\|LE\\| < 0.01 before | after |`);
  console.log('|---|---|---|---|---|---|');
  for (const value of values) {
    for (const variant of variants) {
      const group = groups.get(JSON.stringify([variant, value]));
      if (!group) continue;
      const topBefore = group.lines.map((line) => line.lyapunov_before[0]);
      const topAfter = group.lines.map((line) => line.lyapunov_after[0]);
      const zerosBefore = group.lines.map((line) => nearZero(line.lyapunov_before));
      const zerosAfter = group.lines.map((line) => nearZero(line.lyapunov_after));
      console.log(`| ${variant} | ${value} | ${fmt(topBefore, 4)} | ${fmt(topAfter, 4)} | ${zerosBefore.join(', ')} | ${zerosAfter.join(', ')} |`);
    }
  }
}
