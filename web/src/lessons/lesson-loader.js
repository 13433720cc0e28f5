// What the app shell calls: the lesson list (lessons/index.json, written by the site build), one
// lesson file parsed and checked, and the progress of every listed lesson for the lesson map.
import { formatProblem, parseLesson } from './lesson-format.js';

const DEFAULT_BASE = new URL('../../lessons/', import.meta.url);

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

// { version, lessons: [{ id, file, title, minutes, objectives, prerequisites, references, next,
//   tasks: [id], quizzes: [id] }] } in course order.
export async function loadLessonIndex({ base = DEFAULT_BASE, fetch: fetchImpl = globalThis.fetch } = {}) {
  const index = JSON.parse(await fetchText(new URL('index.json', base), fetchImpl));
  if (!index || !Array.isArray(index.lessons)) throw new LessonLoadError('lessons/index.json has no "lessons" list');
  return index;
}

// Fetches and parses a lesson file by its file name (e.g. "02-fine-tuning.md"). Rejects with a
// LessonLoadError listing file:line: reason when the file does not validate.
export async function loadLesson(file, { base = DEFAULT_BASE, fetch: fetchImpl = globalThis.fetch } = {}) {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*\.md$/.test(file)) throw new LessonLoadError(`"${file}" is not a lesson file name`);
  const text = await fetchText(new URL(file, base), fetchImpl);
  const { lesson, problems } = parseLesson(text, { file });
  if (problems.length) throw new LessonLoadError(problems.map(formatProblem).join('\n'), problems);
  return lesson;
}

// The index's lessons, each with { progress: { done, total, complete, score } } from the store.
export function lessonMapProgress(index, store) {
  return index.lessons.map((entry) => ({
    ...entry,
    progress: store.summary(entry.id, [...entry.tasks, ...entry.quizzes]),
  }));
}
