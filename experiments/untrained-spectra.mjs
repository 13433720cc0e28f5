// Lyapunov exponents and gradient persistence of untrained networks (zero input, bias 0), through
// the WebAssembly build: the table "What the initializations do to learning signals" of
// docs/training.md. About a minute.
//
//   node experiments/untrained-spectra.mjs [N] [continuous]      (defaults 32 and 0)
import { loadLab, using } from '../tests/wasm/helpers.mjs';

const lab = await loadLab();
const n = Number(process.argv[2] ?? 32);
const continuous = Number(process.argv[3] ?? 0);
const inits = [['qpta', 1], ['gaussian', 0.5], ['gaussian', 1.5], ['orthogonal', 1], ['identity', 1], ['line', 1], ['ring', 1]];

console.log(`N = ${n}, continuous = ${continuous}; exponents ${continuous ? 'per unit time' : 'per step'}, 10^4 steps after 2000`);
console.log('| init | seed | top exponent | |LE| < 1e-3 | log ||dh_T/dh_0|| at T = 500, 1000, 2000, 4000 |');
console.log('|---|---|---|---|---|');
for (const [initialization, gain] of inits) {
  for (const seed of [1, 2, 3]) {
    const config = { task: 'adding', initialization, network: { hidden: n, gain, seed, bias: 0, continuous } };
    await using(new lab.Trainer(config), async (trainer) => {
      const exponents = trainer.lyapunovExponents({ transient_steps: 2000, steps: 10000, seed });
      const zeros = exponents.filter((x) => Math.abs(x) < 1e-3).length;
      const persistence = new lab.GradientPersistence(trainer, { k: 1, transient_steps: 1000, steps: 4000, records: 8, seed });
      try {
        while (!persistence.done()) persistence.advance(1000);
        const logs = Array.from(persistence.logSingularValues());
        const at = [1, 3, 7].map((i) => logs[i].toFixed(2));
        console.log(`| ${initialization} g=${gain} | ${seed} | ${exponents[0].toFixed(5)} | ${zeros} | ${[logs[0].toFixed(2), ...at].join(', ')} |`);
      } finally {
        persistence.delete();
      }
    });
  }
}
