// The layout from a 360 px phone to a projector: no page scrolls sideways, every widget fits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';

const site = useSite();

for (const [width, height] of [[360, 740], [1920, 1080]]) {
  test(`nothing scrolls sideways at ${width} px`, { timeout: TIMEOUT.long }, async () => {
    const { page, problems } = await site.newPage();
    await page.setViewportSize({ width, height });
    const overflowing = [];
    for (const route of ['#/', '#/playground', '#/references', ...WIDGETS.map((w) => `#/playground/${w.name}`)]) {
      await page.goto(`${site.url}${route}`);
      if (route.startsWith('#/playground/')) await page.waitForSelector('[data-ready="true"]', { timeout: TIMEOUT.ready });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) overflowing.push(`${route}: ${scrollWidth} px`);
      if (width === 360 && route.startsWith('#/playground/')) {
        await page.screenshot({ path: path.join(artifactsDir, `phone-${route.split('/').pop()}.png`), fullPage: true });
      }
    }
    assert.deepEqual(overflowing, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
