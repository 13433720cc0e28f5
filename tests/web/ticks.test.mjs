// Axis ticks: angle axes marked at 0, 90, 180, 270 and 360 degrees; no label shown twice, even on
// a range narrower than the labels' precision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTick, niceTicks, stepTicks, tickLabels } from '../../web/src/plot/ticks.js';

test('an angle axis has ticks at every 90 degrees', () => {
  assert.deepEqual(stepTicks(0, 360, 90), [0, 90, 180, 270, 360]);
  assert.deepEqual(stepTicks(-10, 200, 90), [0, 90, 180]);
});

test('tick labels never repeat', () => {
  // A flat loss curve: log10 loss within 1e-9 of -1.
  const ticks = niceTicks(-1 - 1e-9, -1 + 1e-9, 4);
  const step = ticks[1] - ticks[0];
  const labels = tickLabels(ticks, (t) => formatTick(t, step)).filter(Boolean);
  assert.equal(new Set(labels).size, labels.length, `labels ${labels.join(', ')}`);
  // A format coarser than the ticks: the repeats are left blank.
  assert.deepEqual(tickLabels([-1.02, -1, -0.98], (t) => t.toFixed(0)), ['-1', '', '']);
});
