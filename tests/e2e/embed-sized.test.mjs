// The share panel's iframe code fits its content: the panel measures the embed (compact layout by
// default) at the column width the instructor gives, and a course page that pastes the code shows
// the whole widget without a scroll inside the frame (a 4:3 box used to hold three times its
// height). A column width out of range is refused with a message naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useHostPages, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, untilText } from './wait.mjs';

const site = useSite();
const host = useHostPages('course-');

// The iframe code once the panel has measured the embed and written the height it shows.
async function measuredSnippet(page) {
  await page.waitForSelector('dialog[open] .share-panel[data-measured="true"]', { timeout: TIMEOUT.ready });
  // The preview has settled when the code's height is its reported height plus the headroom.
  await page.waitForFunction(() => {
    const code = document.querySelector('.share-panel textarea.share-code').value;
    const preview = document.querySelector('[data-role="embed-preview"]');
    const body = preview.contentDocument?.body;
    const widget = preview.contentDocument?.querySelector('[data-ready="true"]');
    const height = Number(/height:(\d+)px/.exec(code)?.[1]);
    return widget && body && height === Math.ceil(body.getBoundingClientRect().height) + 24;
  }, null, { timeout: TIMEOUT.ready });
  return page.locator('.share-panel textarea.share-code').first().inputValue();
}

async function showInCoursePage(page, snippet, file) {
  fs.writeFileSync(path.join(host.dir, file), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body style="margin:0"><h1>Week 3</h1><div style="width:1100px">${snippet}</div></body></html>`);
  await page.goto(`${host.url}${file}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('[data-ready="true"]').waitFor({ timeout: TIMEOUT.ready });
  await framesPass(page, 10);
  return page.frames().find((candidate) => candidate !== page.mainFrame());
}

test('the iframe code of the compact layout shows the whole ring widget at its size', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/ring`);
  await page.waitForSelector('al-ring[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Share' }).click();
  assert.equal(await page.getByRole('radio', { name: /^Compact/ }).isChecked(), true, 'compact is the default layout');
  const snippet = await measuredSnippet(page);
  assert.match(snippet, /layout=compact/);
  const [, width, height] = /max-width:(\d+)px;height:(\d+)px/.exec(snippet);
  assert.equal(Number(width), 760);

  const frame = await showInCoursePage(page, snippet, 'compact.html');
  const box = await page.locator('iframe').boundingBox();
  assert.deepEqual([Math.round(box.width), Math.round(box.height)], [760, Number(height)], 'the frame has the size the code gives');
  const fit = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight,
    layout: document.querySelector('.al-widget').dataset.layout }));
  assert.equal(fit.layout, 'compact');
  assert.ok(fit.scroll <= fit.client, `no scroll inside the frame: content ${fit.scroll} px in ${fit.client} px`);
  // The compact layout is what makes a short frame possible: the plots and the first settings
  // side by side.
  const [plot, slider] = await Promise.all([frame.locator('canvas').first().boundingBox(), frame.getByRole('slider', { name: 'Cue angle' }).boundingBox()]);
  assert.ok(slider.x > plot.x + plot.width, 'the main setting is beside the plots');
  assert.ok(Number(height) < 1400, `the compact ring is ${height} px high`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the full layout is measured too, and a column width out of range is refused by name', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Share' }).click();
  await page.waitForSelector('dialog[open] .share-panel[data-measured="true"]', { timeout: TIMEOUT.ready });
  const width = page.getByLabel('Width of the column on your course page (px)');
  await width.fill('100');
  await width.press('Enter');
  await untilText(page.locator('.share-panel .al-control-error'), /Column width must be a whole number of pixels from 320 to 2000, not "100"; the code keeps 760 px\./);
  await width.fill('640');
  await width.press('Enter');
  await page.getByRole('radio', { name: /^Full/ }).check();
  await page.waitForFunction(() => /max-width:640px/.test(document.querySelector('.share-panel textarea.share-code').value) &&
    !/layout=compact/.test(document.querySelector('.share-panel textarea.share-code').value), null, { timeout: TIMEOUT.ui });
  const snippet = await measuredSnippet(page);
  assert.match(snippet, /max-width:640px/);
  const frame = await showInCoursePage(page, snippet, 'full.html');
  const fit = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight,
    layout: document.querySelector('.al-widget').dataset.layout ?? 'full' }));
  assert.equal(fit.layout, 'full');
  assert.ok(fit.scroll <= fit.client, `no scroll inside the frame: content ${fit.scroll} px in ${fit.client} px`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the compact wave lattice folds its trained RNN and Φ sections, which draw when opened', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/wave-lattice`);
  await page.waitForSelector('al-wave-lattice[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Share' }).click();
  const snippet = await measuredSnippet(page);
  const [, height] = /height:(\d+)px/.exec(snippet);
  const frame = await showInCoursePage(page, snippet, 'compact-waves.html');
  const fit = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
  assert.ok(fit.scroll <= fit.client, `no scroll inside the frame: content ${fit.scroll} px in ${fit.client} px`);
  assert.ok(Number(height) < 2000, `the compact wave lattice is ${height} px high`);
  const frameLocator = page.frameLocator('iframe');
  for (const name of ['An RNN trained on this task', 'W in the input-grounded basis: Φ = pinv(Ψ) W Ψ']) {
    const summary = frameLocator.locator('details.al-group > summary', { hasText: name });
    await summary.waitFor();
    assert.equal(await summary.evaluate((element) => element.parentElement.open), false, `"${name}" starts folded`);
  }
  await frameLocator.locator('details.al-group > summary', { hasText: 'W in the input-grounded basis' }).click();
  // Opened, the Φ figures take their laid-out size and draw (the backing store follows the box).
  await frame.waitForFunction(() => {
    const canvases = [...document.querySelectorAll('.al-phi-panel canvas')];
    return canvases.length === 3 && canvases.every((canvas) => canvas.getBoundingClientRect().width > 50 &&
      canvas.width === Math.round(Math.floor(canvas.getBoundingClientRect().width) * devicePixelRatio));
  }, null, { timeout: TIMEOUT.ui });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a compact widget folds only the settings groups its model uses (oscillator: Stuart-Landau or torus)', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}embed/v1/#widget=oscillator&layout=compact`);
  await page.waitForSelector('al-oscillator[data-ready="true"]', { timeout: TIMEOUT.ready });
  const fold = (name) => page.locator('details.al-group', { has: page.locator(':scope > summary', { hasText: name }) });
  await fold('Stuart-Landau').waitFor();
  await fold('Torus network').waitFor({ state: 'hidden' });
  await page.getByRole('combobox', { name: 'Model' }).selectOption('torus');
  await fold('Torus network').waitFor();
  await fold('Stuart-Landau').waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
  await page.close();
});
