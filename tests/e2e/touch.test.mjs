// A tablet: Chromium with touch emulation (a coarse pointer, taps instead of clicks, no hover).
// Every widget's controls are targets of at least 44 by 44 CSS pixels and work by tap: Step,
// Play and Pause, the Export menu; a plot's cursor follows a finger; a slider follows a tap; a
// lesson's quiz can be answered by tap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, untilText, watchPage } from './wait.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';

const site = useSite();

// An iPad's portrait window.
async function tabletPage() {
  const context = await site.browser.newContext({ hasTouch: true, viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  return { page, problems: watchPage(page), close: () => context.close() };
}

// Every control on screen inside `scope` that is smaller than 44 by 44 CSS pixels. A checkbox or
// radio button counts with its label (a tap on either works).
function smallTargets(scope) {
  return (selector) => {
    const small = [];
    for (const element of document.querySelector(selector).querySelectorAll('button, select, summary, input, a[href], canvas[tabindex]')) {
      let box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;  // not on screen (a closed menu, a hidden field)
      if ((element.type === 'checkbox' || element.type === 'radio') && element.labels?.[0]) {
        const label = element.labels[0].getBoundingClientRect();
        box = { width: label.right - Math.min(box.left, label.left), height: Math.max(box.height, label.height) };
      }
      if (box.width < 44 || box.height < 44) {
        small.push(`${element.tagName.toLowerCase()}${element.type ? `[${element.type}]` : ''} "${(element.textContent || element.getAttribute('aria-label') || element.dataset.param || '').trim().slice(0, 30)}": ${Math.round(box.width)} x ${Math.round(box.height)}`);
      }
    }
    return small;
  };
}
const smallTargetsIn = smallTargets();

const RUN_LABELS = { 'robustness-arena': ['Run the measure', 'Stop'], 'rnn-trainer': ['Train continuously', 'Pause training'] };

test('every widget\'s controls are 44 px targets and work by tap', { timeout: TIMEOUT.long }, async () => {
  const { page, problems, close } = await tabletPage();
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'the emulated tablet has a coarse pointer');
  for (const { name } of WIDGETS) {
    const widget = `al-${name}`;
    await page.goto(`${site.url}#/playground/${name}`);
    await page.waitForSelector(`${widget}[data-ready="true"]`, { timeout: TIMEOUT.ready });
    assert.deepEqual(await page.evaluate(smallTargetsIn, widget), [], `${widget}: controls smaller than 44 x 44 px`);

    const element = page.locator(widget);
    const readouts = element.locator('.al-readouts');
    const before = await readouts.innerText();
    await element.locator('button[data-control="step"]').tap();
    await untilText(readouts, (text) => text !== before, { timeout: TIMEOUT.job });

    // The arena's and the trainer's Play say what they run.
    const [playText, pauseText] = RUN_LABELS[name] ?? ['Play', 'Pause'];
    const play = element.locator('button[data-control="play"]');
    await play.tap();
    await untilText(play, pauseText);
    await play.tap();
    await untilText(play, playText);

    const exportMenu = element.locator('details[data-control="export"]');
    await exportMenu.locator('summary').tap();
    await page.waitForFunction((w) => document.querySelector(`${w} details[data-control="export"]`).open, widget);
    assert.deepEqual(await page.evaluate(smallTargetsIn, `${widget} details[data-control="export"]`), [], `${widget}: export menu items smaller than 44 px`);
    await exportMenu.locator('summary').tap();
  }
  assert.deepEqual(problems, []);
  await close();
});

test('a tap on a plot puts its cursor there', { timeout: TIMEOUT.test }, async () => {
  const { page, problems, close } = await tabletPage();
  await page.goto(`${site.url}#/playground/ring`);
  await page.waitForSelector('al-ring[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.locator('al-ring button[data-control="step"]').tap();
  const cursorText = page.locator('al-ring .al-cursor').first();
  const before = await cursorText.innerText();
  const plot = page.locator('al-ring canvas[tabindex="0"]').first();
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height / 2);
  await untilText(cursorText, (text) => text !== before && /\d/.test(text));
  assert.deepEqual(problems, []);
  await close();
});

test('a slider follows a tap, and a quiz is answered by tap', { timeout: TIMEOUT.test }, async () => {
  const { page, problems, close } = await tabletPage();
  await page.goto(`${site.url}#/lesson/memory-as-a-place`);
  await page.waitForSelector('article.al-lesson al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  const slider = page.locator('al-line input[data-param="value"]');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  // Near the left end of the slider: a value near its minimum, -2.
  await page.touchscreen.tap(box.x + 4, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('al-line').model.params.value < -1.5);

  const quiz = page.locator('section[data-quiz="how-many-places"]');
  assert.deepEqual(await page.evaluate(smallTargetsIn, 'section[data-quiz="how-many-places"]'), [], 'quiz controls smaller than 44 px');
  await quiz.locator('label', { hasText: 'Exactly one' }).tap();
  await quiz.getByRole('button', { name: 'Check answer' }).tap();
  await page.locator('section[data-quiz="how-many-places"][data-state="done"]').waitFor();
  assert.deepEqual(problems, []);
  await close();
});
