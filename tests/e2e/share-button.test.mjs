// The Share button in a widget's toolbar, beside Export, in the playground and in lessons, opens
// the share panel in a dialog over the widget (the panel used to be reachable only below a
// playground widget); the dialog's link follows a setting at once, and closing it returns focus
// to the Share button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';

const AXE = fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

const site = useSite();

test('every playground widget has a Share button right after Export', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  for (const { name } of WIDGETS) {
    await page.goto(`${site.url}#/playground/${name}`);
    const toolbar = page.locator(`al-${name} [role="toolbar"]`);
    await toolbar.getByRole('button', { name: 'Share' }).waitFor({ timeout: TIMEOUT.ready });
    const order = await toolbar.evaluate((bar) => [...bar.children].map((child) => child.dataset.control ?? child.querySelector('[data-control]')?.dataset.control));
    assert.deepEqual(order.slice(-2), ['export', 'share'], name);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('Share opens the share panel in a dialog over the widget, with a link that follows a setting', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  const share = page.locator('al-line [role="toolbar"]').getByRole('button', { name: 'Share' });
  await share.click();
  const dialog = page.getByRole('dialog', { name: 'Share this widget: Line attractor' });
  await dialog.waitFor();
  // The panel is inside the dialog, in view.
  const link = dialog.getByLabel('Link', { exact: true });
  await page.waitForFunction(() => document.querySelector('dialog[open] .share-link')?.value.includes('#/playground/line'));
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y >= 0 && box.y < viewport.height, `the dialog is in the viewport (top at ${box.y})`);
  // A setting committed while the dialog is open (the dialog is modal: through the widget's
  // event, as the control would send it) shows in the link at once.
  await page.locator('al-line').evaluate((element) => element.dispatchEvent(new CustomEvent('settingchange', { detail: { widget: 'line', name: 'seed', value: 9 } })));
  await page.waitForFunction(() => /[?&]seed=9(&|$)/.test(document.querySelector('dialog[open] .share-link')?.value ?? ''));
  assert.match(await link.inputValue(), /[?&]seed=9(&|$)/);
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document.querySelector('dialog[open]'), { resultTypes: ['violations'] })).violations);
  assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), [], 'axe scan of the open dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.waitForFunction(() => !document.querySelector('dialog.share-dialog').open);
  await page.waitForFunction(() => document.activeElement?.dataset.control === 'share');
  assert.deepEqual(problems, []);
  await page.close();
});

test('every widget of a lesson has a Share button after Export, sharing that widget as the lesson set it', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/lesson/fine-tuning`);
  const widgets = page.locator('.al-lesson .al-widget-block > [data-widget-id]');
  await widgets.first().locator('[role="toolbar"]').getByRole('button', { name: 'Share' }).waitFor({ timeout: TIMEOUT.ready });
  const count = await widgets.count();
  assert.ok(count >= 2, `lesson 02 has ${count} widgets`);
  for (let index = 0; index < count; index += 1) {
    const order = await widgets.nth(index).locator('[role="toolbar"]').evaluate((bar) => [...bar.children].map((child) => child.dataset.control ?? child.querySelector('[data-control]')?.dataset.control));
    assert.deepEqual(order.slice(-2), ['export', 'share'], `widget ${index + 1}`);
  }
  // The ring of the lesson is locked to its network size and perturbation seed: its share link
  // keeps those locks, and its dialog is named for the ring.
  const ring = page.locator('al-ring[data-widget-id="ring1"]');
  await ring.locator('[role="toolbar"]').getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this widget: Ring attractor' });
  await dialog.waitFor();
  await page.waitForFunction(() => /#\/playground\/ring\?.*lock=n%2Cperturbation_seed|#\/playground\/ring\?.*lock=n,perturbation_seed/.test(document.querySelector('dialog[open] .share-link')?.value ?? ''));
  assert.equal(await dialog.getByRole('checkbox', { name: 'Lock Neurons N' }).isChecked(), true, 'the panel starts from the lesson\'s locks');
  assert.equal(await dialog.getByRole('checkbox', { name: 'Lock Perturbation ε' }).isChecked(), false);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.waitForFunction(() => document.activeElement?.closest('al-ring')?.dataset.widgetId === 'ring1' && document.activeElement.dataset.control === 'share');
  assert.deepEqual(problems, []);
  await page.close();
});
