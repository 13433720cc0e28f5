// Lesson pages and the lesson list (built into lessons/index.json by scripts/build-site.mjs).
import { h } from '../../ui/dom.js';

export async function loadLessonIndex() {
  try {
    const response = await fetch(new URL('../../../lessons/index.json', import.meta.url));
    if (!response.ok) return [];
    const index = await response.json();
    return Array.isArray(index.lessons) ? index.lessons : [];
  } catch {
    return [];
  }
}

export function lessonProgressSummary() {
  return new Map();
}

export async function lessonRoute(container, route) {
  const id = route.segments[1];
  const lessons = await loadLessonIndex();
  const lesson = lessons.find((entry) => entry.id === id);
  if (!lesson) {
    container.append(h('h1', { text: 'Lesson not found' }), h('p', { text: `There is no lesson "${id}".` }),
      h('p', {}, [h('a', { href: '#/', text: 'Back to the lesson map' })]));
    return { title: 'Lesson not found' };
  }
  container.append(h('h1', { text: lesson.title }));
  return { title: lesson.title };
}
