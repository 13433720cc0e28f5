// No task of the lessons on memory, fine-tuning and head direction can be completed by doing
// nothing: each lesson opens on the built site with its real widgets, and before anything is
// touched every task is still open, and every check, evaluated by the lessons' own evaluator
// against the measures the widgets publish in their initial state, is false. The rendered lesson
// also has no accessibility violations axe can find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, framesPass } from './wait.mjs';
import { assertNothingDone, lessonAxeViolations, lessonReport, openLesson } from './lesson-student.mjs';

const LESSONS = [
  { id: 'memory-as-a-place', file: '01-memory-as-a-place.md' },
  { id: 'fine-tuning', file: '02-fine-tuning.md' },
  { id: 'head-direction', file: '07-head-direction.md' },
];

const site = useSite({ sources: true });

for (const { id, file } of LESSONS) {
  test(`${file}: every task check is false in the widgets' initial state`, { timeout: TIMEOUT.test }, async () => {
    const { page, problems } = await site.newPage();
    await openLesson(page, site.url, id);
    await page.waitForFunction(() => {
      const widgets = [...document.querySelectorAll('article.al-lesson [data-widget-id]')];
      return widgets.length > 0 && widgets.every((w) => w.dataset.ready === 'true' && w.measures.time_s !== undefined);
    }, null, { timeout: TIMEOUT.ready });
    // Frames for any publish queued by the start to reach the page's checks (widgets draw and
    // publish once per frame).
    await framesPass(page);

    const report = await lessonReport(page, id);

    assertNothingDone(report, file);
    for (const [widget, count] of Object.entries(report.widgets)) assert.ok(count > 5, `${widget} published its measures`);

    assert.deepEqual(await lessonAxeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
