// Readouts of tuned networks (epsilon = 0) free of floating-point noise: a drift that is zero in
// exact arithmetic reads as 0 with its tolerance, not as 7e-13; a continuum of fixed points reads
// as such, not as "0".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openLesson, widgetSelector } from './lesson-student.mjs';
import { useSite } from './browser.mjs';
import { TIMEOUT, untilText } from './wait.mjs';

const site = useSite();

test('lesson 2 at epsilon = 0: no readout shows rounding noise', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, 'fine-tuning');
  const ring = page.locator(widgetSelector('ring1'));
  await ring.getByRole('button', { name: 'Play' }).click();
  // Running for a while: the measured drift and bump speed are readouts now, not "settling…".
  await page.waitForFunction((w) => document.querySelector(w).measures.time_s > 2, widgetSelector('ring1'), { timeout: TIMEOUT.job });
  await untilText(ring.locator('[data-measure="bump_speed_deg_per_s"]'), /°\/s/);
  await untilText(ring.locator('[data-measure="profile_rms_drift_deg_per_s"]'), '0 °/s (below 10⁻⁶)');
  await untilText(ring.locator('[data-measure="predicted_drift_deg_per_s"]'), '0 °/s (below 10⁻⁶)');
  await untilText(ring.locator('[data-measure="fixed_point_count"]'), 'none: a continuum');
  // No readout of either widget in exponent notation.
  const readouts = await page.locator('.al-readouts dd').allInnerTexts();
  const noisy = readouts.filter((text) => /\de[−-]?\d/.test(text));
  assert.deepEqual(noisy, [], `readouts: ${readouts.join(' | ')}`);
  assert.deepEqual(problems, []);
  await page.close();
});
