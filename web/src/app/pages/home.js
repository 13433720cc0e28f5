// The home page: what the lab is, the lesson map with the student's progress, and the way into
// the playground.
import { h } from '../../ui/dom.js';
import { WIDGETS } from '../../widgets/catalog.js';
import { loadLessonIndex, lessonProgressSummary } from './lesson.js';

export async function homePage(container) {
  container.append(
    h('h1', { text: 'How recurrent networks remember' }),
    h('p', { class: 'lead', text: 'Attractor Lab simulates attractor networks and trains small recurrent networks live in your browser. ' +
      'The lessons let you see and measure why a continuous attractor (a line, a ring) needs fine-tuning while a ' +
      'quasi-periodic attractor (a limit cycle, a torus) is robust, and what that means for learning.' }),
  );
  const map = h('section', { 'aria-labelledby': 'lesson-map-heading', class: 'lesson-map' }, [
    h('h2', { id: 'lesson-map-heading', text: 'Lessons' }),
  ]);
  container.append(map);
  const lessons = await loadLessonIndex();
  if (lessons.length === 0) {
    map.append(h('p', { text: 'No lessons are installed on this site.' }));
  } else {
    const summary = lessonProgressSummary(lessons);
    map.append(h('ol', { class: 'lesson-list' }, lessons.map((lesson) => {
      const progress = summary.get(lesson.id) ?? { done: 0, total: lesson.tasks?.length ?? 0 };
      const state = progress.total > 0 && progress.done >= progress.total ? 'complete' : progress.done > 0 ? 'started' : 'new';
      return h('li', { class: `lesson-card lesson-${state}`, 'data-lesson': lesson.id }, [
        h('a', { href: `#/lesson/${encodeURIComponent(lesson.id)}`, text: lesson.title }),
        h('span', { class: 'lesson-meta', text: `${lesson.minutes ?? '?'} min · ${progress.done} of ${progress.total} tasks done` }),
        h('progress', { max: Math.max(1, progress.total), value: progress.done, 'aria-label': `Progress in ${lesson.title}` }),
      ]);
    })));
  }
  container.append(h('section', { 'aria-labelledby': 'playground-heading' }, [
    h('h2', { id: 'playground-heading', text: 'Playground' }),
    h('p', { text: `Open any of the ${WIDGETS.length} widgets freely, share its exact settings with a link, or build a classroom link with controls hidden or locked.` }),
    h('p', {}, [h('a', { href: '#/playground', class: 'button-link', text: 'Open the playground' })]),
  ]));
  return { title: 'Home' };
}
