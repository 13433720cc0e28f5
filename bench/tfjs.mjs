// The BPTT case of the benchmark in TensorFlow.js 4.22 (node), as a user of that library would
// write it: the same vanilla tanh RNN, shapes, data and masked mean squared error as the core's
// Rnn::loss_and_gradient, float32, with every gradient from tf.variableGrads.
//
//   node bench/tfjs.mjs BACKEND SIZES REPETITIONS    (BACKEND: wasm or cpu; prints JSON)
// One backend per process, so that the two never share a tensor engine.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import './tfjs-gradients.mjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { bpttTrainer, msPerCall } from './measure.mjs';
import { loadLab } from '../tests/wasm/helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [backend = 'wasm', sizesText = '64,256', repetitionsText = '5'] = process.argv.slice(2);

if (backend === 'wasm') {
  setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/') + path.sep);
}
await tf.setBackend(backend);
await tf.ready();

// The data: the validation batch of our own trainer, so both sides see the same numbers.
const lab = await loadLab();

// Normal(0, std) weights like the core's gaussian initialization (the values do not change the
// cost of a step).
function gaussian(shape, std, seed) {
  return tf.variable(tf.randomNormal(shape, 0, std, 'float32', seed));
}

function lossAndGradientMs(hidden, repetitions) {
  const trainer = bpttTrainer(lab, hidden);
  const data = trainer.validationBatch();
  trainer.delete();
  const { steps, batch } = data;
  const inputs = 2;
  const outputs = 1;
  // Layout of the core's SequenceBatch: step major, then trial, then channel.
  const x = tf.tensor3d(Float32Array.from(data.inputs), [steps, batch, inputs]);
  const target = tf.tensor3d(Float32Array.from(data.targets), [steps, batch, outputs]);
  const mask = tf.tensor3d(Float32Array.from(data.mask), [steps, batch, 1]);
  const xs = tf.unstack(x);
  const weight = data.mask.reduce((a, b) => a + b, 0) * outputs;

  const w = gaussian([hidden, hidden], 1 / Math.sqrt(hidden), 1);
  const u = gaussian([inputs, hidden], 0.1 / Math.sqrt(hidden), 2);
  const b = tf.variable(tf.zeros([hidden]));
  const v = gaussian([hidden, outputs], 1 / Math.sqrt(hidden), 3);
  const c = tf.variable(tf.zeros([outputs]));
  const h0 = tf.zeros([batch, hidden]);

  const loss = () => {
    let h = h0;
    const ys = [];
    for (let t = 0; t < steps; t++) {
      h = tf.tanh(tf.add(tf.add(tf.matMul(h, w), tf.matMul(xs[t], u)), b));
      ys.push(tf.add(tf.matMul(h, v), c));
    }
    const error = tf.sub(tf.stack(ys), target);
    return tf.div(tf.sum(tf.mul(mask, tf.square(error))), weight);
  };
  const step = () => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss);
      // Reading the results back waits for the work, as a training loop would.
      value.dataSync();
      for (const g of Object.values(grads)) g.dataSync();
    });
  };
  const ms = msPerCall(step, repetitions, 1000);
  tf.dispose([x, target, mask, ...xs, w, u, b, v, c, h0]);
  return ms;
}

const sizes = sizesText.split(',').map(Number);
const out = {};
for (const hidden of sizes) out[hidden] = lossAndGradientMs(hidden, Number(repetitionsText));
console.log(JSON.stringify({ backend, version: tf.version_core, bptt_ms: out }));
