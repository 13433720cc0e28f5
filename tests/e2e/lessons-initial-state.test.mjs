// No task of the lessons on memory, fine-tuning, head direction, rhythms that remember, drift you
// can undo and traveling waves can be completed by doing nothing: each lesson opens on the built
// site with its real widgets, and before anything is touched every task is still open, and every
// check, evaluated by the lessons' own evaluator against the measures the widgets publish in their
// initial state, is false. The rendered lesson also has no accessibility violations axe can find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, framesPass } from './wait.mjs';
import { assertNothingDone, lessonAxeViolations, lessonReport, openLesson } from './lesson-student.mjs';

const LESSONS = [
  { id: 'memory-as-a-place', file: '01-memory-as-a-place.md' },
  { id: 'fine-tuning', file: '02-fine-tuning.md' },
  { id: 'rhythms-that-remember', file: '03-rhythms-that-remember.md' },
  { id: 'drift-you-can-undo', file: '04-drift-you-can-undo.md' },
  { id: 'head-direction', file: '07-head-direction.md' },
  { id: 'traveling-waves', file: '08-traveling-waves.md' },
];

const site = useSite({ sources: true });

for (const { id, file } of LESSONS) {
  test(`${file}: every task check is false in the widgets' initial state`, { timeout: TIMEOUT.test }, async () => {
    const { page, problems } = await site.newPage();
    await openLesson(page, site.url, id);
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

    const report = await lessonReport(page, id);

    assertNothingDone(report, file);
    assert.ok(report.quizzes >= 1, `${file} has ${report.quizzes} quizzes`);

    assert.deepEqual(await lessonAxeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
