// What the app shell calls: the lesson list (lessons/index.json) and one lesson (lessons/<id>.json),
// both written by the site build (scripts/build-lessons.mjs), and the progress of every listed
// lesson for the lesson map. A lesson arrives parsed, checked and with its formulas drawn, so
// nothing here parses Markdown or runs KaTeX.

const DEFAULT_BASE = new URL('../../lessons/', import.meta.url);
const LESSON_ID = /^[a-z0-9][a-z0-9-]*$/;

// The document format of a built lesson; lessonFromDocument refuses any other version.
export const LESSON_DOCUMENT_VERSION = 1;
const VIEWS = { widgets: 'widget', tasks: 'task', quizzes: 'quiz', claims: 'claim', predictions: 'predict' };

export class LessonLoadError extends Error {
  constructor(message, problems = []) {
    super(message);
    this.name = 'LessonLoadError';
    this.problems = problems;
  }
}

async function fetchText(url, fetchImpl) {
  const response = await fetchImpl(url);
  if (!response.ok) throw new LessonLoadError(`${url}: ${response.status} ${response.statusText}`);
  return response.text();
}

// The JSON document of a parsed lesson: its blocks once (the widgets, tasks, quizzes, claims and
// predictions are views of them, rebuilt by lessonFromDocument).
export function lessonDocument(lesson) {
  const rest = { ...lesson };
  for (const view of Object.keys(VIEWS)) delete rest[view];
  return { version: LESSON_DOCUMENT_VERSION, lesson: rest };
}

// The lesson of a document from lessonDocument, as parseLesson returns it.
export function lessonFromDocument(document, source = 'the lesson document') {
  if (!document || document.version !== LESSON_DOCUMENT_VERSION || !document.lesson || !Array.isArray(document.lesson.blocks)) {
    throw new LessonLoadError(`${source} is not a lesson of this site's version (version ${JSON.stringify(document?.version ?? null)}, expected ${LESSON_DOCUMENT_VERSION}); reload the page`);
  }
  const lesson = { ...document.lesson };
  for (const [view, kind] of Object.entries(VIEWS)) lesson[view] = lesson.blocks.filter((block) => block.kind === kind);
  return lesson;
}

// { version, lessons: [{ id, file, title, minutes, objectives, prerequisites, references, next,
//   tasks: [id], quizzes: [id] }] } in course order.
export async function loadLessonIndex({ base = DEFAULT_BASE, fetch: fetchImpl = globalThis.fetch } = {}) {
  const index = JSON.parse(await fetchText(new URL('index.json', base), fetchImpl));
  if (!index || !Array.isArray(index.lessons)) throw new LessonLoadError('lessons/index.json has no "lessons" list');
  return index;
}

// Fetches a lesson by its id (e.g. "fine-tuning") from lessons/<id>.json.
export async function loadLesson(id, { base = DEFAULT_BASE, fetch: fetchImpl = globalThis.fetch } = {}) {
  if (typeof id !== 'string' || !LESSON_ID.test(id)) throw new LessonLoadError(`"${id}" is not a lesson id (lower-case letters, digits and dashes)`);
  const url = new URL(`${id}.json`, base);
  const text = await fetchText(url, fetchImpl);
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new LessonLoadError(`${url} is not JSON (${error.message}); reload the page`);
  }
  return lessonFromDocument(document, String(url));
}

// The index's lessons, each with { progress: { done, total, complete, score } } from the store.
export function lessonMapProgress(index, store) {
  return index.lessons.map((entry) => ({
    ...entry,
    progress: store.summary(entry.id, [...entry.tasks, ...entry.quizzes]),
  }));
}
