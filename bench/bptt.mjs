// Milliseconds per BPTT step in WebAssembly (node), float64 against float32: one
// lossAndGradient (forward pass + BPTT) of a tanh RNN with N = 64, T = 100, batch 16, 2 inputs,
// 1 output (delayed recall), and one full training step (batch, BPTT, Adam). The same
// measurement as bench/bptt_native.cpp.
//
//   node bench/bptt.mjs [repetitions]      (after building build/wasm)
import { loadLab } from '../tests/wasm/helpers.mjs';

const repetitions = Number(process.argv[2] ?? 5);
const lab = await loadLab();
for (const precision of [64, 32]) {
  const trainer = new lab.Trainer({
    task: 'delayed_recall', taskParams: { steps: 100, recall_steps: 5 }, initialization: 'gaussian',
    network: { hidden: 64, precision }, training: { batch: 16, seed: 1 },
  });
  const batch = trainer.validationBatch();
  trainer.lossAndGradient(batch);  // warm up
  const calls = [];
  for (let r = 0; r < repetitions; r++) {
    const n = 200;
    const start = performance.now();
    for (let k = 0; k < n; k++) trainer.lossAndGradient(batch);
    calls.push(((performance.now() - start) / n).toFixed(3));
  }
  const steps = [];
  for (let r = 0; r < repetitions; r++) {
    const n = 100;
    const start = performance.now();
    trainer.train(n);
    steps.push(((performance.now() - start) / n).toFixed(3));
  }
  console.log(`float${precision} wasm:\n  lossAndGradient ms: ${calls.join(' ')}\n  train step ms:      ${steps.join(' ')}`);
  trainer.delete();
}
