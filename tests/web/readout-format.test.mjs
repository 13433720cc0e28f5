// Readout formatting: rounding noise below a tolerance reads as 0 with the tolerance stated, and
// counts read as whole numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAboveTolerance, formatCount, MISSING } from '../../web/src/ui/format.js';

test('a value below its tolerance shows as 0, naming the tolerance; others keep 3 significant digits', () => {
  assert.equal(formatAboveTolerance(7.45e-13, 1e-6, 3, '°/s'), '0 °/s (below 10⁻⁶)');
  assert.equal(formatAboveTolerance(-7.45e-13, 1e-6, 3, '°/s'), '0 °/s (below 10⁻⁶)');
  assert.equal(formatAboveTolerance(0.0163, 1e-6, 3, '°/s'), '0.0163 °/s');
  assert.equal(formatAboveTolerance(-16.3, 1e-6, 3), '−16.3');
  assert.equal(formatAboveTolerance(null, 1e-6), MISSING);
});

test('a count is an integer; a mean of counts has one decimal', () => {
  assert.equal(formatCount(12), '12');
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(2.5), '2.5');
  assert.equal(formatCount(null), MISSING);
});
