// Accessibility: an automated axe-core scan of every page and every widget (no serious or
// critical violation), the high-contrast theme, and one widget operated with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useSite } from './browser.mjs';
import { TIMEOUT, until, untilText } from './wait.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';

const AXE = fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

const site = useSite();

async function seriousViolations(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    resultTypes: ['violations'],
  })).violations);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

async function lessonRoutes() {
  const index = JSON.parse(fs.readFileSync('build/site/lessons/index.json', 'utf8'));
  return index.lessons.map((lesson) => `#/lesson/${lesson.id}`);
}

test('every page and every widget passes an axe scan without serious or critical violations', { timeout: TIMEOUT.long }, async () => {
  const routes = ['#/', '#/playground', '#/references', '#/models', '#/models/ring-attractor',
    ...WIDGETS.map((widget) => `#/playground/${widget.name}`), ...(await lessonRoutes())];
  const failures = [];
  const { page, problems } = await site.newPage();
  for (const theme of ['default', 'contrast']) {
    await page.goto(site.url);
    await page.evaluate((t) => localStorage.setItem('attractor-lab:theme', t), theme);
    for (const route of routes) {
      await page.goto(`${site.url}${route}`);
      await page.waitForLoadState('networkidle');
      if (route.startsWith('#/playground/')) await page.waitForSelector('[data-ready="true"]', { timeout: TIMEOUT.ready });
      if (route.startsWith('#/lesson/')) await page.waitForSelector('article.al-lesson', { timeout: TIMEOUT.ready });
      for (const violation of await seriousViolations(page)) failures.push(`${theme} ${route}: ${violation}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a widget can be used with the keyboard alone, with visible focus and announced changes', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  // Tab from the top of the page to the widget's Play button, as a keyboard user would.
  await page.keyboard.press('Tab');
  let steps = 0;
  while (steps < 40 && !(await page.evaluate(() => document.activeElement?.dataset?.control === 'play'))) {
    await page.keyboard.press('Tab');
    steps += 1;
  }
  assert.ok(steps < 40, 'Play is reachable by Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control shows a focus ring');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('al-line').model.playing === true);
  await untilText(page.locator('al-line .al-visually-hidden[aria-live]'), /^Playing\./);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('al-line').model.playing === false);

  // On to the epsilon slider, change it with the arrow keys, and read the announced value.
  while (steps < 80 && !(await page.evaluate(() => document.activeElement?.dataset?.param === 'epsilon'))) {
    await page.keyboard.press('Tab');
    steps += 1;
  }
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('al-line').model.params.epsilon > 0);
  // The value is read as a plain decimal.
  await until(() => page.evaluate(() => document.activeElement.getAttribute('aria-valuetext')), (text) => /^0\.000\d+$/.test(text),
    'the slider\'s aria-valuetext to read as a plain decimal');
  await page.waitForFunction(() => /Perturbation ε set/.test(document.querySelector('al-line .al-visually-hidden[aria-live]').textContent));

  // The plot's cursor moves with the arrow keys and reads out the value under it.
  await page.focus('al-line canvas');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await untilText(page.locator('al-line .al-cursor'), /^t = /);
  assert.deepEqual(problems, []);
  await page.close();
});
