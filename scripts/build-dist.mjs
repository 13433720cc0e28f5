// `make dist`: what an instructor uploads, from the built site (build/site) into build/dist:
//   attractor-lab-site.zip           the static site, for any static host (README: "Publishing")
//   scorm/attractor-lab-LESSON.zip   one SCORM 1.2 package per lesson
//   scorm/attractor-lab-course.zip   one SCORM 1.2 package with every lesson
// A package holds the lab's code, the WebAssembly module, the lessons and KaTeX: it loads nothing
// from the network. MASTERY_SCORE (a percent) makes a package report "passed" from that score.
//   node scripts/build-dist.mjs [SITE_DIR] [OUT_DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles, writeZip, zipFolder } from './zip.mjs';
import { checkMasteryScore } from '../web/src/scorm/scorm-runtime.js';

// What a package takes from the site: everything its launch page loads (not the offline single
// files, the embed pages or the oEmbed answers, which an LMS has no use for), without the
// precompressed copies and source maps (an LMS serves files as they are).
const PACKAGE_PARTS = ['favicon.svg', 'assets', 'src', 'vendor', 'lessons', 'scorm/index.html'];
const NOT_PACKAGED = /\.(br|gz|map)$/;

const escapeXml = (text) => String(text).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);

export function manifest({ identifier, title, files, masteryScore }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${escapeXml(identifier)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="organization">
    <organization identifier="organization">
      <title>${escapeXml(title)}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>${escapeXml(title)}</title>${masteryScore === null ? '' : `
        <adlcp:masteryscore>${masteryScore}</adlcp:masteryscore>`}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="scorm/index.html">
${files.map((file) => `      <file href="${escapeXml(file)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

// The files of one package as zip entries: the site's parts, the package's own scorm/package.js
// and imsmanifest.xml.
export function packageEntries(siteDir, { identifier, title, lessons, masteryScore }) {
  const entries = [];
  for (const part of PACKAGE_PARTS) {
    const full = path.join(siteDir, part);
    if (!fs.existsSync(full)) throw new Error(`${full} is missing: build the site first (make site)`);
    const names = fs.statSync(full).isDirectory() ? listFiles(full).map((name) => `${part}/${name}`) : [part];
    for (const name of names.filter((file) => !NOT_PACKAGED.test(file))) entries.push({ name, data: fs.readFileSync(path.join(siteDir, name)) });
  }
  const config = { title, lessons, masteryScore };
  entries.push({ name: 'scorm/package.js', data: Buffer.from(`// This package (written by scripts/build-dist.mjs).\nexport default ${JSON.stringify(config)};\n`) });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files = entries.map((entry) => entry.name);
  return [{ name: 'imsmanifest.xml', data: Buffer.from(manifest({ identifier, title, files, masteryScore })) }, ...entries];
}

export function buildScormPackage(siteDir, file, options) {
  return writeZip(file, packageEntries(siteDir, options));
}

const DEPLOY_NOTE = `Attractor Lab: the static site

Copy the contents of this archive to any static web host; nothing runs on the server.
- University web space: upload the folder (for example to public_html/attractor-lab/) and open
  index.html through https://, not from the file system.
- GitHub Pages: commit the files to a repository's gh-pages branch (or a docs/ folder) and turn
  Pages on in the repository's settings.
- Netlify: drag the unzipped folder onto Netlify's "deploy manually" area, or run
  "netlify deploy --dir=. --prod" inside it.
Serve .wasm as application/wasm if you can (compilation is then faster; other types also work).
Files in assets/ never change under their name: cache them for a year ("Cache-Control: public,
max-age=31536000, immutable"; the _headers file says so to Netlify and Cloudflare Pages) and the
HTML pages with no-cache. FILE.br and FILE.gz are precompressed copies for hosts that serve them
(nginx: gzip_static on; brotli_static on;).
Do not send X-Frame-Options or frame-ancestors for embed/ if course pages should frame the lab.
The offline/ folder holds single files that work without any server.
`;

export async function buildDist({ siteDir = 'build/site', outDir = 'build/dist', masteryScore = null } = {}) {
  const mastery = checkMasteryScore(masteryScore);
  const index = JSON.parse(fs.readFileSync(path.join(siteDir, 'lessons/index.json'), 'utf8'));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'scorm'), { recursive: true });
  const sizes = {};

  // The site with its deployment note, from a staging copy (the site folder itself stays as built).
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-lab-site-'));
  try {
    fs.cpSync(siteDir, staging, { recursive: true });
    fs.writeFileSync(path.join(staging, 'DEPLOY.txt'), DEPLOY_NOTE);
    sizes['attractor-lab-site.zip'] = zipFolder(staging, path.join(outDir, 'attractor-lab-site.zip'));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }

  for (const lesson of index.lessons) {
    const name = `scorm/attractor-lab-${lesson.id}.zip`;
    sizes[name] = buildScormPackage(siteDir, path.join(outDir, name),
      { identifier: `attractor-lab-${lesson.id}`, title: lesson.title, lessons: [lesson.id], masteryScore: mastery });
  }
  sizes['scorm/attractor-lab-course.zip'] = buildScormPackage(siteDir, path.join(outDir, 'scorm/attractor-lab-course.zip'),
    { identifier: 'attractor-lab-course', title: 'Attractor Lab: the course', lessons: index.lessons.map((lesson) => lesson.id), masteryScore: mastery });
  return sizes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [siteDir = 'build/site', outDir = 'build/dist'] = process.argv.slice(2);
  try {
    const sizes = await buildDist({ siteDir, outDir, masteryScore: process.env.MASTERY_SCORE });
    for (const [name, bytes] of Object.entries(sizes)) console.log(`dist: ${path.join(outDir, name)}  ${(bytes / 1e6).toFixed(1)} MB`);
  } catch (error) {
    console.error(`build-dist: ${error.message}`);
    process.exit(1);
  }
}
