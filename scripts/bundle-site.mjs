// The production build of the site's code (called by build-site.mjs): one bundle per page with a
// chunk per widget, minified, content-hashed names and source maps, all in assets/; the pages'
// HTML points at them, and every text file gets a precompressed .br and .gz beside it.
//
//   assets/worker-HASH.js             the simulation worker (module worker, the wasm glue inside)
//   assets/attractor_lab-HASH.wasm    the WebAssembly module
//   assets/main-HASH.js               index.html's app; frame-HASH.js the embed page's; sco-HASH.js
//                                     the SCORM launch page's; element-HASH.js a widget each;
//                                     chunk-HASH.js code shared between them; *.map source maps
//   assets/styles-HASH.css            the site's stylesheet
// Hashed files never change under their name (served "immutable", cached a year); everything
// else (the HTML pages, lessons, index files, embed/attractor-lab.js) keeps its name and is
// revalidated on every load.
//
// The sources find files next to them with new URL(relative, import.meta.url). A bundle lives in
// assets/, not where its source did, so each source's import.meta.url is replaced by the address
// the source had in the unbundled site (src/...): every relative address keeps working, from
// any folder the site is published under. The worker and the .wasm, which now have hashed names,
// are pointed at directly.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { CONTENT_SECURITY_POLICY } from './static-server.mjs';

const WEB = path.resolve('web');
const ASSETS = 'assets';
// The pages and the module each loads (relative to web/). The embedded pages (`shows`: what they
// show in a host's frame, a widget or a lesson) have no file in web/: both are embeddedPage().
export const PAGES = [
  { html: 'index.html', entry: 'src/main.js' },
  { html: 'embed/v1/index.html', entry: 'src/embed/frame.js', shows: 'widget' },
  { html: 'scorm/index.html', entry: 'src/scorm/sco.js', shows: 'lesson' },
];

// An embedded page (the embed's frame, a SCORM package's launch page) as the unbundled site would
// have it: no site header, the one element its module fills, the site's security policy.
function embeddedPage({ html, entry, shows }) {
  const toRoot = '../'.repeat(html.split('/').length - 1);
  return `<!doctype html>
<html lang="en" class="embedded">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Attractor Lab</title>
  <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
  <link rel="icon" href="${toRoot}favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${toRoot}styles.css">
  <script type="module" src="${toRoot}${entry}"></script>
</head>
<body class="embed-body">
  <main id="main" class="embed-main">
    <noscript><p>This Attractor Lab ${shows} needs JavaScript and WebAssembly.</p></noscript>
  </main>
</body>
</html>
`;
}
// Compressed copies are worth it for text; woff2 and png are compressed already.
const COMPRESSIBLE = /\.(html|js|mjs|css|json|md|svg|txt|map|wasm)$/;

function contentHash(bytes) {
  // The same alphabet and length as esbuild's [hash], so one pattern recognizes every hashed name.
  const digest = crypto.createHash('sha256').update(bytes).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...digest.subarray(0, 8)].map((byte) => alphabet[byte & 31]).join('');
}

function writeHashed(out, name, bytes) {
  const ext = path.extname(name);
  const file = `${path.basename(name, ext)}-${contentHash(bytes)}${ext}`;
  fs.mkdirSync(path.join(out, ASSETS), { recursive: true });
  fs.writeFileSync(path.join(out, ASSETS, file), bytes);
  return file;
}

const toPosix = (file) => file.split(path.sep).join('/');

// esbuild plugin: site addresses for import.meta.url (see the top), the hashed files of `assets`
// (site path -> file name in assets/), the WebAssembly glue from wasmDir, KaTeX from its package,
// and the SCORM package's own package.js left out of the bundle (each package has its own).
function sitePlugin({ wasmDir, assets }) {
  const urlPattern = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: 'attractor-lab-site',
    setup(build) {
      build.onResolve({ filter: /wasm\/attractor_lab\.mjs$/ }, () => ({ path: path.resolve(wasmDir, 'attractor_lab.mjs') }));
      build.onResolve({ filter: /vendor\/katex\/katex\.mjs$/ }, () => ({ path: path.resolve('node_modules/katex/dist/katex.mjs') }));
      build.onResolve({ filter: /scorm\/package\.js$/ }, () => ({ path: '../scorm/package.js', external: true }));
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(WEB + path.sep)) return undefined;
        const sitePath = toPosix(path.relative(WEB, args.path));
        let text = await fs.promises.readFile(args.path, 'utf8');
        const hashed = [];
        text = text.replace(urlPattern, (match, quote, relative) => {
          const target = toPosix(path.posix.normalize(path.posix.join(path.posix.dirname(sitePath), relative)));
          if (!Object.hasOwn(assets, target)) return match;
          hashed.push(assets[target]);
          return `\u0000${hashed.length - 1}\u0000`;
        });
        const siteUrl = `new URL(${JSON.stringify(sitePath)}, new URL("../", import.meta.url)).href`;
        text = text.replaceAll('import.meta.url', siteUrl);
        text = text.replace(/\u0000(\d+)\u0000/g, (match, index) => `new URL(${JSON.stringify(`./${hashed[index]}`)}, import.meta.url)`);
        return { contents: text, loader: 'js' };
      });
    },
  };
}

const COMMON = {
  bundle: true, format: 'esm', minify: true, sourcemap: 'linked', target: 'es2022', logLevel: 'error',
  write: false, legalComments: 'linked',
};

function writeOutputs(out, outputFiles) {
  for (const file of outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(file.path, file.contents);
  }
}

// The static chunks a bundle imports, transitively (for <link rel="modulepreload">).
function staticImports(metafile, output, seen = new Set()) {
  for (const { path: imported, kind } of metafile.outputs[output]?.imports ?? []) {
    if (kind !== 'import-statement' || seen.has(imported) || !metafile.outputs[imported]) continue;
    seen.add(imported);
    staticImports(metafile, imported, seen);
  }
  return seen;
}

export async function bundleSite({ out, wasmDir }) {
  const outdir = path.resolve(out, ASSETS);
  const assets = {};
  assets['wasm/attractor_lab.wasm'] = writeHashed(out, 'attractor_lab.wasm', fs.readFileSync(path.join(wasmDir, 'attractor_lab.wasm')));

  const worker = await esbuild.build({
    ...COMMON, entryPoints: [path.join(WEB, 'src/lab/worker.js')], outdir, entryNames: '[name]-[hash]',
    metafile: true, plugins: [sitePlugin({ wasmDir, assets })],
  });
  writeOutputs(out, worker.outputFiles);
  const workerOutput = Object.keys(worker.metafile.outputs).find((name) => name.endsWith('.js'));
  assets['src/lab/worker.js'] = path.basename(workerOutput);

  const pages = await esbuild.build({
    ...COMMON, entryPoints: PAGES.map((page) => path.join(WEB, page.entry)), outdir, splitting: true,
    entryNames: '[name]-[hash]', chunkNames: 'chunk-[hash]', metafile: true, plugins: [sitePlugin({ wasmDir, assets })],
  });
  writeOutputs(out, pages.outputFiles);

  const css = await esbuild.transform(fs.readFileSync(path.join(WEB, 'styles.css'), 'utf8'), { loader: 'css', minify: true });
  const stylesheet = writeHashed(out, 'styles.css', css.code);
  fs.rmSync(path.join(out, 'styles.css'));

  const outputOf = (entry) => Object.keys(pages.metafile.outputs)
    .find((name) => pages.metafile.outputs[name].entryPoint === toPosix(path.relative(process.cwd(), path.join(WEB, entry))));
  for (const page of PAGES) {
    const htmlFile = path.join(out, page.html);
    const toRoot = '../'.repeat(page.html.split('/').length - 1);
    const entry = outputOf(page.entry);
    if (!entry) throw new Error(`bundle-site: no bundle for ${page.entry}`);
    const asset = (output) => `${toRoot}${ASSETS}/${path.basename(output)}`;
    // Preloads: the entry's static chunks, so they download beside it rather than after it, and
    // the WebAssembly module, fetched while the lesson text is parsed and shown; the page
    // compiles it and hands it to its workers (web/src/lab/page-module.js finds it by this link).
    const preloads = [
      ...[...staticImports(pages.metafile, entry)].map((chunk) => `  <link rel="modulepreload" href="${asset(chunk)}">`),
      `  <link rel="preload" href="${toRoot}${ASSETS}/${assets['wasm/attractor_lab.wasm']}" as="fetch" type="application/wasm" crossorigin>`,
    ].join('\n');
    let html = page.shows ? embeddedPage(page) : fs.readFileSync(path.join(WEB, page.html), 'utf8');
    const script = new RegExp(`<script type="module" src="${toRoot}${page.entry}"></script>`);
    const stylesheetLink = new RegExp(`<link rel="stylesheet" href="${toRoot}styles\\.css">`);
    if (!script.test(html) || !stylesheetLink.test(html)) throw new Error(`bundle-site: ${page.html} does not load ${page.entry} and styles.css as expected`);
    html = html.replace(stylesheetLink, `<link rel="stylesheet" href="${toRoot}${ASSETS}/${stylesheet}">`)
      .replace(script, `<script type="module" src="${asset(entry)}"></script>\n${preloads}`);
    fs.mkdirSync(path.dirname(htmlFile), { recursive: true });
    fs.writeFileSync(htmlFile, html);
  }
  return { assets, stylesheet, files: fs.readdirSync(path.join(out, ASSETS)).length };
}

function* filesUnder(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

// A .br and a .gz beside every text file (and the .wasm), where they are smaller: a static host
// serves them as they are (scripts/static-server.mjs, nginx's gzip_static and brotli_static).
// Not for the offline single-file pages: they are saved and opened from disk, not browsed, and
// their copies would add tens of MB to the site's zip.
export function precompress(out) {
  let count = 0;
  const offline = path.join(out, 'offline') + path.sep;
  for (const file of filesUnder(out)) {
    if (!COMPRESSIBLE.test(file) || file.startsWith(offline)) continue;
    const bytes = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(bytes, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    } });
    const gz = zlib.gzipSync(bytes, { level: 9 });
    if (br.length < bytes.length) fs.writeFileSync(`${file}.br`, br);
    if (gz.length < bytes.length) fs.writeFileSync(`${file}.gz`, gz);
    count += 1;
  }
  return count;
}

// The cache rule for hosts that read a _headers file (Netlify, Cloudflare Pages), as
// scripts/static-server.mjs applies it: every file in assets/ is named by its content.
export const HEADERS_FILE = `/assets/*
  Cache-Control: public, max-age=31536000, immutable
`;
