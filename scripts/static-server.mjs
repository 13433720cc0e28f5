// A small static file server for the built site: correct MIME types (application/wasm for
// .wasm), no directory listings, nothing outside the root. `node scripts/static-server.mjs DIR`
// serves DIR on 127.0.0.1:$PORT (8000 by default); tests import startServer().
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
// HTML page (a test's own recorder in a browser whose driver cannot read the console).
export function startServer({ root, port = 0, host = '127.0.0.1', contentSecurityPolicy = CONTENT_SECURITY_POLICY,
  mimeTypes = {}, headScripts = {} }) {
  const absoluteRoot = path.resolve(root);
  const types = { ...MIME_TYPES, ...mimeTypes };
  const headTags = Object.keys(headScripts).map((src) => `<script src="${src}"></script>`).join('');
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const urlPath = request.url.split(/[?#]/)[0];
    let file = Object.hasOwn(headScripts, urlPath) ? path.resolve(headScripts[urlPath]) : resolveInside(absoluteRoot, request.url);
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, 'index.html');
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(contentSecurityPolicy ? { 'Content-Security-Policy': contentSecurityPolicy } : {}),
    });
    if (request.method === 'HEAD') response.end();
    else if (headTags && type.startsWith('text/html')) {
      response.end(fs.readFileSync(file, 'utf8').replace(/<head[^>]*>/i, (head) => head + headTags));
    } else fs.createReadStream(file).pipe(response);
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
