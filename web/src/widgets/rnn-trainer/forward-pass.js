// Runs the trained network forward on one validation trial: the outputs y_t = V h_t + c and the
// hidden states h_t, with the core's equations (docs/training.md): h_t = tanh(W h_{t-1} + U x_t + b),
// or the Euler form h_t = (1 - dt) h_{t-1} + dt tanh(...), from h_0 = 0. The parameters are the
// trainer's own (W, U, b, V, c, column-major, at the offsets of its layout).
export function forwardPass({ parameters: p, layout, batch, trial, continuous, dt }) {
  const { hidden: n, inputs: ni, outputs: no } = layout;
  const { steps, batch: trials, inputs } = batch;
  const outputs = new Float64Array(steps * no);
  const states = new Float64Array(steps * n);
  const h = new Float64Array(n);
  const next = new Float64Array(n);
  for (let t = 0; t < steps; t++) {
    const x = (t * trials + trial) * ni;
    for (let i = 0; i < n; i++) {
      let a = p[layout.biasOffset + i];
      for (let j = 0; j < n; j++) a += p[layout.recurrentOffset + j * n + i] * h[j];
      for (let k = 0; k < ni; k++) a += p[layout.inputOffset + k * n + i] * inputs[x + k];
      next[i] = continuous ? (1 - dt) * h[i] + dt * Math.tanh(a) : Math.tanh(a);
    }
    h.set(next);
    states.set(h, t * n);
    for (let o = 0; o < no; o++) {
      let y = p[layout.readoutBiasOffset + o];
      for (let i = 0; i < n; i++) y += p[layout.readoutOffset + i * no + o] * h[i];
      outputs[t * no + o] = y;
    }
  }
  return { outputs, states };
}
