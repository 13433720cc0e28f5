// A SCORM 1.2 package of lesson 1 (built as `make dist` builds it, mastery score 10) in an LMS
// stand-in: a course page whose window.API is scorm-again's SCORM 1.2 runtime (what LMS players
// use), launching the package's SCO in an iframe. A scripted student stores a negative value;
// the runtime must receive LMSInitialize, the status, the score (percent of the items done), the
// progress in cmi.suspend_data and a commit; leaving calls LMSFinish; a relaunch with what the
// runtime kept shows the task still done. Outside an LMS the same page works as the site does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSite } from './browser.mjs';
import { TIMEOUT, until } from './wait.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { buildScormPackage } from '../../scripts/build-dist.mjs';
import { readZip } from '../../scripts/zip.mjs';

const LESSON = 'memory-as-a-place';
const site = useSite();
let lms;
let dir;
let entries;
// Lesson 1's tasks and quizzes, and the score of one of them done (percent, as the package reports).
let items;
let oneItemScore;

const launchPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Course: week 1</title>
<script src="scorm12.min.js"></script>
<script>
  // What the LMS kept from an earlier attempt (the test passes it in the address).
  const kept = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (kept) window.API.loadFromJSON(kept);
  window.calls = [];
  window.commits = [];
  for (const name of ['LMSInitialize', 'LMSFinish']) window.API.on(name, () => window.calls.push(name));
  window.API.on('LMSCommit', () => {
    window.calls.push('LMSCommit');
    const core = window.API.cmi.core;
    window.commits.push({ status: core.lesson_status, score: core.score.raw, suspendData: window.API.cmi.suspend_data });
  });
</script></head><body>
<h1>Week 1</h1>
<iframe id="sco" title="Lesson" src="pkg/scorm/index.html" style="width:100%;height:1400px;border:0"></iframe>
</body></html>`;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-'));
  const zip = path.join(dir, 'lesson.zip');
  const lesson = JSON.parse(fs.readFileSync(path.resolve('build/site/lessons/index.json'), 'utf8')).lessons.find((entry) => entry.id === LESSON);
  items = lesson.tasks.length + lesson.quizzes.length;
  oneItemScore = Math.round(100 / items);
  assert.ok(oneItemScore > 10, `lesson 1 has ${items} items: one item done must pass the mastery score of 10`);
  buildScormPackage(path.resolve('build/site'), zip, { identifier: `attractor-lab-${LESSON}`, title: 'Lesson 1', lessons: [LESSON], masteryScore: 10 });
  entries = readZip(zip);
  for (const [name, data] of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, 'lms/pkg', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'lms/pkg', name), data);
  }
  fs.copyFileSync(path.resolve('node_modules/scorm-again/dist/scorm12.min.js'), path.join(dir, 'lms/scorm12.min.js'));
  fs.writeFileSync(path.join(dir, 'lms/launch.html'), launchPage);
  // The course package beside it, launched by the same page with ?course.
  const course = path.join(dir, 'course.zip');
  buildScormPackage(path.resolve('build/site'), course, { identifier: 'attractor-lab-course', title: 'The course', lessons: null, masteryScore: null });
  for (const [name, data] of readZip(course)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'lms/course', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'lms/course', name), data);
  }
  fs.writeFileSync(path.join(dir, 'lms/course.html'), launchPage.replace('src="pkg/scorm/index.html"', 'src="course/scorm/index.html"'));
  lms = await startServer({ root: path.join(dir, 'lms'), contentSecurityPolicy: null });
});

after(async () => {
  await new Promise((resolve) => (lms ? lms.server.close(resolve) : resolve()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the package has its manifest, its mastery score and every file it loads', () => {
  const manifest = entries.get('imsmanifest.xml').toString('utf8');
  assert.match(manifest, /<schemaversion>1\.2<\/schemaversion>/);
  assert.match(manifest, /adlcp:scormtype="sco" href="scorm\/index\.html"/);
  assert.match(manifest, /<adlcp:masteryscore>10<\/adlcp:masteryscore>/);
  // The launch page's bundle and preloads (the module among them), as the page names them.
  const launch = entries.get('scorm/index.html').toString('utf8');
  const loaded = [...launch.matchAll(/(?:src|href)="\.\.\/(assets\/[^"]+)"/g)].map((match) => match[1]);
  assert.ok(loaded.some((name) => /^assets\/sco-[A-Z0-9]{8}\.js$/.test(name)), `the launch page loads its bundle: ${loaded.join(', ')}`);
  assert.ok(loaded.some((name) => /^assets\/attractor_lab-[A-Z0-9]{8}\.wasm$/.test(name)), `the launch page preloads the module: ${loaded.join(', ')}`);
  assert.ok(![...entries.keys()].some((name) => /\.(br|gz|map)$/.test(name)), 'no precompressed copies or source maps in a package');
  for (const name of ['scorm/index.html', 'scorm/package.js', ...loaded, 'lessons/index.json', 'lessons/memory-as-a-place.json', 'vendor/katex/katex.min.css']) {
    assert.ok(entries.has(name), `${name} is in the package`);
    assert.ok(manifest.includes(`<file href="${name}"/>`), `${name} is listed in the manifest`);
  }
  assert.match(entries.get('scorm/package.js').toString('utf8'), /"lessons":\["memory-as-a-place"\],"masteryScore":10/);
});

test('inside an LMS: status, score, progress and commits reach the runtime; a relaunch resumes', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${lms.url}launch.html`);
  const sco = page.frameLocator('#sco');
  await sco.locator('al-line[data-ready="true"]').waitFor({ timeout: TIMEOUT.ready });
  await page.waitForFunction(() => window.calls[0] === 'LMSInitialize', null, { timeout: TIMEOUT.ui });
  await sco.locator('[data-role="lms-status"]', { hasText: `Reported to your course: 0 of ${items} tasks and quizzes done (0%).` }).waitFor();
  assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), 'incomplete');

  // The student stores a negative value with the keyboard and lets the network run.
  const value = sco.getByLabel('Value to store', { exact: true });
  const line = sco.locator('al-line');
  for (let i = 0; i < 16; i++) {
    await value.press('ArrowLeft');
    const shown = Number(await value.inputValue());
    await until(() => line.evaluate((element) => element.model.params.value), (applied) => Math.abs(applied - shown) < 1e-9,
      `the value ${shown} to be applied`);
  }
  await sco.locator('al-line select[data-control="speed"]').selectOption('5');
  await sco.getByRole('button', { name: 'Play' }).click();
  await sco.locator('section[data-task="store-negative"][data-state="done"]').waitFor({ timeout: TIMEOUT.job });
  await sco.getByRole('button', { name: 'Pause' }).click();

  // The commit of that task: one item done, past the mastery score of 10.
  const commit = await until(() => page.evaluate(() => window.commits), (commits) => commits.some((c) => c.score === String(oneItemScore)),
    'a commit with the score of one task');
  const first = commit.find((c) => c.score === String(oneItemScore));
  assert.equal(first.status, 'passed');
  assert.ok(Object.hasOwn(JSON.parse(first.suspendData).p[LESSON], 'store-negative'), 'the progress went to cmi.suspend_data');
  await sco.locator('[data-role="lms-status"]', { hasText: new RegExp(`Reported to your course: [1-9] of ${items}`) }).waitFor();

  // Leaving the lesson ends the session; what the runtime keeps is what a relaunch gets.
  await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
  await page.waitForFunction(() => window.calls.includes('LMSFinish'), null, { timeout: TIMEOUT.ui });
  const kept = await page.evaluate(() => ({
    core: { lesson_status: window.API.cmi.core.lesson_status, score: { raw: window.API.cmi.core.score.raw } },
    suspend_data: window.API.cmi.suspend_data,
  }));
  const doneBefore = Object.keys(JSON.parse(kept.suspend_data).p[LESSON]);
  assert.deepEqual(requests.filter((url) => !url.startsWith(lms.url) && !/^(blob|data|about):/.test(url)), [], 'the package loads nothing from elsewhere');

  // A new launch (a new document: not just another hash on the same one).
  await page.goto(`${lms.url}launch.html?attempt=2#${encodeURIComponent(JSON.stringify(kept))}`);
  await sco.locator('al-line[data-ready="true"]').waitFor({ timeout: TIMEOUT.ready });
  for (const task of doneBefore) await sco.locator(`section[data-task="${task}"][data-state="done"]`).waitFor();
  await sco.locator('[data-role="lms-status"]', { hasText: `Reported to your course: ${doneBefore.length} of ${items}` }).waitFor();
  assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), 'passed', 'the status was not taken back');
  assert.deepEqual(problems, []);
  await page.close();
});

test('outside an LMS the package\'s page works as the site does', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${lms.url}pkg/scorm/index.html`);
  await page.locator('article.al-lesson al-line[data-ready="true"]').waitFor({ timeout: TIMEOUT.ready });
  await page.locator('[data-role="lms-status"]', { hasText: `Not in a course (no LMS found): 0 of ${items} done` }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('the course package lists its lessons and moves between them within one LMS session', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${lms.url}course.html`);
  const sco = page.frameLocator('#sco');
  const index = JSON.parse(fs.readFileSync(path.resolve('build/site/lessons/index.json'), 'utf8'));
  const total = index.lessons.reduce((sum, lesson) => sum + lesson.tasks.length + lesson.quizzes.length, 0);
  await sco.locator('[data-role="lms-status"]', { hasText: `Reported to your course: 0 of ${total} tasks and quizzes done (0%).` }).waitFor({ timeout: TIMEOUT.ready });
  assert.equal(await sco.locator('.lesson-card').count(), index.lessons.length);
  await sco.getByRole('link', { name: index.lessons[0].title }).click();
  await sco.locator(`article.al-lesson[data-lesson="${index.lessons[0].id}"] [data-widget-id][data-ready="true"]`).first().waitFor({ timeout: TIMEOUT.ready });
  await sco.getByRole('link', { name: 'All lessons of this course' }).click();
  await sco.locator('.lesson-card').first().waitFor();
  assert.deepEqual(await page.evaluate(() => window.calls.filter((call) => call !== 'LMSCommit')), ['LMSInitialize'], 'one session, not ended by moving between lessons');
  assert.deepEqual(problems, []);
  await page.close();
});
