// A small static file server for the built site: correct MIME types (application/wasm for
// .wasm), no directory listings, nothing outside the root. `node scripts/static-server.mjs DIR`
// serves DIR on 127.0.0.1:$PORT (8000 by default); tests import startServer().
//
// Compression: a file's precompressed copy (FILE.br, FILE.gz, written by the build) is sent with
// Content-Encoding when the request's Accept-Encoding allows it, brotli first; the response then
// says Vary: Accept-Encoding. Caching: files in assets/ are named by their content and cached
// for a year ("immutable"); every other file is revalidated on each use (no-cache, with an ETag).
import crypto from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

// The site's Content Security Policy, also sent as a header so that it covers the simulation
// worker (a worker's policy comes from its own response, not from the page's <meta>): nothing
// from other hosts, no inline or evaluated script; WebAssembly compilation is allowed.
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";

const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];
const IMMUTABLE = 'public, max-age=31536000, immutable';

// The codings Accept-Encoding allows (a q of 0 refuses one; "*" stands for those not named).
export function acceptedEncodings(header) {
  const allowed = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    allowed.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (coding) => (allowed.has(coding) ? allowed.get(coding) > 0 : (allowed.get('*') ?? 0) > 0);
  return ENCODINGS.filter(([coding]) => accepts(coding)).map(([coding]) => coding);
}

function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return target === root || target.startsWith(root + path.sep) ? target : null;
}

// Options for tests, each standing in for a host the lab meets: `contentSecurityPolicy: null`
// serves without the lab's policy (the tests' stand-in course pages); `mimeTypes` overrides
// content types by extension (an LMS file server that sends .wasm as something else);
// `headScripts` maps URL paths to script files that are served too and loaded first by every
// HTML page (a test's own recorder in a browser whose driver cannot read the console);
// `overlays` maps URL path prefixes ('/src/') to folders served in their place (tests that import
// the site's source modules beside the built pages).
export function startServer({ root, port = 0, host = '127.0.0.1', contentSecurityPolicy = CONTENT_SECURITY_POLICY,
  mimeTypes = {}, headScripts = {}, overlays = {} }) {
  const absoluteRoot = path.resolve(root);
  const overlayRoots = Object.entries(overlays).map(([prefix, dir]) => [prefix, path.resolve(dir)]);
  const types = { ...MIME_TYPES, ...mimeTypes };
  const headTags = Object.keys(headScripts).map((src) => `<script src="${src}"></script>`).join('');
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const urlPath = request.url.split(/[?#]/)[0];
    const overlay = overlayRoots.find(([prefix]) => urlPath.startsWith(prefix));
    let file = Object.hasOwn(headScripts, urlPath) ? path.resolve(headScripts[urlPath])
      : overlay ? resolveInside(overlay[1], `/${urlPath.slice(overlay[0].length)}`) : resolveInside(absoluteRoot, request.url);
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, 'index.html');
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    const injectHead = headTags && type.startsWith('text/html');
    const stat = fs.statSync(file);
    const immutable = !overlay && path.relative(absoluteRoot, file).split(path.sep)[0] === 'assets';
    const headers = {
      'Content-Type': type,
      'Cache-Control': immutable ? IMMUTABLE : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(contentSecurityPolicy ? { 'Content-Security-Policy': contentSecurityPolicy } : {}),
    };
    if (injectHead) {
      const body = Buffer.from(fs.readFileSync(file, 'utf8').replace(/<head[^>]*>/i, (head) => head + headTags));
      response.writeHead(200, { ...headers, 'Content-Length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    // The copies the build wrote beside the file, and the first of them the client accepts.
    const variants = ENCODINGS.filter(([, suffix]) => fs.existsSync(file + suffix));
    const accepted = acceptedEncodings(request.headers['accept-encoding']);
    const chosen = variants.find(([coding]) => accepted.includes(coding));
    if (variants.length) headers.Vary = 'Accept-Encoding';
    const sent = chosen ? file + chosen[1] : file;
    const size = chosen ? fs.statSync(sent).size : stat.size;
    if (chosen) headers['Content-Encoding'] = chosen[0];
    headers['Content-Length'] = size;
    if (!immutable) {
      // Revalidation answers 304 while the file is unchanged (its size and time, and the coding).
      const etag = `"${crypto.createHash('sha1').update(`${stat.size}-${stat.mtimeMs}-${chosen?.[0] ?? 'identity'}`).digest('base64url').slice(0, 16)}"`;
      headers.ETag = etag;
      if (request.headers['if-none-match'] === etag) {
        const { 'Content-Length': _length, ...notModified } = headers;
        response.writeHead(304, notModified).end();
        return;
      }
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(sent).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${address.port}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'build/site';
  const port = Number(process.env.PORT ?? 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a whole number from 0 to 65535, not "${process.env.PORT}"`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`${root}/index.html not found: build the site first (make run builds it)`);
    process.exit(1);
  }
  startServer({ root, port })
    .then(({ url }) => console.log(`Attractor Lab is being served at ${url}  (Ctrl+C stops it)`))
    .catch((error) => {
      console.error(`could not serve on port ${port}: ${error.message}`);
      process.exit(1);
    });
}
