// A course platform's file server that sends the WebAssembly module as application/octet-stream
// (streaming compilation refuses it): the widget still starts, compiled from the bytes of one
// download without a failed streaming attempt first (no console error or warning).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const site = useSite();
let lms;
const wasmRequests = [];

before(async () => {
  lms = await startServer({ root: path.resolve('build/site'), mimeTypes: { '.wasm': 'application/octet-stream' } });
  lms.server.on('request', (request) => {
    if (request.url.endsWith('.wasm')) wasmRequests.push(request.url);
  });
});

after(async () => {
  await new Promise((resolve) => lms?.server.close(resolve));
});

test('a widget starts when .wasm is served as application/octet-stream', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${lms.url}#/playground/line`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => Number.parseFloat(document.querySelector('al-line [data-measure="time_s"]')?.textContent) > 0.5,
    null, { timeout: TIMEOUT.ui });
  // One widget, one worker, one download (the module's own loader fetches again after streaming fails).
  assert.equal(wasmRequests.length, 1, `the module was downloaded once: ${wasmRequests.join(', ')}`);
  assert.deepEqual(warnings.filter((text) => /wasm|WebAssembly/i.test(text)), []);
  assert.deepEqual(problems, []);
  await page.close();
});
