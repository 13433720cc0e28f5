// The measurements of `make bench` on the WebAssembly module, shared by node (bench/run.mjs) and
// the browser (bench/worker.mjs): only the module's own API and performance.now(), no node imports.
// bench/core_native.cpp measures the same on the native build.

export const BPTT_SIZES = [32, 64, 128, 256, 512];

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

// Median over `repetitions` of the milliseconds per call of `body`; each repetition calls it
// often enough to last about `windowMs`.
export function msPerCall(body, repetitions, windowMs) {
  body();  // warm up
  let start = performance.now();
  body();
  const once = Math.max(performance.now() - start, 1e-4);
  const calls = Math.max(1, Math.floor(windowMs / once));
  const samples = [];
  for (let r = 0; r < repetitions; r++) {
    start = performance.now();
    for (let k = 0; k < calls; k++) body();
    samples.push((performance.now() - start) / calls);
  }
  return median(samples);
}

// The BPTT case of the benchmark: float32, inputs 2, outputs 1, T = 100, batch 16.
export function bpttTrainer(lab, hidden) {
  return new lab.Trainer({
    task: 'delayed_recall', taskParams: { steps: 100, recall_steps: 5 }, initialization: 'gaussian',
    network: { hidden, precision: 32 }, training: { batch: 16, seed: 1 },
  });
}

// Milliseconds per lossAndGradient (forward pass and every gradient) for each N.
export function bpttMs(lab, sizes, repetitions) {
  const out = {};
  for (const hidden of sizes) {
    const trainer = bpttTrainer(lab, hidden);
    try {
      const batch = trainer.validationBatch();
      out[hidden] = msPerCall(() => trainer.lossAndGradient(batch), repetitions, 300);
    } finally {
      trainer.delete();
    }
  }
  return out;
}

function fourSine(lab, first, count) {
  return lab.ReadoutLearning.fourSineTargets(first, count, 0.001);
}

// Simulation throughput; the same models and sizes as core_native.cpp.
export function simulations(lab, repetitions) {
  const out = {};
  const ring = new lab.RingAttractor({ n: 512 });
  try {
    const steps = 1000;
    out.ring_steps_per_s = steps / (msPerCall(() => ring.run(steps), repetitions, 300) / 1e3);
    ring.perturb(0.1, 1);
    out.ring_perturbed_steps_per_s = steps / (msPerCall(() => ring.run(steps), repetitions, 300) / 1e3);
  } finally {
    ring.delete();
  }

  const learning = new lab.ReadoutLearning({ n: 1000, inputs: 0, feedback: 1, seed: 4 }, { alpha: 1 }, 'force');
  try {
    const steps = 200;
    let first = 0;
    const ms = msPerCall(() => {
      learning.train(fourSine(lab, first, steps));
      first += steps;
    }, repetitions, 500);
    out.force_steps_per_s = steps / (ms / 1e3);
  } finally {
    learning.delete();
  }

  const chaotic = new lab.RateNetwork({ n: 200, inputs: 0 });
  const spectrum = new lab.LyapunovSpectrum(chaotic, { transient_steps: 0, steps: 1e8 });
  try {
    const steps = 5;
    out.lyapunov_steps_per_s = steps / (msPerCall(() => spectrum.advance(steps), repetitions, 500) / 1e3);
  } finally {
    spectrum.delete();
    chaotic.delete();
  }

  const grid = [];
  for (let r = 0; r < Math.max(1, Math.floor(repetitions / 2)); r++) {
    const explorer = new lab.TanhMapExplorer({ alpha_count: 200, theta_count: 200 });
    try {
      const start = performance.now();
      while (!explorer.done()) explorer.advance(4000);
      grid.push((performance.now() - start) / 1e3);
    } finally {
      explorer.delete();
    }
  }
  out.tanh_map_s = median(grid);
  return out;
}
