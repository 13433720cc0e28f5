// Check evaluation for the lesson page: which widget a task's check reads, whether a task may
// count (reached, acted on, its check holding for TASK_HOLD_MS with no control held), and how a
// numeric quiz answer is judged. No DOM here: the page (lesson-page.js) shows what this decides.
import { evaluate, measureReferences, measuresLookup } from './expression.js';

// How long a task's check must stay true, with no control of its widget held, before the task
// counts: long enough that a value swept past does not count, short enough not to feel slow.
export const TASK_HOLD_MS = 1500;

// The widget an unqualified name in this task refers to (the task's widget=, or the only widget).
export function defaultWidgetOf(task, lesson) {
  return task.widget ?? (lesson.widgets.length === 1 ? lesson.widgets[0].id : null);
}

// Whether a numeric answer is within the quiz's tolerance; 'correct', 'low' or 'high'.
export function judgeNumeric(quiz, value) {
  if (!Number.isFinite(value)) return 'invalid';
  const allowed = quiz.tolerance.kind === 'relative' ? Math.abs(quiz.answer) * quiz.tolerance.value : quiz.tolerance.value;
  // A little slack for decimal input that is not exact in binary (0.1 + 0.2).
  const slack = 1e-9 * Math.max(1, Math.abs(quiz.answer));
  if (Math.abs(value - quiz.answer) <= allowed + slack) return 'correct';
  return value < quiz.answer ? 'low' : 'high';
}

// The state of every task of a page: a task counts only once reached (every earlier task done, or
// opened by the student), after the student's own action on its widget, and after its check has
// held for holdMs with no control of that widget held (lessons/README.md, "When a task counts").
// options:
//   isDone(taskId)   whether the progress already has the task
//   measures         widget id -> its latest measures (read when a check is evaluated)
//   holdMs, timers   the hold and the { setTimeout, clearTimeout } that time it
//   onHoldEnd(task)  called when a task's hold ran out (the page then asks mayCount and records it)
export class TaskChecks {
  constructor(lesson, { isDone, measures, holdMs = TASK_HOLD_MS, timers, onHoldEnd }) {
    this.lesson = lesson;
    this.isDone = isDone;
    this.measures = measures;
    this.holdMs = holdMs;
    this.timers = timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle) };
    this.onHoldEnd = onHoldEnd;
    // Per task: whether the student opened it out of order, whether it is reached, whether the
    // student acted on its widget since it was reached, whether its check holds, the pending hold.
    this.gates = new Map(lesson.tasks.map((t) => [t.id, { opened: false, reached: false, acted: false, met: false, timer: null }]));
    this.heldWidgets = new Set();  // widgets with a control held down (a pointer or a repeating key)
  }

  gate(taskId) {
    return this.gates.get(taskId);
  }

  // The widget a task is done on: its widget=, the only widget, the first widget its check names,
  // or the lesson's first widget.
  taskWidget(task) {
    return defaultWidgetOf(task, this.lesson)
      ?? (task.tree ? measureReferences(task.tree).find((ref) => ref.widget)?.widget : null)
      ?? this.lesson.widgets[0]?.id ?? null;
  }

  // { value, reason } of a task's check on the latest measures.
  checkOf(task) {
    return evaluate(task.tree, measuresLookup(this.measures, defaultWidgetOf(task, this.lesson)));
  }

  // A task is reached when every task before it is done, or when the student opened it.
  isReached(task) {
    if (this.gates.get(task.id).opened) return true;
    const index = this.lesson.tasks.indexOf(task);
    return this.lesson.tasks.slice(0, index).every((earlier) => this.isDone(earlier.id));
  }

  // Whether the task may count now, apart from how long its check has held.
  countable(task) {
    const gate = this.gates.get(task.id);
    return gate.reached && gate.acted && gate.met && !this.heldWidgets.has(this.taskWidget(task));
  }

  stopHold(gate) {
    if (gate.timer === null) return;
    this.timers.clearTimeout(gate.timer);
    gate.timer = null;
  }

  // A control of the widget is held down (true) or let go (false); returns whether that changed.
  setHeld(widgetId, held) {
    if (held) {
      const changed = !this.heldWidgets.has(widgetId);
      this.heldWidgets.add(widgetId);
      return changed;
    }
    return this.heldWidgets.delete(widgetId);
  }

  isHeld(widgetId) {
    return this.heldWidgets.has(widgetId);
  }

  // The student acted on a widget: every reached task on it restarts its hold from this action.
  studentActed(widgetId) {
    for (const task of this.lesson.tasks) {
      const gate = this.gates.get(task.id);
      if (this.taskWidget(task) !== widgetId || !gate.reached) continue;
      gate.acted = true;
      this.stopHold(gate);
    }
  }

  // The student counts a task whose check already holds as it is ("Count it").
  confirm(taskId) {
    const gate = this.gates.get(taskId);
    if (gate) gate.acted = true;
  }

  // The student opens a task out of order; returns whether it was not open before.
  open(taskId) {
    const gate = this.gates.get(taskId);
    if (!gate || gate.opened) return false;
    gate.opened = true;
    return true;
  }

  // Re-evaluates a task that is not done: whether it is reached and its check holds, starting or
  // stopping its hold. Returns { reached, result } for the page to show.
  evaluate(task) {
    const gate = this.gates.get(task.id);
    const reached = this.isReached(task);
    // Newly reached: what the widget shows now was done for an earlier task, so the task
    // waits for the student's own action.
    if (reached !== gate.reached) Object.assign(gate, { reached, acted: false });
    const result = this.checkOf(task);
    gate.met = result.value;
    if (!this.countable(task)) this.stopHold(gate);
    else if (gate.timer === null) gate.timer = this.timers.setTimeout(() => { gate.timer = null; this.onHoldEnd(task); }, this.holdMs);
    return { reached, result };
  }

  // After the hold ran out: whether the task counts now (its check still holds, nothing held).
  mayCount(task) {
    this.gates.get(task.id).met = this.checkOf(task).value;
    return !this.isDone(task.id) && this.countable(task);
  }

  // Back to the start (the lesson was reset).
  reset() {
    for (const gate of this.gates.values()) {
      this.stopHold(gate);
      Object.assign(gate, { opened: false, reached: false, acted: false, met: false });
    }
  }

  stopAll() {
    for (const gate of this.gates.values()) this.stopHold(gate);
  }
}
