// The embedding side of the site (see EMBEDDING.md), built into build/site by build-site.mjs:
//   embed/attractor-lab.js     the <attractor-lab> element as one classic script
//   oembed/widget-NAME.json    a static oEmbed answer per widget (and per lesson)
//   w/NAME.html                a short link per widget carrying the oEmbed discovery link
//   offline/NAME.html          one self-contained page per widget (module inlined, runs from file://)
// oEmbed answers need absolute addresses: set SITE_URL to where the site is published.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { WIDGETS } from '../web/src/widgets/catalog.js';
import { iframeSnippet } from '../web/src/embed/snippets.js';

const EMBED_WIDTH = 960;
const EMBED_HEIGHT = 720;

function escapeHtml(text) {
  return String(text).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]);
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function oembed(siteUrl, { title, embedHash }) {
  const src = new URL(`embed/v1/#${embedHash}`, siteUrl).href;
  return {
    version: '1.0', type: 'rich', provider_name: 'Attractor Lab', provider_url: siteUrl, title,
    width: EMBED_WIDTH, height: EMBED_HEIGHT, html: iframeSnippet(src, `Attractor Lab: ${title}`),
  };
}

function landingPage({ title, target, oembedHref }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · Attractor Lab</title>
<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembedHref)}" title="${escapeHtml(title)}">
<meta http-equiv="refresh" content="0; url=${escapeHtml(target)}">
</head>
<body><p><a href="${escapeHtml(target)}">${escapeHtml(title)} in Attractor Lab</a></p></body>
</html>
`;
}

async function bundle(entry, options = {}) {
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, format: 'iife', write: false, minify: true, target: 'es2022',
    logLevel: 'error', ...options,
  });
  return result.outputFiles[0].text;
}

// A plugin that provides the module's bytes as a generated module (for the offline worker).
function wasmBinaryPlugin(wasmFile) {
  return {
    name: 'wasm-binary',
    setup(build) {
      build.onResolve({ filter: /^attractor-lab:wasm-binary$/ }, (args) => ({ path: args.path, namespace: 'wasm-binary' }));
      build.onLoad({ filter: /.*/, namespace: 'wasm-binary' }, () => ({
        contents: `const text = atob(${JSON.stringify(fs.readFileSync(wasmFile).toString('base64'))});
const bytes = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
globalThis.attractorLabWasmBinary = bytes;`,
        loader: 'js',
      }));
    },
  };
}

// The module's JavaScript glue comes from the WebAssembly build (the sources import it from
// wasm/, where the unbundled site kept it).
function wasmGluePlugin(wasmDir) {
  return {
    name: 'wasm-glue',
    setup(build) {
      build.onResolve({ filter: /wasm\/attractor_lab\.mjs$/ }, () => ({ path: path.resolve(wasmDir, 'attractor_lab.mjs') }));
    },
  };
}

function offlinePage({ title, config, css, script, worker, lang = 'en' }) {
  // The one executable script is allowed by its hash; the worker source is data until it is
  // turned into a blob: worker.
  const hash = crypto.createHash('sha256').update(script).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${hash}' 'wasm-unsafe-eval'; worker-src blob:; ` +
    "style-src 'unsafe-inline'; img-src data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'";
  const safeJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title)} · Attractor Lab (offline)</title>
<style>${css}</style>
</head>
<body class="embed-body">
<main id="main" class="embed-main"><noscript><p>This page needs JavaScript and WebAssembly.</p></noscript></main>
<script type="application/json" id="offline-config">${safeJson(config)}</script>
<script type="text/plain" id="offline-worker">${worker.replace(/<\/script/gi, '<\\/script')}</script>
<script>${script}</script>
</body>
</html>
`;
}

export async function buildEmbeds({ out, wasmDir, siteUrl = process.env.SITE_URL ?? 'http://127.0.0.1:8000/' }) {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  write(path.join(out, 'embed/attractor-lab.js'), await bundle('web/src/embed/host-element.js'));

  const css = fs.readFileSync('web/styles.css', 'utf8');
  const script = (await bundle('web/src/offline/offline-main.js')).replace(/<\/script/gi, '<\\/script');
  const worker = await bundle('web/src/offline/offline-worker.js', {
    plugins: [wasmBinaryPlugin(path.join(wasmDir, 'attractor_lab.wasm')), wasmGluePlugin(wasmDir)],
    // The module's loader reads import.meta.url only to find the .wasm file, which it is given.
    define: { 'import.meta.url': '"file:///offline/attractor_lab.mjs"' },
  });

  const lessonIndex = JSON.parse(fs.readFileSync(path.join(out, 'lessons/index.json'), 'utf8'));
  const lessonScript = lessonIndex.lessons.length
    ? (await bundle('web/src/offline/offline-lesson.js', {
      define: { 'import.meta.url': '"file:///offline/lesson.js"' },
      // The page renders math with the KaTeX it imports itself (renderMath), so the lesson
      // page's own loader of vendor/katex is never called: left out, not bundled twice.
      external: ['../../vendor/katex/*'],
    }))
      .replace(/<\/script/gi, '<\\/script')
    : null;
  // KaTeX's formulas carry an HTML rendering (for its fonts and style sheet, which an offline page
  // leaves out) and MathML: the page shows the MathML.
  const lessonCss = `${css}\n${fs.readFileSync('web/src/lessons/lesson.css', 'utf8')}\n.katex-html { display: none; }\n`;
  for (const lesson of lessonIndex.lessons) {
    const embedHash = `lesson=${encodeURIComponent(lesson.id)}`;
    const answer = oembed(base, { title: lesson.title, embedHash });
    write(path.join(out, `oembed/lesson-${lesson.id}.json`), `${JSON.stringify(answer, null, 2)}\n`);
    write(path.join(out, `l/${lesson.id}.html`), landingPage({
      title: lesson.title, target: `../#/lesson/${encodeURIComponent(lesson.id)}`, oembedHref: `${base}oembed/lesson-${lesson.id}.json`,
    }));
    write(path.join(out, `offline/lesson-${lesson.id}.html`), offlinePage({
      title: lesson.title, css: lessonCss, script: lessonScript, worker,
      config: { lesson: lesson.id, file: lesson.file, lessonDocument: JSON.parse(fs.readFileSync(path.join(out, 'lessons', `${lesson.id}.json`), 'utf8')) },
    }));
  }

  for (const widget of WIDGETS) {
    const embedHash = `widget=${widget.name}`;
    const answer = oembed(base, { title: widget.title, embedHash });
    write(path.join(out, `oembed/widget-${widget.name}.json`), `${JSON.stringify(answer, null, 2)}\n`);
    write(path.join(out, `w/${widget.name}.html`), landingPage({
      title: widget.title, target: `../#/playground/${widget.name}`, oembedHref: `${base}oembed/widget-${widget.name}.json`,
    }));
    write(path.join(out, `offline/${widget.name}.html`), offlinePage({
      title: widget.title, config: { widget: widget.name, settings: '' }, css, script, worker,
    }));
  }
  return { widgets: WIDGETS.length, lessons: lessonIndex.lessons.length };
}
