// scripts/static-server.mjs as a static host for the production build: the precompressed copy a
// client accepts (brotli first, then gzip, else the file itself) with its Content-Encoding,
// Content-Length and Vary; a year's immutable caching for assets/, revalidation for the rest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { acceptedEncodings, startServer } from '../../scripts/static-server.mjs';

const INDEX = '<!doctype html><title>Lab</title>'.padEnd(2000, ' ');
const BUNDLE = 'export const widget = "line";\n'.repeat(100);
let dir;
let site;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-server-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const files = { 'index.html': INDEX, 'assets/main-ABCD2345.js': BUNDLE };
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(text));
  }
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'no compressed copies of this one');
  site = await startServer({ root: dir });
});

after(async () => {
  await new Promise((resolve) => site.server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

// The raw response: headers and body bytes as sent (no decoding by the client).
function get(urlPath, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(urlPath, site.url), { method, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

test('brotli is sent to a client that accepts it, with its length, type and Vary', async () => {
  const response = await get('/assets/main-ABCD2345.js', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(response.status, 200);
  assert.equal(response.headers['content-encoding'], 'br');
  assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(response.headers.vary, 'Accept-Encoding');
  assert.equal(Number(response.headers['content-length']), response.body.length);
  assert.ok(response.body.length < BUNDLE.length / 4, `${response.body.length} bytes sent for ${BUNDLE.length}`);
  assert.equal(zlib.brotliDecompressSync(response.body).toString(), BUNDLE);
});

test('gzip is sent when brotli is not accepted (absent or q=0)', async () => {
  for (const accept of ['gzip, deflate', 'br;q=0, gzip;q=0.8']) {
    const response = await get('/index.html', { 'Accept-Encoding': accept });
    assert.equal(response.headers['content-encoding'], 'gzip', accept);
    assert.equal(response.headers.vary, 'Accept-Encoding');
    assert.equal(Number(response.headers['content-length']), response.body.length);
    assert.equal(zlib.gunzipSync(response.body).toString(), INDEX);
  }
});

test('the file itself goes to a client that accepts neither, still with Vary', async () => {
  for (const accept of [undefined, 'identity', 'deflate', 'gzip;q=0, br;q=0']) {
    const response = await get('/index.html', accept === undefined ? {} : { 'Accept-Encoding': accept });
    assert.equal(response.headers['content-encoding'], undefined, String(accept));
    assert.equal(response.headers.vary, 'Accept-Encoding');
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(Number(response.headers['content-length']), INDEX.length);
    assert.equal(response.body.toString(), INDEX);
  }
  const plain = await get('/notes.txt', { 'Accept-Encoding': 'br, gzip' });
  assert.equal(plain.headers['content-encoding'], undefined, 'a file without copies is sent as it is');
  assert.equal(plain.headers.vary, undefined);
  assert.equal(plain.body.toString(), 'no compressed copies of this one');
});

test('a HEAD request gets the headers of the GET, without a body', async () => {
  const response = await get('/assets/main-ABCD2345.js', { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(response.headers['content-encoding'], 'br');
  assert.equal(Number(response.headers['content-length']), fs.statSync(path.join(dir, 'assets/main-ABCD2345.js.br')).size);
  assert.equal(response.body.length, 0);
});

test('assets/ is cached for a year as immutable; pages are revalidated and answer 304 while unchanged', async () => {
  const asset = await get('/assets/main-ABCD2345.js');
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  for (const urlPath of ['/', '/index.html']) {
    const page = await get(urlPath, { 'Accept-Encoding': 'gzip' });
    assert.equal(page.headers['cache-control'], 'no-cache', urlPath);
    assert.ok(page.headers.etag, `${urlPath} has an ETag`);
    const again = await get(urlPath, { 'Accept-Encoding': 'gzip', 'If-None-Match': page.headers.etag });
    assert.equal(again.status, 304, urlPath);
    assert.equal(again.body.length, 0);
    // The identity response is another representation, with an ETag of its own.
    const identity = await get(urlPath, { 'If-None-Match': page.headers.etag });
    assert.equal(identity.status, 200);
    assert.notEqual(identity.headers.etag, page.headers.etag);
  }
});

test('Accept-Encoding is read with its q-values and wildcard', () => {
  assert.deepEqual(acceptedEncodings('gzip, deflate, br, zstd'), ['br', 'gzip']);
  assert.deepEqual(acceptedEncodings('gzip'), ['gzip']);
  assert.deepEqual(acceptedEncodings('*'), ['br', 'gzip']);
  assert.deepEqual(acceptedEncodings('*, br;q=0'), ['gzip']);
  assert.deepEqual(acceptedEncodings('BR;Q=0.5'), ['br']);
  assert.deepEqual(acceptedEncodings(''), []);
  assert.deepEqual(acceptedEncodings(undefined), []);
});
