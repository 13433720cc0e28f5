// The production build as a student's browser meets it: the lesson's text is on screen while the
// WebAssembly module is still on its way, each widget says it is loading until it has started,
// and the code arrives as hashed, compressed, immutable bundles with the module downloaded once
// for all the workers of a page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const site = useSite();
let origin;
let proxy;
let proxyUrl;
// While `holding`, requests for the module wait here until the test lets them through.
let holding = false;
let held = [];
let wasmRequests = [];
let wasmRequested;
let onWasmRequest = () => {};

before(async () => {
  origin = await startServer({ root: path.resolve('build/site') });
  const upstream = new URL(origin.url);
  proxy = http.createServer((request, response) => {
    const forward = () => {
      const outgoing = http.request({ host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode, answer.headers);
          answer.pipe(response);
        });
      outgoing.on('error', () => response.destroy());
      outgoing.end();
    };
    if (request.url.endsWith('.wasm')) {
      wasmRequests.push(request.url);
      onWasmRequest();
      if (holding) {
        held.push(forward);
        return;
      }
    }
    forward();
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${proxy.address().port}/`;
});

after(async () => {
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve()));
  await new Promise((resolve) => (origin ? origin.server.close(resolve) : resolve()));
});

function resetWasmRequests() {
  wasmRequests = [];
  wasmRequested = new Promise((resolve) => {
    onWasmRequest = resolve;
  });
}

test('the lesson text shows while the module downloads; the widget says it is loading, then starts', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  resetWasmRequests();
  holding = true;
  try {
    await page.goto(`${proxyUrl}#/lesson/memory-as-a-place`);
    await wasmRequested;
    // The module has been asked for and not delivered: the text and the widget's frame are up.
    await page.locator('article.al-lesson p').first().waitFor({ timeout: TIMEOUT.ready });
    const loading = page.locator('al-line .al-loading');
    await loading.waitFor({ timeout: TIMEOUT.ready });
    assert.equal((await loading.textContent()).trim(), 'Loading the simulation…');
    assert.equal(await page.locator('al-line section.al-widget').getAttribute('aria-busy'), 'true');
    assert.notEqual(await page.locator('al-line').getAttribute('data-ready'), 'true');
    assert.ok(await page.locator('article.al-lesson h1').isVisible(), 'the lesson title is visible');
  } finally {
    holding = false;
    for (const forward of held.splice(0)) forward();
  }
  await page.waitForFunction(() => {
    const widget = document.querySelector('al-line');
    const value = widget?.querySelector('.al-readouts dd')?.textContent;
    return widget?.dataset.ready === 'true' && value && value !== '—';
  }, null, { timeout: TIMEOUT.ready });
  assert.equal(await page.locator('al-line .al-loading').count(), 0, 'the loading notice is gone');
  assert.equal(await page.locator('al-line section.al-widget').getAttribute('aria-busy'), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('code arrives hashed, compressed and immutable; the module is downloaded once for three workers', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  resetWasmRequests();
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(`${proxyUrl}#/lesson/training-in-your-browser`);
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('article.al-lesson al-rnn-trainer')];
    return widgets.length === 3 && widgets.every((widget) => widget.dataset.ready === 'true');
  }, null, { timeout: TIMEOUT.ready });
  assert.equal(page.workers().length, 3, 'one worker per widget');
  assert.equal(wasmRequests.length, 1, `one download of the module reached the server: ${wasmRequests.join(', ')}`);

  const document_ = responses.find((response) => new URL(response.url()).pathname === '/');
  assert.equal((await document_.allHeaders())['cache-control'], 'no-cache');
  const code = responses.filter((response) => /\.(js|css|wasm)$/.test(new URL(response.url()).pathname) && response.status() === 200);
  assert.ok(code.length >= 5, `the page loaded its code: ${code.map((r) => r.url()).join(', ')}`);
  for (const response of code) {
    const { pathname } = new URL(response.url());
    const headers = await response.allHeaders();
    assert.ok(['br', 'gzip'].includes(headers['content-encoding']), `${pathname} came compressed (${headers['content-encoding']})`);
    // Scripts and the module are bundles named by their content; a stylesheet the lesson adds
    // by its own address (lesson.css, KaTeX's) is revalidated instead.
    if (pathname.endsWith('.css') && !pathname.startsWith('/assets/')) {
      assert.equal(headers['cache-control'], 'no-cache', pathname);
      continue;
    }
    assert.match(pathname, /^\/assets\/[\w-]+-[A-Z0-9]{8}\.(js|css|wasm)$/, 'a bundle with a content hash in its name');
    assert.equal(headers['cache-control'], 'public, max-age=31536000, immutable', pathname);
  }
  assert.ok(code.some((response) => response.url().endsWith('.wasm')), 'the module is among them');
  assert.deepEqual(problems, []);
  await page.close();
});
