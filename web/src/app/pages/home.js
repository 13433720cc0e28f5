// The home page: what the lab is, the lesson map with the student's progress, and the way into
// the playground.
import { h } from '../../ui/dom.js';
import { WIDGETS } from '../../widgets/catalog.js';
import { downloadProgress } from '../../lessons/lesson-page.js';
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
  return { title: 'Home' };
}

// Storage problems the student must know about: progress kept only in this page, or a damaged
// saved state that was set aside.
function progressNotices() {
  const { warning, corruption } = appProgressStore().status;
  const notices = h('div', { class: 'progress-notices' });
  if (warning) notices.append(h('p', { class: 'al-error', role: 'alert', text: `${warning.message} Use "Save progress to a file" before you leave.` }));
  if (corruption) notices.append(h('p', { class: 'al-error', role: 'alert', text: `Your saved progress was damaged (${corruption.reason}); it was kept as a backup (${corruption.backupKey}) and a fresh record started.` }));
  return notices;
}

// Save progress to a file and load it back (another browser, another computer).
function progressTools() {
  const store = appProgressStore();
  const save = h('button', { type: 'button', text: 'Save progress to a file' });
  save.addEventListener('click', () => downloadProgress(document, store));
  const input = h('input', { type: 'file', accept: 'application/json,.json', id: 'progress-file', class: 'al-visually-hidden' });
  const load = h('button', { type: 'button', text: 'Load progress from a file' });
  const status = h('p', { 'aria-live': 'polite', class: 'muted' });
  load.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      store.importJSON(await file.text());
      status.textContent = `Loaded progress from ${file.name}.`;
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      status.textContent = `${file.name} was not loaded: ${error.message}. Your current progress is unchanged.`;
    }
    input.value = '';
  });
  return h('div', { class: 'progress-tools' }, [save, load, h('label', { for: 'progress-file', class: 'al-visually-hidden', text: 'Progress file' }), input, status]);
}
