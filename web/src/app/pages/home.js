// The home page: what the lab is, the lesson map with the student's progress, and the way into
// the playground.
import { h } from '../../ui/dom.js';
import { WIDGETS } from '../../widgets/catalog.js';
import { downloadProgress } from '../../lessons/lesson-page.js';
import { checkImportSize, corruptionMessage } from '../../progress/progress-store.js';
import { appProgressStore } from '../progress.js';
import { loadLessonIndex, lessonsWithProgress } from './lesson.js';

export async function homePage(container) {
  container.append(
    h('h1', { text: 'How recurrent networks remember' }),
    h('p', { class: 'lead', text: 'Attractor Lab simulates attractor networks and trains small recurrent networks live in your browser. ' +
      'The lessons let you see and measure why a continuous attractor (a line, a ring) needs fine-tuning while a ' +
      'limit cycle or torus persists under the same perturbation (though its rhythms can lock), and what that means for learning.' }),
  );
  const map = h('section', { 'aria-labelledby': 'lesson-map-heading', class: 'lesson-map' }, [
    h('h2', { id: 'lesson-map-heading', text: 'Lessons' }),
  ]);
  container.append(map);
  const index = await loadLessonIndex();
  const lessons = lessonsWithProgress(index);
  map.append(progressNotices());
  if (lessons.length === 0) {
    map.append(h('p', { text: 'No lessons are installed on this site.' }));
  } else {
    map.append(h('ol', { class: 'lesson-list' }, lessons.map((lesson) => {
      const { progress } = lesson;
      const state = progress.complete ? 'complete' : progress.done > 0 ? 'started' : 'new';
      return h('li', { class: `lesson-card lesson-${state}`, 'data-lesson': lesson.id }, [
        h('a', { href: `#/lesson/${encodeURIComponent(lesson.id)}`, text: lesson.title }),
        h('span', { class: 'lesson-meta', text: `${lesson.minutes ?? '?'} min · ${progress.done} of ${progress.total} done${progress.complete ? ' · complete' : ''}` }),
        h('progress', { max: Math.max(1, progress.total), value: progress.done, 'aria-label': `Progress in ${lesson.title}` }),
      ]);
    })));
  }
  map.append(h('p', {}, [h('a', { href: '#/summary', text: 'Your measurements across the lessons' })]));
  map.append(progressTools(container));
  container.append(h('section', { 'aria-labelledby': 'playground-heading' }, [
    h('h2', { id: 'playground-heading', text: 'Playground' }),
    h('p', { text: `Open any of the ${WIDGETS.length} widgets freely, share its exact settings with a link, or build a classroom link with controls hidden or locked.` }),
    h('p', {}, [h('a', { href: '#/playground', class: 'button-link', text: 'Open the playground' })]),
  ]));
  container.append(h('section', { 'aria-labelledby': 'instructors-heading' }, [
    h('h2', { id: 'instructors-heading', text: 'For instructors' }),
    h('ul', {}, [
      h('li', {}, [h('a', { href: '#/class', text: 'Your class: who completed what' }), ', from the progress files your students save and hand in']),
      h('li', {}, [h('a', { href: '#/embedding', text: 'Embedding Attractor Lab in a course site' }), ': iframes, SCORM packages for gradebooks, offline files']),
    ]),
  ]));
  return { title: 'Home' };
}

// Storage problems the student must know about: progress kept only in this page, or a damaged
// saved state that was set aside.
function progressNotices() {
  const { warning, corruption } = appProgressStore().status;
  const notices = h('div', { class: 'progress-notices' });
  if (warning) notices.append(h('p', { class: 'al-error', role: 'alert', text: `${warning.message} Use "Save progress to a file" before you leave.` }));
  if (corruption) notices.append(h('p', { class: 'al-error', role: 'alert', text: corruptionMessage(corruption) }));
  return notices;
}

// The outcome of the last load from a file. The page is drawn again after a load (the lesson map
// shows the new progress), so the message lives here until it is dismissed or the next action.
let fileMessage = null;  // { text, kind: 'done' | 'error' }

// Save progress to a file and load it back (another browser, another computer).
function progressTools() {
  const store = appProgressStore();
  const save = h('button', { type: 'button', text: 'Save progress to a file' });
  const input = h('input', { type: 'file', accept: 'application/json,.json', id: 'progress-file', class: 'al-visually-hidden' });
  const load = h('button', { type: 'button', text: 'Load progress from a file' });
  const status = h('div', { 'aria-live': 'polite', class: 'muted', 'data-role': 'progress-file-message' });
  const show = () => {
    if (!fileMessage) {
      status.replaceChildren();
      return;
    }
    const dismiss = h('button', { type: 'button', text: 'Dismiss', 'aria-label': 'Dismiss this message' });
    dismiss.addEventListener('click', () => {
      fileMessage = null;
      show();
      load.focus();
    });
    status.replaceChildren(h('p', { text: fileMessage.text, class: fileMessage.kind === 'error' ? 'al-error' : '' }), dismiss);
  };
  save.addEventListener('click', () => {
    fileMessage = null;
    show();
    downloadProgress(document, store);
  });
  load.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      checkImportSize(file.size);
      store.importJSON(await file.text());
      fileMessage = { kind: 'done', text: `Loaded progress from ${file.name}.` };
      show();
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      fileMessage = { kind: 'error', text: `${file.name} was not loaded: ${error.message}. Your current progress is unchanged.` };
      show();
    }
    input.value = '';
  });
  show();
  return h('div', { class: 'progress-tools' }, [save, load, h('label', { for: 'progress-file', class: 'al-visually-hidden', text: 'Progress file' }), input, status]);
}
