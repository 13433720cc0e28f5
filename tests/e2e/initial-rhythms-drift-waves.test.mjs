// No task of the lessons on rhythms that remember, drift you can undo and traveling waves can be
// completed by doing nothing: each lesson opens on the built site with its real widgets, and
// before anything is touched every task is still open, and every check, evaluated by the lessons'
// own evaluator against the measures the widgets publish in their initial state, is false. The
// page also has no accessibility violations that axe can find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useSite } from './browser.mjs';
import { TIMEOUT, framesPass } from './wait.mjs';

const AXE = fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

const LESSONS = [
  { id: 'rhythms-that-remember', file: '03-rhythms-that-remember.md' },
  { id: 'drift-you-can-undo', file: '04-drift-you-can-undo.md' },
  { id: 'traveling-waves', file: '08-traveling-waves.md' },
];

const site = useSite({ sources: true });

for (const { id, file } of LESSONS) {
  test(`${file}: every task check is false in the widgets' initial state`, { timeout: TIMEOUT.test }, async () => {
    const { page, problems } = await site.newPage();
    await page.goto(`${site.url}/#/lesson/${id}`);
    await page.waitForSelector(`article.al-lesson[data-lesson="${id}"]`, { timeout: TIMEOUT.ready });
    await page.waitForFunction(() => {
      const widgets = [...document.querySelectorAll('article.al-lesson [data-widget-id]')];
      return widgets.length > 0 && widgets.every((w) => w.dataset.ready === 'true' && Object.keys(w.measures ?? {}).length > 5);
    }, null, { timeout: TIMEOUT.ready });
    // The tanh map classifies its plane after it is ready; the initial state includes that.
    await page.waitForFunction(() => [...document.querySelectorAll('article.al-lesson al-tanh-map')]
      .every((w) => w.measures.grid_progress === 1), null, { timeout: TIMEOUT.job });
    // Frames for any publish queued by the start to reach the page's checks (widgets draw and
    // publish once per frame).
    await framesPass(page);

    const report = await page.evaluate(async (lessonId) => {
      const { loadLesson } = await import('/src/lessons/lesson-loader.js');
      const { evaluate, measuresLookup } = await import('/src/lessons/expression.js');
      const { defaultWidgetOf } = await import('/src/lessons/lesson-checks.js');
      const lesson = await loadLesson(lessonId);
      const measures = {};
      for (const element of document.querySelectorAll('article.al-lesson [data-widget-id]')) {
        measures[element.dataset.widgetId] = element.measures;
      }
      return {
        widgets: Object.keys(measures),
        tasks: lesson.tasks.map((task) => ({
          id: task.id,
          check: task.check,
          value: evaluate(task.tree, measuresLookup(measures, defaultWidgetOf(task, lesson))).value,
          state: document.querySelector(`section[data-task="${task.id}"]`).dataset.state,
        })),
        quizzes: lesson.quizzes.length,
        progress: document.querySelector('.al-lesson-progress').textContent,
      };
    }, id);

    assert.ok(report.tasks.length >= 3, `${file} has ${report.tasks.length} tasks`);
    assert.ok(report.quizzes >= 1, `${file} has ${report.quizzes} quizzes`);
    for (const task of report.tasks) {
      assert.equal(task.value, false, `task ${task.id} (${task.check}) is already true`);
      assert.equal(task.state, 'open', `task ${task.id} is shown open`);
    }
    assert.match(report.progress, /^0 of \d+ /);

    // No accessibility violations axe can find in the lesson with its widgets.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => (await window.axe.run('article.al-lesson')).violations.map((v) => `${v.id}: ${v.nodes.length}`));
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
