// The launch page of a SCORM 1.2 package (scorm/index.html): the package's lesson, or its lessons
// with a list to choose from, reporting to the LMS that launched it. Inside an LMS the progress
// lives in the LMS (cmi.suspend_data), not in the browser, which a whole class may share: the
// page's store is in memory and starts from what the LMS kept. Every task or quiz done sends the
// score (percent of the items done), the status and the progress, then LMSCommit; leaving the
// page calls LMSFinish. Outside an LMS the page works as the site does, with the browser's store.
import { h } from '../ui/dom.js';
import { applyThemeFromStorage } from '../app/theme.js';
import { appProgressStore, useAppProgressStore } from '../app/progress.js';
import { loadLessonIndex, mountLessonPage } from '../app/pages/lesson.js';
import { ProgressStore } from '../progress/progress-store.js';
import { ScormSession, encodeSuspendData, findScormApi, progressFileFromSuspendData, scormResult } from './scorm-runtime.js';
import config from '../../scorm/package.js';
import { pageModule } from '../lab/page-module.js';

// Web Storage in memory: the progress of this launch, seeded from the LMS.
function memoryStorage() {
  const values = new Map();
  return {
    getItem: (key) => (values.has(key) ? values.get(key) : null),
    setItem: (key, value) => values.set(key, String(value)),
    removeItem: (key) => values.delete(key),
  };
}

const lessonHash = (id) => `#lesson=${encodeURIComponent(id)}`;
const lessonFromHash = () => new URLSearchParams(location.hash.replace(/^#/, '')).get('lesson');

async function start() {
  applyThemeFromStorage();
  const main = document.getElementById('main');
  const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-role': 'lms-status' });
  const alerts = h('div', { role: 'alert', class: 'al-error', 'data-role': 'lms-error' });
  const content = h('div', {});
  main.append(h('div', { class: 'embed-bar' }, [status]), alerts, content);
  const showError = (message) => alerts.append(h('p', { text: `${message}. Your work on this page is kept; tell your instructor if this stays.` }));

  const api = findScormApi(window);
  let session = null;
  if (api) {
    useAppProgressStore(new ProgressStore({ storage: memoryStorage(), events: null }));
    session = new ScormSession(api, { onError: showError });
    const suspended = session.start();
    if (suspended === null) {
      session = null;
      status.textContent = 'The course (LMS) did not start a session: your progress is kept in this browser only.';
    } else {
      try {
        const file = progressFileFromSuspendData(suspended);
        if (file) appProgressStore().importJSON(file);
      } catch (error) {
        showError(`Your earlier progress from the course could not be read: ${error.message}`);
      }
      addEventListener('pagehide', () => session.finish());
    }
  }
  const store = appProgressStore();

  const index = await loadLessonIndex();
  const ids = config.lessons ?? index.lessons.map((lesson) => lesson.id);
  const entries = ids.map((id) => index.lessons.find((lesson) => lesson.id === id)).filter(Boolean);
  if (entries.length !== ids.length) {
    showError(`This package names lessons the site does not have: ${ids.filter((id) => !entries.some((entry) => entry.id === id)).join(', ')}`);
  }
  const items = Object.fromEntries(entries.map((entry) => [entry.id, [...entry.tasks, ...entry.quizzes]]));

  const report = () => {
    const done = Object.fromEntries(entries.map((entry) => [entry.id, store.lessonProgress(entry.id).items]));
    const result = scormResult(items, done, { masteryScore: config.masteryScore });
    if (session) {
      try {
        session.report(result, encodeSuspendData(done));
      } catch (error) {
        showError(`Your progress could not be sent to the course: ${error.message}`);
      }
      status.textContent = `Reported to your course: ${result.done} of ${result.total} tasks and quizzes done (${result.score}%).`;
    } else if (!api) {
      status.textContent = `Not in a course (no LMS found): ${result.done} of ${result.total} done; progress is kept in this browser.`;
    }
  };
  store.addEventListener('change', report);
  report();

  let mounted = null;
  const show = async () => {
    mounted?.page?.destroy();
    mounted = null;
    content.replaceChildren();
    const id = lessonFromHash() ?? (entries.length === 1 ? entries[0].id : null);
    if (id) {
      if (entries.length > 1) content.append(h('p', {}, [h('a', { href: '#', text: 'All lessons of this course' })]));
      // A lesson's "next lesson" link leads outside a one-lesson package: it still opens (every
      // lesson file is in the package), but only the package's own lessons are reported.
      if (!entries.some((entry) => entry.id === id)) {
        content.append(h('p', { class: 'embed-notice', 'data-role': 'not-graded' }, [
          'This lesson is not part of this course activity: what you do here is not reported. ',
          h('a', { href: entries.length === 1 ? lessonHash(entries[0].id) : '#', text: 'Back to the course activity' }),
        ]));
      }
      const container = h('div', {});
      content.append(container);
      mounted = await mountLessonPage(container, id, { embedded: true, lessonHref: lessonHash });
      document.title = `${mounted.title} · Attractor Lab`;
      return;
    }
    document.title = `${config.title} · Attractor Lab`;
    content.append(h('h1', { text: config.title }), h('ol', { class: 'lesson-list' }, entries.map((entry) => {
      const progress = store.summary(entry.id, items[entry.id]);
      return h('li', { class: 'lesson-card', 'data-lesson': entry.id }, [
        h('a', { href: lessonHash(entry.id), text: entry.title }),
        h('span', { class: 'lesson-meta', text: ` ${progress.done} of ${progress.total} done${progress.complete ? ' · complete' : ''}` }),
      ]);
    })));
  };
  // Moving between lessons stays in this page: a reload would end the LMS session.
  addEventListener('hashchange', () => show().catch((error) => showError(error.message)));
  await show();
}

start().catch((error) => {
  document.getElementById('main').append(h('p', { class: 'al-error', role: 'alert', text: error.message }));
});
// The page's preloaded WebAssembly module is compiled from the start, while the page is built.
pageModule();
