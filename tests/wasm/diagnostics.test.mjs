// The deliberate trap used by the recovery tests is a real WebAssembly trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab } from './helpers.mjs';

test('trapForTesting traps the module', async () => {
  const lab = await loadLab();
  assert.throws(() => lab.trapForTesting(), WebAssembly.RuntimeError);
});
