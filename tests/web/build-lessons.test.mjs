// The site build's lessons: each valid lesson becomes lessons/<id>.json with its formulas already
// drawn by KaTeX, which the browser's loader reads back as parseLesson gave it; a lesson with a
// problem stops the build with file:line and nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLessons } from '../../scripts/build-lessons.mjs';
import { lessonFromDocument } from '../../web/src/lessons/lesson-loader.js';
import { walkTree } from '../../web/src/lessons/render.js';

const EXAMPLE = fs.readFileSync(new URL('../../lessons/_example.md', import.meta.url), 'utf8');

async function withLessons(files, run) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-lessons-'));
  try {
    fs.mkdirSync(path.join(dir, 'lessons'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'lessons', name), text);
    return await run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a lesson is written as JSON with its formulas drawn, and reads back as the page needs it', async () => {
  await withLessons({ '_example.md': EXAMPLE }, async (dir) => {
    const out = path.join(dir, 'site');
    const { problems } = await buildLessons({ out, dir: path.join(dir, 'lessons') });
    assert.deepEqual(problems, []);
    const lesson = lessonFromDocument(JSON.parse(fs.readFileSync(path.join(out, 'lessons/example-line-leak.json'), 'utf8')));
    const formulas = lesson.blocks.flatMap((block) => [...walkTree(block.nodes ?? [])]).filter((node) => node.tag === 'math');
    assert.ok(formulas.length > 5, `${formulas.length} formulas in the prose`);
    for (const formula of formulas) {
      // KaTeX's HTML and MathML, as the page shows them.
      assert.match(formula.html, /^<span class="katex(-display)?">/, formula.tex);
      assert.match(formula.html, /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"/, formula.tex);
    }
    assert.equal(lesson.tasks.length, lesson.blocks.filter((block) => block.kind === 'task').length);
    assert.ok(fs.existsSync(path.join(out, 'vendor/katex/katex.min.css')));
    assert.equal(fs.existsSync(path.join(out, 'vendor/katex/katex.mjs')), false, 'no KaTeX code is served');
  });
});

test('a lesson with a problem stops the build at its file and line, and nothing is written', async () => {
  const bad = EXAMPLE.replace('A network of $N$ neurons', 'A [network](javascript:alert(1)) of $N$ neurons');
  const line = bad.split('\n').findIndex((text) => text.includes('javascript:')) + 1;
  await withLessons({ '_example.md': bad }, async (dir) => {
    const out = path.join(dir, 'site');
    const { problems } = await buildLessons({ out, dir: path.join(dir, 'lessons') });
    assert.equal(problems.length, 1);
    assert.match(problems[0], new RegExp(`_example\\.md:${line}: link "javascript:alert\\(1\\)" is not allowed`));
    assert.equal(fs.existsSync(path.join(out, 'lessons')), false);
  });
});
