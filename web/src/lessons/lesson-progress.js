// Progress recording for the lesson page: what a task or quiz done writes to the progress store
// (its score and the student's own numbers), when the lesson counts as complete, the progress
// line's text, and the progress file download. No rendering here: lesson-page.js shows it.
import { measureReferences, measuresLookup } from './expression.js';
import { defaultWidgetOf } from './lesson-checks.js';

// The values of the measures a task's check read when it was met: the student's own numbers,
// kept with the progress for the summary page (at most 16, numbers, yes/no and short texts).
export function recordOf(task, lesson, measures) {
  const lookup = measuresLookup(measures, defaultWidgetOf(task, lesson));
  const record = {};
  for (const { widget, name } of measureReferences(task.tree).slice(0, 16)) {
    const value = lookup(widget, name);
    const ok = typeof value === 'boolean' || (typeof value === 'string' && value.length <= 100) ||
      (typeof value === 'number' && Number.isFinite(value));
    if (ok) record[widget ? `${widget}.${name}` : name] = value;
  }
  return Object.keys(record).length ? record : undefined;
}

// One lesson's progress in a ProgressStore: its tasks and quizzes, and whether this visit has
// seen the lesson complete (a lesson completes once per visit, and not again on a reload).
export class LessonProgress {
  constructor(store, lesson) {
    this.store = store;
    this.lesson = lesson;
    this.itemIds = [...lesson.tasks.map((t) => t.id), ...lesson.quizzes.map((q) => q.id)];
    this.completedThisVisit = this.summary().complete;
  }

  summary() {
    return this.store.summary(this.lesson.id, this.itemIds);
  }

  isDone(itemId) {
    return this.store.isDone(this.lesson.id, itemId);
  }

  // Records a task or quiz as done; returns whether it was not done before.
  record(itemId, score, record = undefined) {
    return this.store.complete(this.lesson.id, itemId, score, record);
  }

  // Records the lesson as complete when every item is done and this visit has not yet; returns
  // whether it did.
  completeLessonIfDone() {
    if (!this.summary().complete || this.completedThisVisit) return false;
    this.completedThisVisit = true;
    this.store.completeLesson(this.lesson.id);
    return true;
  }

  // Clears the lesson's progress (other lessons keep theirs).
  reset() {
    this.store.resetLesson(this.lesson.id);
    this.completedThisVisit = false;
  }

  // The progress line under the lesson's title.
  text() {
    const s = this.summary();
    return s.complete ? `Lesson complete: all ${s.total} tasks and quizzes done.` : `${s.done} of ${s.total} tasks and quizzes done.`;
  }
}

// Offers the progress as a JSON file download.
export function downloadProgress(doc, store) {
  const blob = new Blob([store.exportJSON()], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.setAttribute('href', url);
  link.setAttribute('download', `attractor-lab-progress-${new Date().toISOString().slice(0, 10)}.json`);
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
