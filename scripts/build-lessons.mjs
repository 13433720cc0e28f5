// The lessons of the site, built once here so that the browser parses nothing: every lesson file
// must validate (the build fails with file:line: reason), then each is written as
// lessons/<id>.json (its texts parsed into trees by markdown-it, its formulas drawn by KaTeX in
// node) beside lessons/index.json, the list the lesson map reads. The page then loads KaTeX's
// style sheet and the fonts it uses, and no KaTeX code.
import fs from 'node:fs';
import path from 'node:path';
import { checkLessons, lessonFiles, loadKatex, widgetConfigChecker, widgetMeasures } from './lesson-tools.mjs';
import { lessonDocument } from '../web/src/lessons/lesson-loader.js';

// Builds the lessons of `dir` into `<out>/lessons` and KaTeX's style sheet and fonts into
// `<out>/vendor/katex`. Returns { problems: [text], index, documents: [{ id, file }] }; nothing is
// written when there are problems.
export async function buildLessons({ out, dir = 'lessons' }) {
  const katex = await loadKatex();
  const katexDist = path.join('node_modules', 'katex', 'dist');
  if (!katex || !fs.existsSync(katexDist)) return { problems: [`${katexDist} is missing; run npm ci first`], index: null, documents: [] };
  const { problems, index, parsed } = checkLessons(lessonFiles(dir), { katex, checkWidgetConfig: await widgetConfigChecker(), measuresOf: await widgetMeasures() });
  // "index.json" is the lesson list's own name.
  for (const { lesson, name } of parsed) if (lesson?.id === 'index') problems.push(`${name}:1: the lesson id "index" is taken by the lesson list; choose another`);
  if (problems.length) return { problems, index: null, documents: [] };
  const lessonsOut = path.join(out, 'lessons');
  fs.mkdirSync(lessonsOut, { recursive: true });
  fs.writeFileSync(path.join(lessonsOut, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  const documents = parsed.map(({ lesson, name }) => {
    fs.writeFileSync(path.join(lessonsOut, `${lesson.id}.json`), JSON.stringify(lessonDocument(lesson)));
    return { id: lesson.id, file: name };
  });
  const katexOut = path.join(out, 'vendor', 'katex');
  fs.mkdirSync(katexOut, { recursive: true });
  fs.copyFileSync(path.join(katexDist, 'katex.min.css'), path.join(katexOut, 'katex.min.css'));
  fs.cpSync(path.join(katexDist, 'fonts'), path.join(katexOut, 'fonts'), { recursive: true });
  return { problems: [], index, documents };
}

// The site's other Markdown pages (the embedding guide, the models' documentation), each parsed
// into a tree beside its file as <name>.json, which the page renders (web/src/app/markdown.js).
// Returns the problems (unsafe links, ...) as file:line: reason; nothing is written then.
export async function buildMarkdownPages({ out, files }) {
  const { parseMarkdown } = await import('../web/src/lessons/markdown.js');
  const pages = files.map((file) => ({ file, ...parseMarkdown(fs.readFileSync(path.join(out, file), 'utf8')) }));
  const problems = pages.flatMap(({ file, problems: found }) => found.map((p) => `${file}:${p.line}: ${p.reason}`));
  if (problems.length) return { problems };
  for (const { file, nodes } of pages) fs.writeFileSync(path.join(out, file.replace(/\.md$/, '.json')), JSON.stringify({ nodes }));
  return { problems };
}
