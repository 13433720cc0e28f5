// Loading the built WebAssembly module in node, and running the native command-line build of the
// same core, so tests can compare the two.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.join(root, 'build/wasm/wasm');
const cli = path.join(root, 'build/native/cli/attractor-lab');

export async function loadLab() {
  const { default: createAttractorLab } = await import(
    pathToFileURL(path.join(wasmDir, 'attractor_lab.mjs')).href
  );
  // Node's fetch cannot load a file path, so the module gets its binary directly.
  return createAttractorLab({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'attractor_lab.wasm')) });
}

// Runs `attractor-lab ...args`; returns {json} on success or {error} with the core's message.
export function runNative(args) {
  const result = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status === 0) return { json: JSON.parse(result.stdout) };
  const match = /^error: (.*)$/m.exec(result.stderr);
  if (!match) throw new Error(`attractor-lab failed unexpectedly: ${result.stderr}`);
  return { error: match[1] };
}

// Creates a model, hands it to `body`, and deletes it whatever happens.
export async function using(model, body) {
  try {
    return await body(model);
  } finally {
    model.delete();
  }
}

// Fails unless `actual` and `expected` hold the same doubles, bit for bit (Object.is, so -0 and
// NaN count too), naming the first index that differs. The native tool writes NaN as null.
export function assertBitIdentical(actual, expected, what) {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: length ${actual.length} differs from ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const same = Object.is(actual[i], expected[i]) || (expected[i] === null && Number.isNaN(actual[i]));
    if (!same) {
      throw new Error(`${what}[${i}]: wasm ${actual[i]} != native ${expected[i]}`);
    }
  }
}
