// Assembles the static site in build/site: the pages of web/ with their code bundled
// (scripts/bundle-site.mjs: assets/, hashed names), the WebAssembly module and the lessons, with
// a .br and .gz beside every text file. Everything the page loads comes from this one folder, so
// any static host can serve it.
import fs from 'node:fs';
import path from 'node:path';
import { HEADERS_FILE, bundleSite, precompress } from './bundle-site.mjs';

const [wasmDir = 'build/wasm/wasm', out = 'build/site'] = process.argv.slice(2);

for (const file of ['attractor_lab.mjs', 'attractor_lab.wasm']) {
  const source = path.join(wasmDir, file);
  if (!fs.existsSync(source)) {
    console.error(`build-site: ${source} is missing; build the WebAssembly module first`);
    process.exit(1);
  }
}
fs.rmSync(out, { recursive: true, force: true });
// The pages and files of web/ as they are, except the JavaScript sources, which are bundled; the
// stylesheets the code adds at run time (src/lessons/lesson.css) stay where the code looks.
fs.cpSync('web', out, { recursive: true, filter: (source) => !(source.startsWith(path.join('web', 'src')) && source.endsWith('.js')) });
function removeEmptyFolders(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(path.join(dir, entry.name));
  }
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}
removeEmptyFolders(path.join(out, 'src'));
fs.cpSync('lessons', path.join(out, 'lessons'), { recursive: true });
// The embedding guide, read by the site's #/embedding page and linked as a file.
fs.copyFileSync('EMBEDDING.md', path.join(out, 'EMBEDDING.md'));

// "About the models" pages: the core's model documentation and its index.
const modelsOut = path.join(out, 'docs/models');
fs.mkdirSync(modelsOut, { recursive: true });
const models = [];
for (const file of fs.readdirSync('docs/models').filter((name) => name.endsWith('.md')).sort()) {
  const text = fs.readFileSync(path.join('docs/models', file), 'utf8');
  fs.copyFileSync(path.join('docs/models', file), path.join(modelsOut, file));
  const title = /^#\s+(.+)$/m.exec(text)?.[1] ?? file;
  models.push({ id: file.replace(/\.md$/, ''), file, title });
}
fs.writeFileSync(path.join(modelsOut, 'index.json'), `${JSON.stringify({ models }, null, 2)}\n`);
console.log(`build-site: site assembled in ${out}`);

// Lessons, parsed and checked here, each written as lessons/<id>.json, and the other Markdown
// pages as trees beside their files (scripts/build-lessons.mjs).
{
  const { buildLessons, buildMarkdownPages } = await import('./build-lessons.mjs');
  const { problems, index } = await buildLessons({ out });
  problems.push(...(await buildMarkdownPages({ out, files: ['EMBEDDING.md', ...models.map((model) => `docs/models/${model.file}`)] })).problems);
  if (problems.length) {
    for (const problem of problems) console.error(problem);
    console.error(`build-site: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the lessons and pages`);
    process.exit(1);
  }
  console.log(`build-site: ${index.lessons.length} lessons listed in ${path.join(out, 'lessons', 'index.json')}`);
}

// The pages' bundles, the worker and the module in assets/ (scripts/bundle-site.mjs).
{
  const bundled = await bundleSite({ out, wasmDir });
  fs.writeFileSync(path.join(out, '_headers'), HEADERS_FILE);
  console.log(`build-site: ${bundled.files} files in ${path.join(out, 'assets')} (pages, widgets, worker ${bundled.assets['src/lab/worker.js']}, module ${bundled.assets['wasm/attractor_lab.wasm']})`);
}

// Embeds, oEmbed answers and offline single-file pages (scripts/build-embeds.mjs).
const { buildEmbeds } = await import('./build-embeds.mjs');
const embeds = await buildEmbeds({ out, wasmDir });
console.log(`build-site: embed script, oEmbed answers and offline pages for ${embeds.widgets} widgets and ${embeds.lessons} lessons`);

console.log(`build-site: ${precompress(out)} files precompressed (.br, .gz)`);
