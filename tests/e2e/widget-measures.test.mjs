// Every widget publishes only the measures its schema documents (docs/measures.md is generated
// from the schemas): a lesson's check or live number can rely on the documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';

const site = useSite();

async function documented(name) {
  const module = await import(`../../web/src/widgets/${name}/schema.js`);
  const schema = Object.values(module).find((value) => value && typeof value === 'object' && value.name === name && value.measures);
  return new Set(Object.keys(schema.measures));
}

test('every widget of the catalog publishes only documented measures, before and after a step', { timeout: TIMEOUT.longest }, async () => {
  const { page, problems } = await site.newPage();
  for (const { name } of WIDGETS) {
    const known = await documented(name);
    await page.goto(`${site.url}#/playground/${name}`);
    const selector = `al-${name}[data-ready="true"]`;
    await page.waitForSelector(selector, { timeout: TIMEOUT.job });
    // A widget's first measures arrive with its first picture.
    await page.waitForFunction((s) => Object.keys(document.querySelector(s).measures ?? {}).length > 0, selector, { timeout: TIMEOUT.job });
    const atStart = await page.evaluate((s) => Object.keys(document.querySelector(s).measures), selector);
    assert.deepEqual(atStart.filter((measure) => !known.has(measure)), [], `${name}: published at the start but not documented`);
    // The toolbar's Step, whatever the widget calls it (the arena: Measure one mechanism).
    const step = page.locator(`al-${name} button[data-control="step"]`);
    if (await step.isEnabled()) {
      const before = await page.evaluate((s) => JSON.stringify(document.querySelector(s).measures), selector);
      await step.click();
      await page.waitForFunction(([s, text]) => JSON.stringify(document.querySelector(s).measures) !== text && !document.querySelector(s).model.job,
        [selector, before], { timeout: TIMEOUT.job });
      const afterStep = await page.evaluate((s) => Object.keys(document.querySelector(s).measures), selector);
      assert.deepEqual(afterStep.filter((measure) => !known.has(measure)), [], `${name}: published after a step but not documented`);
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});
