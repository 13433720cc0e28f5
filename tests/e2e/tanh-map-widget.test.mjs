// The tanh-map explorer on its playground page, in a real Chromium with the real WebAssembly
// module: the classified (alpha, theta) plane, its resonance tongues, the QPTA boundary L(alpha)
// and the attractor of a map picked by keyboard or click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, until, untilMeasures, untilText, untilUrl } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-tanh-map';
const measures = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);

// Waits until the published measures satisfy `predicate`; answers with them.
const waitFor = (page, predicate, timeout = TIMEOUT.job) => untilMeasures(page, WIDGET, predicate, undefined, { timeout });

async function download(page, item) {
  await page.locator(`${WIDGET} .al-export summary`).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return fs.readFileSync(await file.path(), 'utf8');
}

// Clicks the plane at (theta, alpha), from the plot's layout: margins 48/12 px left/right,
// 12/40 px top/bottom, theta over [0, pi], alpha over the grid's rows with half a cell beyond.
async function clickPlane(page, theta, alpha, { alphaMin = 1.001, alphaMax = 10, size = 60 } = {}) {
  const canvas = page.locator(`${WIDGET} canvas[data-figure="plane"]`);
  const box = await canvas.boundingBox();
  const plotWidth = box.width - 60;
  const plotHeight = box.height - 52;
  const pad = (alphaMax - alphaMin) / (2 * size);
  const [y0, y1] = [alphaMin - pad, alphaMax + pad];
  await canvas.click({ position: { x: 48 + (theta / Math.PI) * plotWidth, y: 12 + (1 - (alpha - y0) / (y1 - y0)) * plotHeight } });
}

// L(alpha) from the saddle-node computation in docs/models/tanh_map_explorer.md.
const L_TABLE = { 1.5: 0.147822, 2: 0.252459, 3: 0.385126, 5: 0.513611 };

test('the plane shows the tongues QPTA avoids; picked maps lock inside them and circle outside', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/tanh-map`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  let m = await waitFor(page, (m) => m.grid_progress === 1);
  assert.equal(m.fixed_point_cells + m.periodic_cells + m.invariant_circle_cells + m.other_cells, 60 * 60);
  assert.ok(m.periodic_cells > 0 && m.fixed_point_cells > 0 && m.invariant_circle_cells > 0);

  // The default map, alpha = 1.5 and theta = 1, lies between the tongues: an invariant circle.
  assert.equal(m.attractor_kind, 'invariant circle');
  assert.equal(m.in_qpta_region, true);
  assert.ok(Math.abs(m.qpta_boundary_rad - L_TABLE[1.5]) < 1e-3, `L(1.5) = ${m.qpta_boundary_rad}`);

  // Keyboard: walk the cursor towards theta = 0, into the 1:1 tongue, and pick with Enter.
  const plane = page.locator(`${WIDGET} canvas[data-figure="plane"]`);
  await plane.focus();
  for (let i = 0; i < 18; i++) await plane.press('ArrowLeft');
  await untilText(page.locator(`${WIDGET} .al-cursor`), /Cursor at α = 1\.500, θ = 0\.04\d rad: fixed point/);
  await plane.press('Enter');
  m = await waitFor(page, (m) => m.theta < 0.1);
  assert.ok(m.theta < L_TABLE[1.5], `theta ${m.theta}`);
  assert.equal(m.attractor_kind, 'fixed point');
  assert.equal(m.period, 1);
  assert.equal(m.in_qpta_region, false);
  assert.equal(m.in_resonance_tongue, true);
  await untilUrl(page, /theta=0\.0\d+/);

  // Click the middle of the 1:4 tongue: a period-4 orbit turning a quarter per step.
  await clickPlane(page, Math.PI / 2, 5);
  m = await waitFor(page, (m) => Math.abs(m.alpha - 5) < 0.2 && Math.abs(m.theta - Math.PI / 2) < 0.05);
  assert.equal(m.attractor_kind, 'periodic');
  assert.equal(m.period, 4);
  assert.ok(Math.abs(m.rotation_number - 0.25) < 1e-9);
  assert.equal(m.in_qpta_region, false);

  // Between the tongues at alpha = 2: an invariant circle inside the region. (theta = 1 would
  // land in the thin 1:6 tongue: a plain iteration of the map there returns to its start after
  // exactly 6 steps; at theta = 0.9 it does not within 300 steps, for every alpha the click can
  // give.)
  await clickPlane(page, 0.9, 2);
  m = await waitFor(page, (m) => Math.abs(m.alpha - 2) < 0.2 && Math.abs(m.theta - 0.9) < 0.05);
  assert.equal(m.attractor_kind, 'invariant circle');
  assert.equal(m.period, null);
  assert.equal(m.in_qpta_region, true);
  assert.ok(m.rotation_number > 0.1 && m.rotation_number < 0.2, `rotation number ${m.rotation_number}`);
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /inside the QPTA region and settles on an invariant circle/);

  // The exported grid: left of L(alpha) the cells lock to a fixed point, right of it they do not,
  // and the boundary drawn agrees with the independent saddle-node values.
  const json = JSON.parse(await download(page, 'Data and settings (JSON)'));
  assert.equal(json.widget, 'tanh-map');
  const { alpha: alphas, L } = json.boundary;
  const interpolate = (a) => {
    const i = alphas.findIndex((x) => x >= a);
    const f = (a - alphas[i - 1]) / (alphas[i] - alphas[i - 1]);
    return L[i - 1] + f * (L[i] - L[i - 1]);
  };
  for (const a of [2, 3, 5]) assert.ok(Math.abs(interpolate(a) - L_TABLE[a]) < 0.01 * L_TABLE[a] + 2e-3, `L(${a}) = ${interpolate(a)}`);
  const dTheta = Math.PI / 59;
  let checked = 0;
  for (const [alpha, theta, kind] of json.grid.rows) {
    const l = interpolate(Math.max(alpha, alphas[1]));
    if (alpha < 1.5 || !Number.isFinite(l)) continue;
    if (theta < l - dTheta) assert.equal(kind, 'fixed point', `(${alpha}, ${theta})`);
    if (theta > l + dTheta && theta < Math.PI / 4) assert.notEqual(kind, 'fixed point', `(${alpha}, ${theta})`);
    checked++;
  }
  assert.ok(checked > 1000);
  const csv = (await download(page, 'Data (CSV)')).trim().split(/\r\n/);
  assert.equal(csv[0], 'alpha,theta,attractor_kind,period,rotation_number');
  assert.equal(csv.length, 1 + 60 * 60);
  const svg = await download(page, 'plane (SVG)');
  assert.ok(svg.startsWith('<?xml'));
  assert.match(svg, /<image /);

  await page.screenshot({ path: path.join(artifactsDir, 'tanh-map.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a larger grid shows its progress, stops, and continues where it stopped', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/tanh-map`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await waitFor(page, (m) => m.grid_progress === 1);
  const size = page.getByLabel('Grid size (cells per side)', { exact: true });
  await size.fill('200');
  await size.press('Enter');
  await waitFor(page, (m) => m.grid_size === 200 && m.grid_progress > 0.05);
  await page.getByRole('button', { name: 'Stop grid' }).click();
  // Stopped: the page offers to continue.
  const continueButton = page.getByRole('button', { name: 'Continue grid' });
  await until(() => continueButton.isEnabled(), (enabled) => enabled, 'Continue grid to be enabled after Stop grid');
  const stopped = (await waitFor(page, (m) => m.grid_size === 200)).grid_progress;
  await framesPass(page);
  const later = (await measures(page)).grid_progress;
  assert.ok(later < 1, `stopped at ${later}`);
  assert.ok(later - stopped < 0.05, 'no more cells after the stop');
  await page.getByRole('button', { name: 'Continue grid' }).click();
  const m = await waitFor(page, (m) => m.grid_progress === 1, TIMEOUT.longJob);
  assert.equal(m.fixed_point_cells + m.periodic_cells + m.invariant_circle_cells + m.other_cells, 200 * 200);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the URL restores the picked map; the period-8 tongue at θ = π/4 lies inside the QPTA region', { timeout: TIMEOUT.test }, async () => {
  const results = [];
  for (let i = 0; i < 2; i++) {
    const { page, problems } = await site.newPage();
    await page.goto(`${site.url}#/playground/tanh-map?v=1&alpha=3&theta=0.7854&grid_size=20`);
    await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
    const m = await waitFor(page, (m) => m.grid_progress === 1);
    results.push(m);
    assert.deepEqual(problems, []);
    await page.close();
  }
  const [m, again] = results;
  assert.deepEqual(again, m, 'the same settings give the same numbers');
  assert.equal(m.grid_size, 20);
  // Locked to a rational rotation 1/8 (tanh_map_explorer.md): QPTA's boundary only excludes the
  // 1:1, 1:4 and 1:2 tongues, so this block would be drawn and would not rotate freely.
  assert.equal(m.attractor_kind, 'periodic');
  assert.equal(m.period, 8);
  assert.ok(Math.abs(m.rotation_number - 1 / 8) < 1e-9);
  assert.equal(m.in_qpta_region, true);
});
