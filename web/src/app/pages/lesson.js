// Lesson pages and the lesson list (lessons/index.json, written by scripts/build-site.mjs).
import { h } from '../../ui/dom.js';
import { LessonLoadError, lessonMapProgress, loadLesson, loadLessonIndex as fetchLessonIndex } from '../../lessons/lesson-loader.js';
import { renderLessonPage } from '../../lessons/lesson-page.js';
import { loadWidget } from '../../widgets/catalog.js';
import { appProgressStore } from '../progress.js';
import { addShareButton } from '../../embed/share-panel.js';
import { defineTermsInPlace } from '../../lessons/term-definitions.js';

export async function loadLessonIndex() {
  try {
    return await fetchLessonIndex();
  } catch {
    return { lessons: [] };
  }
}

// Each listed lesson with its progress from the store.
export function lessonsWithProgress(index) {
  return lessonMapProgress(index, appProgressStore());
}

// Renders lesson `id` into `container`; resolves to { container, page, firstWidget, title }.
// `lessonHref` (lessonId) -> URL overrides where lesson links lead (the embed keeps its options).
export async function mountLessonPage(container, id, { embedded = false, lessonHref = null } = {}) {
  const index = await loadLessonIndex();
  const entry = index.lessons.find((lesson) => lesson.id === id);
  if (!entry) {
    container.append(h('h1', { text: 'Lesson not found' }), h('p', { text: `There is no lesson "${id}".` }));
    if (!embedded) container.append(h('p', {}, [h('a', { href: '#/', text: 'Back to the lesson map' })]));
    return { container, page: null, firstWidget: null, title: 'Lesson not found' };
  }
  let lesson;
  try {
    lesson = await loadLesson(entry.id);
  } catch (error) {
    const reason = error instanceof LessonLoadError ? error.message : `${error.message} (check the network and reload)`;
    container.append(h('h1', { text: entry.title }), h('p', { class: 'al-error', role: 'alert', text: `This lesson could not be loaded: ${reason}` }));
    return { container, page: null, firstWidget: null, title: entry.title };
  }
  const page = await renderLessonPage(container, lesson, {
    store: appProgressStore(),
    loadWidget,
    lessonHref: lessonHref ?? (embedded ? (lessonId) => `#lesson=${encodeURIComponent(lessonId)}` : undefined),
    lessonTitle: (lessonId) => index.lessons.find((other) => other.id === lessonId)?.title ?? null,
  });
  // On the site, every widget of the lesson has a Share button beside Export, as in the
  // playground (an embedded lesson does not: it is already someone's course page).
  if (!embedded) for (const element of page.widgets.values()) addShareButton(element);
  defineTermsInPlace(container);
  return { container, page, firstWidget: page.widgets.values().next().value ?? null, title: lesson.title };
}

export async function lessonRoute(container, route) {
  const mounted = await mountLessonPage(container, route.segments[1]);
  return { title: mounted.title, dispose: () => mounted.page?.destroy() };
}
