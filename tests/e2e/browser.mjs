// Shared set-up for browser tests: the built site on a local port and Debian's Chromium driven
// by playwright-core, with console errors collected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';
import { watchPage } from './wait.mjs';

export { parseReadout } from './wait.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactsDir = path.join(root, 'test-artifacts/e2e');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The site is the production build (bundles in assets/). `sources: true` also serves the site's
// source modules where the unbundled site had them (/src/, /wasm/, /vendor/katex/), for tests
// that import a module of the site into the page (a parser, the progress store, LabClient).
export const SOURCE_OVERLAYS = {
  '/src/': path.join(root, 'web/src'),
  '/wasm/': path.join(root, 'build/wasm/wasm'),
  '/vendor/katex/': path.join(root, 'node_modules/katex/dist'),
};

export async function openSite({ sources = false } = {}) {
  const { server, url } = await startServer({ root: path.join(root, 'build/site'), overlays: sources ? SOURCE_OVERLAYS : {} });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(artifactsDir, { recursive: true });
  return {
    url,
    browser,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      return { page, problems: watchPage(page) };
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// Opens the site before a test file's tests and closes it after them. The object returned is
// filled in when the tests run (url, browser, newPage), so a file declares it once at the top.
// Node starts a file's before hooks without waiting for one another: a hook of the file itself
// may not find the site open yet, so what needs its address is done in the tests.
export function useSite(options) {
  const site = {};
  before(async () => {
    Object.assign(site, await openSite(options));
  });
  after(async () => {
    await site.close?.();
  });
  return site;
}

// A second origin standing for a course page: pages the test writes into a temporary folder
// (`dir`), served at `url` without the site's security policy (a host page sets its own).
export function useHostPages(prefix) {
  const host = {};
  before(async () => {
    host.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    Object.assign(host, await startServer({ root: host.dir, contentSecurityPolicy: null }));
  });
  after(async () => {
    if (host.server) await new Promise((resolve) => host.server.close(resolve));
    if (host.dir) fs.rmSync(host.dir, { recursive: true, force: true });
  });
  return host;
}
